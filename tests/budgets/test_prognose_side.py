"""Issue 19 #1: the prognose of the year read from the data, on a worked example
computed by hand (the API with ?idag=, the pages, access).

Tilbud A (hybrid, no faste udgifter) in 2026, takstmodel_2026: niveau 2 pays
3 hours × 492.07 kr. (DOMAIN.md §2) = 1,476.21 kr. a day.
- Anna lives there from 1 January 2026 at niveau 2, no afgang (registered 15
  December 2025).
- Bo lived there 1 January – 1 March 2026 ([tilgang, afgang): 31 + 28 = 59 days;
  the afgang registered 20 February), financed through April: the tilbud's only
  ended stay, so L = 59 days.
- Forbrug January–August 2026: 50,000 kr. a month. Last year (2025) September–
  December: 10,000, 10,000, 10,000 and 20,000 kr. (the profile 1:1:1:2).
Seen from 15 September 2026: September–December are ahead.
"""

import datetime
from decimal import Decimal

import pytest

from budgets import services as budget_services
from offers import services
from offers.services.venteliste import ventelisteplads_create
from tests.factories import BudgetaarFactory

D = datetime.date
K = Decimal
URL = "/api/v1/prognose/2026/?idag=2026-09-15"


def _forbrug(tilbud, aar: int, beloeb: dict[int, str], user) -> None:
    budgetaar = BudgetaarFactory(aar=aar)
    for maaned, kr in beloeb.items():
        budget_services.forbrug_save(
            tilbud_id=tilbud.pk,
            budgetaar=budgetaar,
            maaned=maaned,
            art="loen",
            beloeb=K(kr),
            acting_user=user,
        )


@pytest.fixture
def historie(tilbud_a, niveau, anna, raadgiver, oekonomichef):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2025, 12, 15),
    )
    bo = services.borger_create(cpr="020290-1235", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=bo,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2025, 12, 15),
    )
    services.borger_afgang(
        borger=bo, dato=D(2026, 3, 1), acting_user=raadgiver, registreret=D(2026, 2, 20)
    )
    _forbrug(tilbud_a, 2026, {m: "50000" for m in range(1, 9)}, oekonomichef)
    _forbrug(
        tilbud_a,
        2025,
        {9: "10000", 10: "10000", 11: "10000", 12: "20000"},
        oekonomichef,
    )


def test_the_worked_example_by_hand(client, historie, oekonomichef, tilbud_a):
    client.force_login(oekonomichef)
    data = client.get(URL).json()
    (t,) = data["tilbud"]
    assert t["tilbud"] == tilbud_a.pk
    maaneder = t["maaneder"]
    assert [m["forude"] for m in maaneder] == [False] * 8 + [True] * 4
    assert [m["i_alt"] for m in maaneder[:8]] == ["50000.00"] * 8
    # Ahead, by days: Anna alone, 30/31/30/31 × 1,476.21 = 44,286.30, 45,762.51,
    # 44,286.30, 45,762.51: 180,097.62. Phased 1:1:1:2 (of 5): 36,019.524 →
    # 36,019.52 three times, December the rest 180,097.62 − 108,058.56 = 72,039.06.
    assert [m["kendt"] for m in maaneder[8:]] == [
        "36019.52",
        "36019.52",
        "36019.52",
        "72039.06",
    ]
    assert t["saesonprofil"] is True
    # Anna has no afgang; L = 59. November: by 1 October 16 days have passed,
    # 1,476.21 × 30 × 16 / 59 = 708,580.80 / 59 = 12,009.844… → −12,009.84.
    # December: by 1 November 47 days, 1,476.21 × 31 × 47 / 59 = 2,150,837.97
    # / 59 = 36,454.880… → −36,454.88.
    assert [m["afgange"] for m in maaneder[8:]] == [
        "0.00",
        "0.00",
        "-12009.84",
        "-36454.88",
    ]
    assert t["beboere"] == 1
    assert t["gns_opholdsdage"] == "59.0"
    # 8 × 50,000 + 180,097.62 − 12,009.84 − 36,454.88 = 531,632.90
    assert t["prognose"] == "531632.90"
    assert data["total"]["prognose"] == "531632.90"
    assert data["total"]["maaneder"][11]["afgange"] == "-36454.88"


def test_one_tilbud_by_query_and_an_unknown_one_is_a_field_error(
    client, historie, oekonomichef, tilbud_a
):
    client.force_login(oekonomichef)
    data = client.get(URL + f"&tilbud={tilbud_a.pk}").json()
    assert [t["tilbud"] for t in data["tilbud"]] == [tilbud_a.pk]
    svar = client.get(URL + "&tilbud=999999")
    assert svar.status_code == 400
    assert "tilbud" in svar.json()


def test_another_tilbudsleder_sees_nothing_of_tilbud_a(
    client, historie, leder_b, tilbud_a
):
    client.force_login(leder_b)
    data = client.get(URL).json()
    assert all(t["tilbud"] != tilbud_a.pk for t in data["tilbud"])
    assert (
        client.get(f"/budget/tilbud/{tilbud_a.pk}/prognose/?aar=2026").status_code
        == 404
    )


def test_the_pages_show_the_prognose_and_what_it_rests_on(
    client, historie, leder_a, tilbud_a
):
    client.force_login(leder_a)
    side = client.get("/budget/prognose/?aar=2026")
    assert side.status_code == 200
    assert "Prognose for året" in side.content.decode()
    assert tilbud_a.navn in side.content.decode()
    tilbud = client.get(f"/budget/tilbud/{tilbud_a.pk}/prognose/?aar=2026")
    html = tilbud.content.decode()
    assert tilbud.status_code == 200
    assert "opholdslængde er 59 dage" in html
    assert "fordelt som tilbuddets forbrug" in html
    xlsx = client.get(f"/budget/tilbud/{tilbud_a.pk}/prognose/?aar=2026&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_api_is_in_the_openapi_schema(client, oekonomichef):
    client.force_login(oekonomichef)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/prognose/{aar}/" in schema


def test_back_testing_by_hand(client, historie, oekonomichef, tilbud_a):
    """Prognoses made again at the end of January–July from what was registered
    then, against the forbrug of 50,000 kr. a month."""
    client.force_login(oekonomichef)
    (t,) = client.get(URL + f"&tilbud={tilbud_a.pk}").json()["tilbud"]
    rows = {(r["maaned"], r["foer"]): r for r in t["tilbageblik"]}
    # m − k between January and July: 1 + 1 + 2 + 2 + 2 + 3 + 3 rows for
    # February–August.
    assert len(rows) == 14
    # March, made end of February: Bo's afgang (1 March) was known, his run-off
    # runs through April: Anna and Bo 31 × 1,476.21 each = 91,525.02; no stay had
    # ended by then (no L), and last year has no March forbrug (by days).
    marts = rows[(3, 1)]
    assert (marts["sagt"], marts["skete"]) == ("91525.02", "50000.00")
    # 50,000 − 91,525.02 = −41,525.02; / 50,000 = −83.05 %
    assert (marts["afvigelse"], marts["procent"]) == ("-41525.02", "-83.1")
    # June, made end of March: Bo's stay of 59 days had ended. Anna 30 ×
    # 1,476.21 = 44,286.30; by 1 May 31 days have passed: 1,476.21 × 30 × 31 /
    # 59 = 1,372,875.30 / 59 = 23,269.07 lost: 21,017.23.
    assert rows[(6, 3)]["sagt"] == "21017.23"
    # August, made end of February (6 months before): Anna alone, 31 × 1,476.21.
    assert rows[(8, 6)]["sagt"] == "45762.51"


def test_the_waiting_list_is_an_expected_tilgang_at_its_probability(
    client, historie, oekonomichef, raadgiver, tilbud_a, niveau
):
    # An anonymous need at niveau 2 from 20 October, 50 % likely: October 12
    # days × 1,476.21 × 0.5 = 8,857.26; November 30 × 738.105 = 22,143.15;
    # December 31 × 738.105 = 22,881.255 → 22,881.26. In all 53,881.67, so the
    # prognose is 531,632.90 + 53,881.67 = 585,514.57.
    ventelisteplads_create(
        tilbud=tilbud_a,
        behov="Ung mand, autisme",
        forventet_niveau=niveau["2"],
        oensket_dato=D(2026, 10, 20),
        sandsynlighed=50,
        acting_user=raadgiver,
    )
    client.force_login(oekonomichef)
    (t,) = client.get(URL).json()["tilbud"]
    assert [m["tilgange"] for m in t["maaneder"][8:]] == [
        "0.00",
        "8857.26",
        "22143.15",
        "22881.26",
    ]
    assert t["prognose"] == "585514.57"


def test_a_place_without_a_level_counts_at_the_residents_average(
    client, historie, oekonomichef, raadgiver, tilbud_a
):
    # Not assessed, 100 % from 1 December: the residents' average (Anna alone,
    # 1,476.21) × 31 days = 45,762.51 in December.
    ventelisteplads_create(
        tilbud=tilbud_a,
        behov="Ikke vurderet endnu",
        oensket_dato=D(2026, 12, 1),
        sandsynlighed=100,
        acting_user=raadgiver,
    )
    client.force_login(oekonomichef)
    (t,) = client.get(URL).json()["tilbud"]
    assert t["maaneder"][11]["tilgange"] == "45762.51"
