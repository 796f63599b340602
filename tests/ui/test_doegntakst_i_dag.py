"""The borger page shows the døgntakst in force today (issue 15 #4).

Hand figures: basistakst (DOMAIN.md §4) = 2.900.000 / (8 pladser × 365 × 0,97)
= 2.900.000 / 2.832,4 = 1.023,866… → 1.023,87 kr.; servicetakst (DOMAIN.md §3,
timepris 492,07 kr.): niveau 2 = 3 h → 1.476,21 kr., niveau 3 = 5 h → 2.460,35 kr.,
særtakst 18 h → 8.857,26 kr. "Today" is 30.06.2026 (idag_2026).
"""

import datetime
from decimal import Decimal

from offers import services

D = datetime.date


def _felt(client, borger) -> str:
    tekst = client.get(borger.get_absolute_url()).content.decode()
    return tekst.split('id="doegntakst-i-dag">')[1].split("</li>")[0]


def test_a_borger_in_a_stay_sees_basistakst_plus_servicetakst(
    client, raadgiver, anna_i_a, idag_2026
):
    client.force_login(raadgiver)
    felt = _felt(client, anna_i_a.borger)
    # 1.023,87 + 1.476,21 = 2.500,08 kr. per døgn.
    assert "2.500,08 kr." in felt
    assert "Niveau 2: basistakst 1.023,87 kr. + servicetakst 1.476,21 kr." in felt


def test_the_level_in_force_today_counts(
    client, raadgiver, anna_i_a, niveau, idag_2026
):
    services.indplacering_create(
        borger=anna_i_a.borger,
        gyldig_fra=D(2026, 6, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    services.indplacering_create(  # not yet in force on 30.06.2026
        borger=anna_i_a.borger,
        gyldig_fra=D(2026, 7, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    # Niveau 3 since 01.06.2026: 1.023,87 + 2.460,35 = 3.484,22 kr.
    assert "3.484,22 kr." in _felt(client, anna_i_a.borger)


def test_a_saertakst_uses_its_own_hours(
    client, raadgiver, anna, tilbud_a, niveau, faste_a, idag_2026
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["S1"],
        saertakst_timer=Decimal("18"),
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    # 18 × 492,07 = 8.857,26; + 1.023,87 = 9.881,13 kr.
    assert "9.881,13 kr." in _felt(client, anna)


def test_a_borger_not_in_a_tilbud_today_says_so(client, raadgiver, anna_i_a, idag_2026):
    services.borger_afgang(
        borger=anna_i_a.borger, dato=D(2026, 5, 1), acting_user=raadgiver
    )
    client.force_login(raadgiver)
    assert _felt(client, anna_i_a.borger) == "Ikke i et tilbud i dag</span>"
