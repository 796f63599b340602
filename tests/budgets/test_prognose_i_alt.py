"""Issue 19: the prognose on the central page and the back-test in total, on a
small history of two tilbud computed by hand.

Tilbud A is test_prognose_side's worked example (its ``historie``): Anna from 1
January 2026 at niveau 2 (1,476.21 kr. a day), Bo 1 January – 1 March 2026 (L =
59 days), forbrug 50,000 kr. a month January–August, seen from 15 September;
its year's prognose 531,632.90 kr. and its back-test: March made end of February
91,525.02, June made end of March 21,017.23, August made end of February
45,762.51 kr.

Tilbud B (hybrid, no faste udgifter): Cia from 1 January 2026 at niveau 2, no
afgang; no stay has ended (no expected afgange); forbrug 40,000 kr. a month
January–August, none last year (phased by days). Each prognose of a month of B
is Cia's days × 1,476.21 kr.
"""

import datetime

import pytest

from budgets.engine.prognose import Tilbageblik, tilbageblik_i_alt
from offers import services
from tests.budgets.test_prognose_side import _forbrug, historie  # noqa: F401

D = datetime.date
URL = "/api/v1/prognose/2026/?idag=2026-09-15"


@pytest.fixture
def to_tilbud(historie, tilbud_b, niveau, raadgiver, oekonomichef):  # noqa: F811
    cia = services.borger_create(cpr="030390-1236", navn="Cia", acting_user=raadgiver)
    services.borger_tilgang(
        borger=cia,
        tilbud=tilbud_b,
        dato=D(2026, 1, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
        registreret=D(2025, 12, 15),
    )
    _forbrug(tilbud_b, 2026, {m: "40000" for m in range(1, 9)}, oekonomichef)


def test_the_total_back_test_by_hand(client, to_tilbud, oekonomichef):
    client.force_login(oekonomichef)
    total = client.get(URL).json()["total"]
    rows = {(r["maaned"], r["foer"]): r for r in total["tilbageblik"]}
    # Both tilbud have forbrug for February–August and prognoses from January–
    # July: the same 14 (month, lag) pairs as each alone.
    assert len(rows) == 14
    # March made end of February: A 91,525.02 + B 31 × 1,476.21 = 45,762.51:
    # 137,287.53 against 50,000 + 40,000 = 90,000; 90,000 − 137,287.53 =
    # −47,287.53; / 90,000 = −52.54 %.
    marts = rows[(3, 1)]
    assert (marts["sagt"], marts["skete"]) == ("137287.53", "90000.00")
    assert (marts["afvigelse"], marts["procent"]) == ("-47287.53", "-52.5")
    # June made end of March: A 21,017.23 + B 30 × 1,476.21 = 44,286.30:
    # 65,303.53; 90,000 − 65,303.53 = 24,696.47; / 90,000 = 27.44 %.
    juni = rows[(6, 3)]
    assert (juni["sagt"], juni["afvigelse"], juni["procent"]) == (
        "65303.53",
        "24696.47",
        "27.4",
    )
    # August made end of February: 45,762.51 + 45,762.51 = 91,525.02;
    # 90,000 − 91,525.02 = −1,525.02; / 90,000 = −1.69 %.
    august = rows[(8, 6)]
    assert (august["sagt"], august["afvigelse"], august["procent"]) == (
        "91525.02",
        "-1525.02",
        "-1.7",
    )


def test_a_tilbudsleder_gets_the_total_of_their_own_tilbud(client, to_tilbud, leder_a):
    client.force_login(leder_a)
    total = client.get(URL).json()["total"]
    rows = {(r["maaned"], r["foer"]): r for r in total["tilbageblik"]}
    # Only A: March made end of February 91,525.02 against 50,000.
    assert (rows[(3, 1)]["sagt"], rows[(3, 1)]["skete"]) == ("91525.02", "50000.00")


def test_the_pages_show_the_total_back_test_and_the_central_prognose(
    client, to_tilbud, oekonomichef, tilbud_a, tilbud_b, monkeypatch
):
    from django.utils import timezone

    # The pages are seen from today: 15 September 2026, as the API above.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 9, 15))
    client.force_login(oekonomichef)
    side = client.get("/budget/prognose/?aar=2026").content.decode()
    tabel = side.split('id="tilbageblik"', 1)[1].split("</table>", 1)[0]
    assert "137.287,53" in tabel and "−47.287,53" in tabel.replace("\xa0", " ")
    central = client.get("/budget/?aar=2026").content.decode().replace("\xa0", " ")
    # A's year: 531,632.90 (test_prognose_side). B's: the forbrug January–
    # August 8 × 40,000 = 320,000 + Cia's September–December (30 + 31 + 30 +
    # 31 = 122 days) × 1,476.21 = 180,097.62: 500,097.62. In total 1,031,730.52.
    assert f"/budget/tilbud/{tilbud_a.pk}/prognose/?aar=2026" in central
    assert "531.632,90 kr.</a>" in central
    assert "500.097,62 kr.</a>" in central
    assert 'id="central-prognose-i-alt">1.031.730,52 kr.</a>' in central
    xlsx = client.get("/budget/prognose/?aar=2026&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_total_sums_per_month_and_lag_only_the_pairs_a_tilbud_has():
    """The pure sum: tilbud X has (2, 1) and (3, 1); Y only (3, 1)."""
    x = [Tilbageblik(2, 1, sagt=100, skete=90), Tilbageblik(3, 1, 200, 210)]
    y = [Tilbageblik(3, 1, sagt=50, skete=40)]
    assert tilbageblik_i_alt([x, y]) == [
        Tilbageblik(2, 1, 100, 90),  # X alone
        Tilbageblik(3, 1, 250, 250),  # 200 + 50 against 210 + 40
    ]
