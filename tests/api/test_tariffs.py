from decimal import Decimal

import pytest

from tariffs.engine import OEVRE_IKKE_OVER_NEDRE, OVERLAP, TAKSTGIVENDE_UDENFOR
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.serializers import LINJE_EN_AF
from tariffs.services import KODE_I_BRUG

URL = "/api/v1/timeprismodeller/"
TAKST_URL = "/api/v1/takstmodeller/"
EKSEMPEL = {
    "aar": 2027,
    "navn": "Botilbud",
    "aarsloen": "480000.00",
    "aarsnorm_timer": "1924.00",
    "fravaer": [
        {"kategori": "ferie", "procent": "17"},
        {"kategori": "egen_sygdom", "procent": "5"},
    ],
    "tidsanvendelse": [{"kategori": "pauser", "procent": "35"}],
}


def _niveauer():
    return [
        {"kode": "1", "navn": "Niveau 1", "nedre": "0", "oevre": "2"},
        {"kode": "2", "navn": "Niveau 2", "nedre": "2", "oevre": "4"},
        {"kode": "S1", "navn": "Særtakst", "nedre": "4", "saertakst": True},
    ]


@pytest.fixture
def timepris(oekonomi_api):
    return oekonomi_api.post(URL, EKSEMPEL, format="json").json()


def test_create_timeprismodel_gives_the_worked_example(oekonomi_api):
    data = oekonomi_api.post(URL, EKSEMPEL, format="json").json()
    assert (data["timepris_fremmoede"], data["timepris_direkte"]) == (
        "319.85",
        "492.07",
    )


def test_create_timeprismodel_shows_derived_hours(oekonomi_api):
    data = oekonomi_api.post(URL, EKSEMPEL, format="json").json()
    assert [
        data[k] for k in ("fremmoede_timer", "indirekte_timer", "direkte_timer")
    ] == [
        "1500.720",
        "525.252",
        "975.468",
    ]


def test_create_timeprismodel_returns_201(oekonomi_api):
    assert oekonomi_api.post(URL, EKSEMPEL, format="json").status_code == 201


def test_line_with_both_timer_and_procent_is_400_with_danish_error(oekonomi_api):
    body = {
        **EKSEMPEL,
        "fravaer": [{"kategori": "ferie", "timer": "10", "procent": "5"}],
    }
    response = oekonomi_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["fravaer"]["0"]["timer"] == [LINJE_EN_AF]


def test_bad_timeprismodel_writes_nothing(oekonomi_api):
    oekonomi_api.post(URL, {**EKSEMPEL, "aarsloen": "mange"}, format="json")
    assert not Timeprismodel.objects.exists()


def test_missing_field_is_reported_in_danish(oekonomi_api):
    body = {k: v for k, v in EKSEMPEL.items() if k != "aarsloen"}
    response = oekonomi_api.post(URL, body, format="json")
    assert response.json()["aarsloen"] == ["Dette felt er påkrævet."]


def test_service_error_no_direct_time_is_400(oekonomi_api):
    body = {**EKSEMPEL, "tidsanvendelse": [{"kategori": "pauser", "timer": "5000"}]}
    response = oekonomi_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert "tidsanvendelse" in response.json()
    assert not Timeprismodel.objects.exists()


def test_duplicate_aar_and_navn_is_400(oekonomi_api, timepris):
    response = oekonomi_api.post(URL, EKSEMPEL, format="json")
    assert response.status_code == 400
    assert Timeprismodel.objects.count() == 1


def test_raadgiver_may_not_create_a_timeprismodel(raadgiver_api):
    assert raadgiver_api.post(URL, EKSEMPEL, format="json").status_code == 403


def test_anonymous_may_not_read_timeprismodeller(anonym, db):
    assert anonym.get(URL).status_code == 401


def test_leder_may_read_timeprismodeller(leder_a_api, timepris):
    assert leder_a_api.get(f"{URL}{timepris['id']}/").status_code == 200


def test_unknown_timeprismodel_is_404(oekonomi_api, db):
    assert oekonomi_api.get(f"{URL}999/").status_code == 404


def test_put_replaces_the_lines(oekonomi_api, timepris):
    body = {**EKSEMPEL, "fravaer": [{"kategori": "ferie", "procent": "17"}]}
    data = oekonomi_api.put(f"{URL}{timepris['id']}/", body, format="json").json()
    assert [line["kategori"] for line in data["fravaer"]] == ["ferie"]


def test_hvis_shows_the_effect_of_more_sick_leave(oekonomi_api, timepris):
    body = {"fravaer": [{"kategori": "egen_sygdom", "procent": "6"}]}
    data = oekonomi_api.post(f"{URL}{timepris['id']}/hvis/", body, format="json").json()
    assert data["foer"]["timepris_direkte"] == "492.07"
    assert Decimal(data["forskel"]["timepris_direkte"]) > 0


def test_hvis_saves_nothing(oekonomi_api, timepris):
    body = {"aarsloen": "500000"}
    oekonomi_api.post(f"{URL}{timepris['id']}/hvis/", body, format="json")
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_hvis_without_direct_time_is_400(oekonomi_api, timepris):
    body = {"tidsanvendelse": [{"kategori": "pauser", "procent": "99.9"}]}
    body["tidsanvendelse"].append({"kategori": "transport", "timer": "1000"})
    response = oekonomi_api.post(f"{URL}{timepris['id']}/hvis/", body, format="json")
    assert response.status_code == 400
    assert "tidsanvendelse" in response.json()


def test_leder_may_ask_what_if(leder_a_api, timepris):
    body = {"aarsloen": "500000"}
    response = leder_a_api.post(f"{URL}{timepris['id']}/hvis/", body, format="json")
    assert response.status_code == 200


def test_hvis_on_unknown_model_is_404(oekonomi_api, db):
    assert oekonomi_api.post(f"{URL}999/hvis/", {}, format="json").status_code == 404


# --- Takstmodeller ---------------------------------------------------------------


def _takst_body(timepris, **extra):
    return {
        "aar": 2027,
        "navn": "Takster 2027",
        "enhed": "timer_pr_doegn",
        "timeprismodel": timepris["id"],
        "niveauer": _niveauer(),
        **extra,
    }


def test_create_takstmodel_prices_each_level(oekonomi_api, timepris):
    response = oekonomi_api.post(TAKST_URL, _takst_body(timepris), format="json")
    niveauer = {n["kode"]: n for n in response.json()["niveauer"]}
    # Niveau 2: the middle of 2-4 = 3 hours × 492.07.
    assert niveauer["2"]["servicetakst_pr_doegn"] == "1476.21"


def test_saertakst_has_no_servicetakst(oekonomi_api, timepris):
    response = oekonomi_api.post(TAKST_URL, _takst_body(timepris), format="json")
    niveauer = {n["kode"]: n for n in response.json()["niveauer"]}
    assert (niveauer["S1"]["servicetakst_pr_doegn"], niveauer["S1"]["oevre"]) == (
        None,
        None,
    )


def test_level_with_oevre_below_nedre_is_400_and_writes_nothing(oekonomi_api, timepris):
    niveauer = _niveauer()
    niveauer[1]["oevre"] = "1"
    body = _takst_body(timepris, niveauer=niveauer)
    response = oekonomi_api.post(TAKST_URL, body, format="json")
    assert response.json()["niveauer"]["1"]["oevre"] == [OEVRE_IKKE_OVER_NEDRE]
    assert not Takstmodel.objects.exists()


def test_overlapping_levels_are_400_on_the_upper_levels_nedre(oekonomi_api, timepris):
    niveauer = _niveauer()
    niveauer[0]["oevre"] = "2.5"  # niveau 1 up to 2,5; niveau 2 from 2
    body = _takst_body(timepris, niveauer=niveauer)
    response = oekonomi_api.post(TAKST_URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "niveauer": {"1": {"nedre": [OVERLAP.format(forrige="1", oevre="2,5")]}}
    }


def test_takstgivende_outside_its_span_is_400_and_writes_nothing(
    oekonomi_api, timepris
):
    niveauer = _niveauer()
    niveauer[1]["takstgivende"] = "1.5"  # niveau 2 spans [2; 4)
    body = _takst_body(timepris, niveauer=niveauer)
    response = oekonomi_api.post(TAKST_URL, body, format="json")
    assert response.json()["niveauer"]["1"]["takstgivende"] == [
        TAKSTGIVENDE_UDENFOR.format(nedre="2", oevre="4")
    ]
    assert not Takstmodel.objects.exists()


def test_a_takstmodel_without_the_code_anna_is_on_is_400(oekonomi_api, timepris, anna):
    # Anna is on niveau 2 from 1 February 2026 with no afgang: she is in 2027 too.
    niveauer = [_niveauer()[0], {**_niveauer()[2], "nedre": "2"}]
    response = oekonomi_api.post(
        TAKST_URL, _takst_body(timepris, niveauer=niveauer), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "niveauer": [
            KODE_I_BRUG.format(kode="2", aar=2027, borgere="Anna (010190-xxxx)")
        ]
    }


def test_unknown_timeprismodel_in_body_is_a_field_error(oekonomi_api, timepris):
    body = _takst_body({"id": 999})
    response = oekonomi_api.post(TAKST_URL, body, format="json")
    assert response.status_code == 400
    assert "timeprismodel" in response.json()


def test_second_takstmodel_for_a_year_is_400(oekonomi_api, timepris):
    oekonomi_api.post(TAKST_URL, _takst_body(timepris), format="json")
    response = oekonomi_api.post(TAKST_URL, _takst_body(timepris), format="json")
    assert response.status_code == 400
    assert "aar" in response.json()


def test_put_takstmodel_renames_a_level(oekonomi_api, timepris):
    created = oekonomi_api.post(TAKST_URL, _takst_body(timepris), format="json").json()
    niveauer = _niveauer()
    niveauer[0]["navn"] = "Let støtte"
    body = _takst_body(timepris, niveauer=niveauer)
    data = oekonomi_api.put(f"{TAKST_URL}{created['id']}/", body, format="json").json()
    assert data["niveauer"][0]["navn"] == "Let støtte"


def test_leder_may_not_create_a_takstmodel(leder_a_api, timepris):
    response = leder_a_api.post(TAKST_URL, _takst_body(timepris), format="json")
    assert response.status_code == 403


def test_leder_may_not_change_a_takstmodel(leder_a_api, takstmodel_2026):
    response = leder_a_api.put(f"{TAKST_URL}{takstmodel_2026.pk}/", {}, format="json")
    assert response.status_code == 403


def test_anonymous_may_not_read_takstmodeller(anonym, db):
    assert anonym.get(TAKST_URL).status_code == 401


def test_unknown_takstmodel_is_404(oekonomi_api, db):
    assert oekonomi_api.get(f"{TAKST_URL}999/").status_code == 404
