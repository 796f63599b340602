"""Issue 17 through the API: tiers, salary items and time use as the sources give
it (the worked example of tests/tariffs/test_timepris_trin.py, by hand there)."""

import pytest

from tariffs.engine import GRUPPE_OVERLAP, LOEN_I_ALT_FEJL, LOENPOST_FORTEGN_FEJL
from tariffs.models import Timeprisgruppe, Timeprismodel
from tariffs.serializers import LINJE_EN_FORM

URL = "/api/v1/timeprismodeller/"
TAKST_URL = "/api/v1/takstmodeller/"
EKSEMPEL = {
    "aar": 2027,
    "navn": "Botilbud",
    "aarsloen": "450000.00",
    "aarsnorm_timer": "1924.00",
    "fravaer": [
        {"kategori": "ferie", "timer": "185"},
        {"kategori": "egen_sygdom", "procent": "6"},
    ],
    "tidsanvendelse": [
        {"kategori": "pauser", "timer_pr_dag": "0.5"},
        {"kategori": "personalemoeder", "timer_pr_uge": "1.5"},
        {"kategori": "dokumentation", "procent": "5"},
        {"kategori": "uddannelse", "procent_aarsnorm": "1"},
        {"kategori": "mus", "timer": "4"},
    ],
    "loenposter": [
        {"kategori": "vikar", "beloeb": "12000"},
        {"kategori": "dagpengerefusion", "beloeb": "-8000"},
    ],
    "grupper": [
        {"fra": 2, "til": 4, "direkte_procent": "62"},
        {"fra": 5, "til": 16, "direkte_procent": "64"},
        {"fra": 17, "til": None, "direkte_procent": "68"},
    ],
}


def _niveauer() -> list[dict]:
    """17 levels of 2 hours per døgn; the top open at 33 hours."""
    niveauer = [
        {"kode": str(n), "navn": f"Niveau {n}", "nedre": 2 * n - 2, "oevre": 2 * n}
        for n in range(1, 17)
    ]
    niveauer.append(
        {"kode": "17", "navn": "Niveau 17", "nedre": 32, "takstgivende": "33"}
    )
    return niveauer


@pytest.fixture
def timepris(oekonomi_api) -> dict:
    return oekonomi_api.post(URL, EKSEMPEL, format="json").json()


def test_salary_items_give_loen_i_alt(timepris):
    # 450.000 + 12.000 − 8.000
    assert timepris["loen_i_alt"] == "454000.00"


def test_every_entry_form_gives_the_hand_computed_timepris_direkte(timepris):
    # 454.000 / 1.343,622 = 337,8926…
    assert timepris["timepris_direkte"] == "337.89"


def test_each_tier_shows_its_timepris(timepris):
    # 454.000 / (1.623,56 × 62 %, 64 %, 68 %) = 451,02; 436,93; 411,22
    assert [g["timepris"] for g in timepris["grupper"]] == [
        "451.02",
        "436.93",
        "411.22",
    ]


def test_a_lines_form_is_returned_as_given(timepris):
    pauser = next(t for t in timepris["tidsanvendelse"] if t["kategori"] == "pauser")
    assert (pauser["timer"], pauser["timer_pr_dag"]) == (None, "0.500")


@pytest.mark.parametrize(
    ("kode", "forventet"),
    [("1", "337.89"), ("3", "2255.10"), ("8", "6553.95"), ("17", "13570.26")],
)
def test_servicetakst_uses_the_timepris_of_the_levels_tier(
    oekonomi_api, timepris, kode, forventet
):
    # 1 t × 337,89; 5 t × 451,02; 15 t × 436,93; 33 t × 411,22
    body = {
        "aar": 2027,
        "navn": "Takstmodel 2027",
        "enhed": "timer_pr_doegn",
        "timeprismodel": timepris["id"],
        "niveauer": _niveauer(),
    }
    data = oekonomi_api.post(TAKST_URL, body, format="json").json()
    takster = {n["kode"]: n["servicetakst_pr_doegn"] for n in data["niveauer"]}
    assert takster[kode] == forventet


def test_patch_without_tiers_keeps_them(oekonomi_api, timepris):
    url = f"{URL}{timepris['id']}/"
    data = oekonomi_api.patch(url, {"navn": "Nyt navn"}, format="json").json()
    assert len(data["grupper"]) == 3


def test_a_changed_tier_keeps_its_history(oekonomi_api, timepris):
    url = f"{URL}{timepris['id']}/"
    grupper = [
        {**g, "direkte_procent": "63"} if g["fra"] == 2 else g
        for g in EKSEMPEL["grupper"]
    ]
    oekonomi_api.patch(url, {"grupper": grupper}, format="json")
    gruppe = Timeprisgruppe.objects.get(fra=2)
    assert [str(h.direkte_procent) for h in gruppe.history.order_by("history_id")] == [
        "62.000",
        "63.000",
    ]


def test_overlapping_tiers_are_400_and_write_nothing(oekonomi_api):
    grupper = [
        {"fra": 2, "til": 5, "direkte_procent": "62"},
        {"fra": 5, "til": None, "direkte_procent": "64"},
    ]
    response = oekonomi_api.post(URL, {**EKSEMPEL, "grupper": grupper}, format="json")
    assert response.status_code == 400
    assert response.json()["grupper"] == [GRUPPE_OVERLAP.format(niveau=5)]
    assert not Timeprismodel.objects.exists()


def test_positive_dagpengerefusion_is_400(oekonomi_api):
    poster = [{"kategori": "dagpengerefusion", "beloeb": "8000"}]
    response = oekonomi_api.post(URL, {**EKSEMPEL, "loenposter": poster}, format="json")
    assert response.json()["loenposter"] == [LOENPOST_FORTEGN_FEJL]


def test_a_line_in_two_forms_is_400(oekonomi_api):
    tid = [{"kategori": "pauser", "timer": "10", "timer_pr_dag": "0.5"}]
    response = oekonomi_api.post(
        URL, {**EKSEMPEL, "tidsanvendelse": tid}, format="json"
    )
    assert response.json()["tidsanvendelse"]["0"]["timer"] == [LINJE_EN_FORM]


def test_anonymous_cannot_create_tiers(db, anonym):
    assert anonym.post(URL, EKSEMPEL, format="json").status_code in (401, 403)


def test_salary_items_that_leave_no_salary_are_400(oekonomi_api):
    # 450.000 − 450.000 = 0 kr.
    poster = [{"kategori": "dagpengerefusion", "beloeb": "-450000"}]
    response = oekonomi_api.post(URL, {**EKSEMPEL, "loenposter": poster}, format="json")
    assert response.json()["loenposter"] == [LOEN_I_ALT_FEJL]
    assert not Timeprismodel.objects.exists()
