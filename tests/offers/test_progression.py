"""Progression in the database (issue 19 item 4): the follow-up date, a
tilbud's level movement and length of stay, the due-list on the start page,
the borger page's chart tables and the API. Figures computed by hand."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from offers import services
from offers.models import Indplacering
from offers.selectors_progression import tilbud_progression
from offers.services.opfoelgning import (
    OPFOELGNING_FOER_NIVEAU,
    indplacering_opfoelgning_set,
)
from tests.conftest import make_takstmodel

D = datetime.date
IDAG = D(2026, 6, 1)  # D; D − 12 months = 01.06.2025


@pytest.fixture
def idag(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: IDAG)
    return IDAG


@pytest.fixture
def niveau_2025(oekonomichef):
    return {n.kode: n for n in make_takstmodel(2025, oekonomichef).niveauer.all()}


def _borger(navn, cpr, raadgiver):
    return services.borger_create(cpr=cpr, navn=navn, acting_user=raadgiver)


def _tilgang(borger, tilbud, dato, niveau, raadgiver, **kw):
    return services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=dato,
        takstniveau=niveau,
        acting_user=raadgiver,
        **kw,
    )


def _nyt_niveau(borger, dato, niveau, raadgiver, **kw):
    return services.indplacering_create(
        borger=borger, gyldig_fra=dato, takstniveau=niveau, acting_user=raadgiver, **kw
    )


@pytest.fixture
def historie(raadgiver, tilbud_a, tilbud_b, niveau, niveau_2025):
    """Tilbud A on D = 01.06.2026 (levels 1 < 2 < 3 by rækkefølge):

    Anna  from 01.02.2025 at 2; 3 from 01.03.2026         2 → 3: up
    Bo    from 15.01.2025 at 3; 1 from 01.02.2026         3 → 1: down
    Cai   from 01.04.2025 at 2                            2 → 2: stayed
    Frede from 01.05.2025 at 2                            2 → 2: stayed
    Dorte from 01.09.2025 at 1: not there on 01.06.2025, not compared
    Erik  01.03.2025-01.12.2025 at 1: gone on D, not compared
    Gry   in tilbud B from 01.01.2025: another tilbud, not counted
    """
    b = {}
    for navn, cpr, tilbud, tilgang, kode in (
        ("Anna", "010190-1234", tilbud_a, D(2025, 2, 1), "2"),
        ("Bo", "020290-1234", tilbud_a, D(2025, 1, 15), "3"),
        ("Cai", "030390-1234", tilbud_a, D(2025, 4, 1), "2"),
        ("Frede", "040490-1234", tilbud_a, D(2025, 5, 1), "2"),
        ("Dorte", "050590-1234", tilbud_a, D(2025, 9, 1), "1"),
        ("Erik", "060690-1234", tilbud_a, D(2025, 3, 1), "1"),
        ("Gry", "070790-1234", tilbud_b, D(2025, 1, 1), "3"),
    ):
        b[navn] = _borger(navn, cpr, raadgiver)
        _tilgang(b[navn], tilbud, tilgang, niveau_2025[kode], raadgiver)
    _nyt_niveau(b["Anna"], D(2026, 3, 1), niveau["3"], raadgiver)
    _nyt_niveau(b["Bo"], D(2026, 2, 1), niveau["1"], raadgiver)
    services.borger_afgang(borger=b["Erik"], dato=D(2025, 12, 1), acting_user=raadgiver)
    return b


# --- The follow-up date -------------------------------------------------------


def test_a_new_level_is_followed_up_twelve_months_later(historie):
    anna = Indplacering.objects.get(
        ophold__borger=historie["Anna"], gyldig_fra=D(2026, 3, 1)
    )
    assert anna.naeste_opfoelgning == D(2027, 3, 1)


def test_the_follow_up_can_be_chosen_and_must_lie_after_gyldig_fra(
    historie, niveau, raadgiver
):
    cai = historie["Cai"]
    valgt = _nyt_niveau(
        cai, D(2026, 1, 1), niveau["3"], raadgiver, naeste_opfoelgning=D(2026, 7, 1)
    )
    assert valgt.naeste_opfoelgning == D(2026, 7, 1)
    with pytest.raises(ValidationError) as fejl:
        _nyt_niveau(
            cai, D(2026, 2, 1), niveau["2"], raadgiver, naeste_opfoelgning=D(2026, 2, 1)
        )
    assert fejl.value.message_dict == {"naeste_opfoelgning": [OPFOELGNING_FOER_NIVEAU]}


def test_moving_the_follow_up_keeps_a_history_row(historie, raadgiver):
    row = Indplacering.objects.get(ophold__borger=historie["Cai"])
    indplacering_opfoelgning_set(
        indplacering=row, naeste_opfoelgning=D(2026, 9, 1), acting_user=raadgiver
    )
    row.refresh_from_db()
    assert row.naeste_opfoelgning == D(2026, 9, 1)
    assert row.history.first().history_user == raadgiver
    with pytest.raises(ValidationError):
        indplacering_opfoelgning_set(
            indplacering=row, naeste_opfoelgning=D(2025, 4, 1), acting_user=raadgiver
        )


# --- A tilbud's progression ---------------------------------------------------


def test_tilbud_level_movement_and_length_of_stay_by_hand(historie, tilbud_a):
    p = tilbud_progression(tilbud_a, IDAG)
    # Compared: Anna (up), Bo (down), Cai and Frede (stayed) = 4.
    # Down 1/4 = 25 %, stayed 2/4 = 50 %, up 1/4 = 25 %.
    b = p.bevaegelse
    assert (b.ned, b.samme, b.op) == (1, 2, 1)
    assert (b.andel_ned, b.andel_samme, b.andel_op) == (25, 50, 25)
    # Ended: Erik [01.03.2025, 01.12.2025) = 31+30+31+30+31+31+30+31+30 = 275 days.
    # Current, days to 01.06.2026:
    #   Anna 01.02.2025: 365 + (28+31+30+31) = 485
    #   Bo   15.01.2025: 365 + 17 (to 01.02) + 120 = 502
    #   Cai  01.04.2025: 365 + (30+31) = 426
    #   Frede 01.05.2025: 365 + 31 = 396
    #   Dorte 01.09.2025: 30+31+30+31+31+28+31+30+31 = 273
    # (485 + 502 + 426 + 396 + 273) / 5 = 2082 / 5 = 416.4
    assert p.laengde.afsluttede == 1
    assert p.laengde.afsluttede_dage == 275
    assert p.laengde.igangvaerende == 5
    assert p.laengde.igangvaerende_dage == Decimal("416.4")


def _tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_tilbud_page_shows_the_shares_and_is_linked(
    client, leder_a, historie, tilbud_a, idag
):
    client.force_login(leder_a)
    side = client.get(reverse("offers:tilbud-progression", args=[tilbud_a.pk]))
    html = side.content.decode()
    assert re.search(r'id="andel-ned">25,0 %<', html)
    assert re.search(r'id="andel-samme">50,0 %<', html)
    assert re.search(r'id="igangvaerende-dage">416,4<', html)
    assert re.search(r'id="afsluttede-dage">275,0<', html)
    budget = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    assert (
        reverse("offers:tilbud-progression", args=[tilbud_a.pk])
        in budget.content.decode()
    )


def test_leder_of_another_tilbud_gets_404(client, leder_b, historie, tilbud_a):
    client.force_login(leder_b)
    url = reverse("offers:tilbud-progression", args=[tilbud_a.pk])
    assert client.get(url).status_code == 404


# --- The due-list --------------------------------------------------------------


def test_start_page_lists_the_due_follow_ups_overdue_first(
    client, raadgiver, historie, idag
):
    # Today 01.06.2026; the window ends 01.06.2026 + 30 days = 01.07.2026.
    #   Cai   01.04.2026 (default: 01.04.2025 + 12 months): overdue
    #   Frede 01.05.2026 (default): overdue
    #   Bo    moved to 01.07.2026: exactly today + 30, on the list
    #   Dorte moved to 02.07.2026: 31 days ahead, not on the list
    #   Anna  01.03.2027 (level from 01.03.2026); her 2025 level's 01.02.2026
    #         was replaced by that decision: not due
    #   Erik  01.03.2026, but his stay has ended: not due
    #   Gry   01.01.2026 (default, tilbud B): overdue, the oldest, so first
    for navn, dato in (("Bo", D(2026, 7, 1)), ("Dorte", D(2026, 7, 2))):
        row = Indplacering.objects.filter(ophold__borger=historie[navn]).latest(
            "gyldig_fra"
        )
        indplacering_opfoelgning_set(
            indplacering=row, naeste_opfoelgning=dato, acting_user=raadgiver
        )
    client.force_login(raadgiver)
    html = client.get(reverse("start")).content.decode()
    liste = html[html.index('id="opfoelgninger"') :]
    liste = liste[: liste.index("</section>")]
    navne = re.findall(r">(Anna|Bo|Cai|Dorte|Erik|Frede|Gry)</a>", liste)
    assert navne == ["Gry", "Cai", "Frede", "Bo"]
    assert "030390-xxxx" in liste and "0303901234" not in html
    assert liste.count(">overskredet<") == 3


def test_the_due_list_is_for_myndighed(client, leder_a, historie, idag):
    client.force_login(leder_a)
    assert 'id="opfoelgninger"' not in client.get(reverse("start")).content.decode()


def test_the_rådgiver_moves_a_follow_up_on_its_page(client, raadgiver, historie, idag):
    row = Indplacering.objects.get(ophold__borger=historie["Cai"])
    url = reverse("offers:opfoelgning-update", args=[historie["Cai"].pk, row.pk])
    client.force_login(raadgiver)
    response = client.post(url, {"naeste_opfoelgning": "2025-03-01"})
    assert OPFOELGNING_FOER_NIVEAU in response.content.decode()
    client.post(url, {"naeste_opfoelgning": "2026-10-01"})
    row.refresh_from_db()
    assert row.naeste_opfoelgning == D(2026, 10, 1)


def test_the_placement_form_takes_the_follow_up(client, raadgiver, historie, idag):
    url = reverse("offers:indplacering-create", args=[historie["Frede"].pk])
    client.force_login(raadgiver)
    data = {
        "gyldig_fra": "2026-05-15",
        "niveau": "3",
        "naeste_opfoelgning": "2026-11-15",
    }
    client.post(url, data)
    row = Indplacering.objects.get(
        ophold__borger=historie["Frede"], gyldig_fra=D(2026, 5, 15)
    )
    assert row.naeste_opfoelgning == D(2026, 11, 15)


# --- The borger page and the API -------------------------------------------------


@pytest.fixture
def anna_skemaer(historie, raadgiver):
    """Two døgnskemaer a year apart; egenomsorg 3 → 2, mobilitet 1 → 1."""
    anna = historie["Anna"]
    for dato, scores in (
        (D(2025, 1, 20), {"egenomsorg": 3, "mobilitet": 1}),
        (D(2026, 2, 15), {"egenomsorg": 2, "mobilitet": 1}),
    ):
        services.doegnskema_create(
            borger=anna,
            dato=dato,
            poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 60}],
            funktionsevner=scores,
            acting_user=raadgiver,
        )
    return anna


def test_borger_page_has_the_charts_and_their_tables(
    client, raadgiver, anna_skemaer, idag
):
    client.force_login(raadgiver)
    html = client.get(
        reverse("offers:borger-detail", args=[anna_skemaer.pk])
    ).content.decode()
    assert 'data-graf="niveauforloeb"' in html and 'data-graf="funktionsevne"' in html
    tabel = html[html.index('id="funktionsevne-tal"') :]
    tabel = _tekst_html(tabel[: tabel.index("</table>")])
    assert "20.01.2025 15.02.2026" in tabel
    assert "Egenomsorg 3 2" in tabel and "Mobilitet 1 1" in tabel
    assert "Næste opfølgning: 01.03.2027" in _tekst_html(html)


def _tekst_html(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _api(user) -> APIClient:
    api = APIClient()
    api.force_login(user)
    return api


def test_progression_api_shape(raadgiver, anna_skemaer, idag):
    data = _api(raadgiver).get(f"/api/v1/borgere/{anna_skemaer.pk}/progression/").json()
    assert [
        (n["fra"], n["til"], n["takstniveau_kode"]) for n in data["takstniveauer"]
    ] == [
        ("2025-02-01", "2026-03-01", "2"),
        ("2026-03-01", None, "3"),
    ]
    egenomsorg = next(t for t in data["funktionsevne"] if t["tema"] == "egenomsorg")
    assert egenomsorg["vurderinger"] == [
        {"dato": "2025-01-20", "score": 3},
        {"dato": "2026-02-15", "score": 2},
    ]
    assert {t["tema"] for t in data["funktionsevne"]} == {"egenomsorg", "mobilitet"}
    assert data["naeste_opfoelgning"]["dato"] == "2027-03-01"
    assert data["naeste_opfoelgning"]["takstniveau_kode"] == "3"


def test_progression_api_access(leder_a, leder_b, historie, idag):
    url = f"/api/v1/borgere/{historie['Anna'].pk}/progression/"
    assert _api(leder_a).get(url).status_code == 200
    assert _api(leder_b).get(url).status_code == 404
    assert APIClient().get(url).status_code in (401, 403)


def test_progression_api_ended_borger_has_no_next_follow_up(raadgiver, historie, idag):
    url = f"/api/v1/borgere/{historie['Erik'].pk}/progression/"
    assert _api(raadgiver).get(url).json()["naeste_opfoelgning"] is None


def test_indplacering_api_takes_and_shows_the_follow_up(raadgiver, historie, idag):
    url = f"/api/v1/borgere/{historie['Cai'].pk}/indplaceringer/"
    niveau_3 = (
        Indplacering.objects.filter(
            takstniveau__kode="3", takstniveau__takstmodel__aar=2026
        )
        .first()
        .takstniveau
    )
    body = {
        "gyldig_fra": "2026-05-01",
        "takstniveau": niveau_3.pk,
        "naeste_opfoelgning": "2026-08-01",
    }
    svar = _api(raadgiver).post(url, body, format="json")
    assert svar.status_code == 201 and svar.json()["naeste_opfoelgning"] == "2026-08-01"
    body = {
        "gyldig_fra": "2026-05-20",
        "takstniveau": niveau_3.pk,
        "naeste_opfoelgning": "2026-05-20",
    }
    svar = _api(raadgiver).post(url, body, format="json")
    assert svar.status_code == 400
    assert svar.json() == {"naeste_opfoelgning": [OPFOELGNING_FOER_NIVEAU]}


def test_the_api_moves_a_follow_up(raadgiver, leder_a, historie, idag):
    row = Indplacering.objects.get(ophold__borger=historie["Cai"])
    url = f"/api/v1/borgere/{historie['Cai'].pk}/indplaceringer/{row.pk}/"
    body = {"naeste_opfoelgning": "2026-09-01"}
    svar = _api(raadgiver).patch(url, body, format="json")
    assert (svar.status_code, svar.json()["naeste_opfoelgning"]) == (200, "2026-09-01")
    assert _api(leder_a).patch(url, body, format="json").status_code == 403
    andens = f"/api/v1/borgere/{historie['Bo'].pk}/indplaceringer/{row.pk}/"
    assert _api(raadgiver).patch(andens, body, format="json").status_code == 404
