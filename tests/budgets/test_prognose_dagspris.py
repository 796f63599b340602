"""Issue 19: expected afgange and tilgange for STU and dagtilbud (priced by a
dagspris, budgets.engine.dagspris) in the pure prognose, by hand.

Seen from 15 September 2026 (September–December ahead). By 1 October 16 days
have passed, by 1 November 16 + 31 = 47 (the run-off rule: November is lost by an
afgang before 1 October, December by one before 1 November).

Weekdays 2026 (1 November a Sunday, 1 December a Tuesday): November's 30 days
are 4 weeks (20) + Sun 29, Mon 30 = 21 weekdays; December's 31 are 4 weeks (20)
+ Tue 29, Wed 30, Thu 31 = 23.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.engine import Indplacering, Ophold, TilbudGrundlag
from budgets.engine.prognose import (
    Prognosegrundlag,
    Ventende,
    beboernes_aktivitet,
    forventede_tilgange,
    prognose,
)
from offers import services
from tests.budgets.test_dagspris_db import dagtilbud  # noqa: F401
from tests.budgets.test_engine_properties import SERVICETAKSTER

D = datetime.date
K = Decimal
NUL = K(0)
DAG = D(2026, 9, 15)


def _tilbud(**felter) -> TilbudGrundlag:
    return TilbudGrundlag(
        id=1,
        navn=felter.pop("navn"),
        pladser=20,
        tildelingsprincip=felter.pop("tildelingsprincip", "hybrid"),
        forudsat_belaegning=K(100),
        reguleringsandel=K(100),
        faste_udgifter=NUL,
        **felter,
    )


HEL = K(1)


def _ophold(n: int, pladsandel: Decimal = HEL) -> Ophold:
    fra = D(2025, 8, 1)
    return Ophold(
        id=n,
        borger=f"Borger {n}",
        tilgang=fra,
        afgang=None,
        indplaceringer=(Indplacering(fra, "1", pladsandel=pladsandel),),
        borger_id=n,
    )


def _prognose(tilbud, opholdene, l_dage, ventende=()):
    prisliste = tilbud.prisliste(2026, K("492.07"), SERVICETAKSTER, K(1))
    beboere = beboernes_aktivitet(tilbud, opholdene, prisliste, DAG)
    return beboere, prognose(
        Prognosegrundlag(
            aar=2026,
            dag=DAG,
            korrigeret=(NUL,) * 12,
            forbrug=(K(1),) * 8 + (None,) * 4,
            tilgange=forventede_tilgange(tilbud, prisliste, ventende, beboere, DAG),
            beboere=beboere,
            gns_opholdsdage=K(l_dage),
            hverdage=prisliste.hverdage,
        )
    )


def test_a_dagtilbud_expects_afgange_on_its_weekdays_a_half_place_counting_half():
    # Dagtilbud § 104, hybrid, 500 kr. per weekday; a full and a half place
    # (500 + 0.5 × 500 = 750 kr. a weekday), L = 365 days.
    vaerksted = _tilbud(navn="Værkstedet", dagspris=K(500), dagsgrundlag="hverdage")
    beboere, p = _prognose(vaerksted, [_ophold(1), _ophold(2, K("0.5"))], 365)
    assert beboere == [K(500), K("250.00")]
    afgange = [m.afgange for m in p.maaneder[8:]]
    # November: 750 × 21 × 16 / 365 = 252,000 / 365 = 690.410… → −690.41.
    # December: 750 × 23 × 47 / 365 = 810,750 / 365 = 2,221.232… → −2,221.23.
    assert afgange == [NUL, NUL, K("-690.41"), K("-2221.23")]


def test_an_stu_expects_afgange_on_its_calendar_days():
    # STU, hybrid, 640 kr. per calendar day, one student, L = 1,095 days (3 years).
    stu = _tilbud(navn="STU Vestegnen", dagspris=K(640))
    _, p = _prognose(stu, [_ophold(1)], 1095)
    # November: 640 × 30 × 16 / 1,095 = 307,200 / 1,095 = 280.547… → −280.55.
    # December: 640 × 31 × 47 / 1,095 = 932,480 / 1,095 = 851.579… → −851.58.
    assert [m.afgange for m in p.maaneder[10:]] == [K("-280.55"), K("-851.58")]


def test_an_stu_as_a_ramme_expects_nothing():
    # A frame does not move with a borger-day (aktivitet_pr_doegn: 0).
    stu = _tilbud(
        navn="STU Vestegnen",
        tildelingsprincip="ramme",
        dagspris=K(640),
        dimensioneret_til=10,
    )
    _, p = _prognose(stu, [_ophold(1)], 1095)
    assert all(m.afgange == NUL for m in p.maaneder)


def test_a_dagtilbud_waiting_place_is_a_full_place_on_weekdays():
    # Wanted 1 November at 50 %, at a full place of 500 kr. whatever its level:
    # November 0.5 × 21 × 500 = 5,250; December 0.5 × 23 × 500 = 5,750.
    vaerksted = _tilbud(navn="Værkstedet", dagspris=K(500), dagsgrundlag="hverdage")
    ventende = [Ventende(D(2026, 11, 1), 50, None)]
    _, p = _prognose(vaerksted, [], 365, ventende)
    assert [m.tilgange for m in p.maaneder[8:]] == [
        NUL,
        NUL,
        K("5250.00"),
        K("5750.00"),
    ]


# Through the selector and the API: tilbud B as a dagtilbud at 500 kr. per
# weekday (test_dagspris_db). Anna on a half place from 1 August 2026 (250 kr.
# a weekday), no afgang; Bo on a full place 1 January – 1 March 2026, the only
# ended stay: 31 + 28 = 59 days, so L = 59.


@pytest.fixture
def dagtilbud_med_historie(dagtilbud, anna, niveau, raadgiver):  # noqa: F811
    services.borger_tilgang(
        borger=anna,
        tilbud=dagtilbud,
        dato=D(2026, 8, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        pladsandel=K("0.5"),
    )
    bo = services.borger_create(cpr="020290-1235", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=bo,
        tilbud=dagtilbud,
        dato=D(2026, 1, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2025, 12, 15),
    )
    services.borger_afgang(
        borger=bo, dato=D(2026, 3, 1), acting_user=raadgiver, registreret=D(2026, 2, 20)
    )
    return dagtilbud


def test_a_dagtilbud_in_the_api_expects_its_half_place_to_leave(
    client, dagtilbud_med_historie, oekonomichef
):
    client.force_login(oekonomichef)
    url = f"/api/v1/prognose/2026/?idag=2026-09-15&tilbud={dagtilbud_med_historie.pk}"
    (t,) = client.get(url).json()["tilbud"]
    assert (t["beboere"], t["gns_opholdsdage"]) == (1, "59.0")
    # November: 250 × 21 × 16 / 59 = 84,000 / 59 = 1,423.728… → −1,423.73.
    # December: 250 × 23 × 47 / 59 = 270,250 / 59 = 4,580.508… → −4,580.51.
    assert [m["afgange"] for m in t["maaneder"][8:]] == [
        "0.00",
        "0.00",
        "-1423.73",
        "-4580.51",
    ]
    side = client.get(f"/budget/tilbud/{dagtilbud_med_historie.pk}/prognose/?aar=2026")
    html = side.content.decode()
    assert "Tilbuddet er prissat med dagspris" in html
    assert "dagene er hverdage (mandag–fredag)" in html
