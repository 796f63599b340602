"""A saved døgnskema can be opened read-only and copied into a new one (issue 15 #3).

Hand figures of the skema below: Egenomsorg 30 (morgen) + 60 (aften) = 90 min =
1,50 timer; Praktiske opgaver 45 min (formiddag) = 0,75 timer; the weekly item
70 min / 7 = 10 min per døgn. Total (90 + 45 + 10) / 60 = 145 / 60 = 2,4166… →
"2,42" timer pr. døgn.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from offers import services

D = datetime.date


@pytest.fixture
def skema(anna_i_a, raadgiver):
    return services.doegnskema_create(
        borger=anna_i_a.borger,
        dato=D(2026, 2, 10),  # in Anna's stay in A: its leder sees it
        poster=[
            {"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 30},
            {"tidsrum": "aften", "tema": "egenomsorg", "minutter": 60},
            {"tidsrum": "formiddag", "tema": "praktiske_opgaver", "minutter": 45},
        ],
        ugeposter=[
            {
                "tema": "praktiske_opgaver",
                "beskrivelse": "Indkøb",
                "minutter_pr_uge": 70,
            }
        ],
        bemaerkning="Første vurdering",
        acting_user=raadgiver,
    )


def _tekst(response) -> str:
    return response.content.decode()


def _detail(skema) -> str:
    return reverse("offers:doegnskema-detail", args=[skema.pk])


def _kopi(borger, skema_pk) -> str:
    url = reverse("offers:doegnskema-create", args=[borger.pk])
    return f"{url}?kopi={skema_pk}"


def test_the_borger_page_links_to_the_saved_skema(client, raadgiver, skema):
    client.force_login(raadgiver)
    tekst = _tekst(client.get(skema.borger.get_absolute_url()))
    assert f'href="{_detail(skema)}"' in tekst


def test_the_skema_opens_read_only_with_its_cells_and_hours(client, raadgiver, skema):
    client.force_login(raadgiver)
    response = client.get(_detail(skema))
    tekst = _tekst(response)
    assert response.status_code == 200
    assert "<input" not in tekst.split('id="skema-celler"')[1].split("</table>")[0]
    egenomsorg = tekst.split('<th scope="row">Egenomsorg</th>')[1].split("</tr>")[0]
    # Morgen 30, formiddag –, eftermiddag –, aften 60, nat –; 90 min = 1,50 timer.
    celler = [c.split(">")[1] for c in egenomsorg.split("<td")[1:]]
    assert celler == ["30</td", "–</td", "–</td", "60</td", "–</td", "1,50</td"]
    assert 'id="skema-timer">2,42<' in tekst
    assert "Indkøb" in tekst and "Første vurdering" in tekst


def test_copy_prefills_a_new_skema_dated_today(client, raadgiver, skema, idag_2026):
    client.force_login(raadgiver)
    tekst = _tekst(client.get(_kopi(skema.borger, skema.pk)))
    assert 'name="m_morgen_egenomsorg" value="30"' in tekst
    assert 'name="m_aften_egenomsorg" value="60"' in tekst
    assert 'name="m_formiddag_praktiske_opgaver" value="45"' in tekst
    assert 'name="uge_0_beskrivelse" value="Indkøb"' in tekst
    assert 'name="uge_0_minutter" value="70"' in tekst
    assert 'value="2026-06-30"' in tekst  # today, not the copied 10.02.2026
    assert "Kopi af døgnskemaet fra 10.02.2026" in tekst


def test_saving_the_copy_makes_a_new_skema_and_keeps_the_old(
    client, raadgiver, skema, idag_2026
):
    client.force_login(raadgiver)
    data = {
        "dato": "2026-06-30",
        "m_morgen_egenomsorg": "30",
        "m_aften_egenomsorg": "90",  # changed from 60
        "m_formiddag_praktiske_opgaver": "45",
        "uge_0_tema": "praktiske_opgaver",
        "uge_0_beskrivelse": "Indkøb",
        "uge_0_minutter": "70",
    }
    client.post(_kopi(skema.borger, skema.pk), data)
    nyt = skema.borger.doegnskemaer.exclude(pk=skema.pk).get()
    # (30 + 90 + 45 + 70 / 7) / 60 = 175 / 60 = 2,9166… timer; the old keeps 145 / 60.
    assert round(services.doegnskema_timer_pr_doegn(nyt), 2) == Decimal("2.92")
    assert skema.poster.get(tidsrum="aften").minutter == 60


def test_another_borgers_skema_cannot_be_copied(client, raadgiver, skema):
    bo = services.borger_create(cpr="020290-1234", navn="Bo", acting_user=raadgiver)
    client.force_login(raadgiver)
    assert client.get(_kopi(bo, skema.pk)).status_code == 404
    assert client.get(_kopi(skema.borger, "abc")).status_code == 404


def test_a_tilbudsleder_may_open_but_not_copy(client, leder_a, skema):
    client.force_login(leder_a)
    response = client.get(_detail(skema))
    assert response.status_code == 200
    assert 'id="kopier-skema"' not in _tekst(response)
    assert client.get(_kopi(skema.borger, skema.pk)).status_code == 403


def test_another_tilbuds_leder_gets_404(client, leder_b, skema):
    client.force_login(leder_b)
    assert client.get(_detail(skema)).status_code == 404
