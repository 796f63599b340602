"""The borger page shows the betalingskommune history; a rådgiver changes it."""

import datetime

from django.urls import reverse

from offers.models import KOMMUNEKODE_FEJL, Betalingskommune
from offers.services.betalingskommune import betalingskommune_set

D = datetime.date


def _side_url(borger) -> str:
    return reverse("offers:borger-detail", args=[borger.pk])


def _form_url(borger) -> str:
    return reverse("offers:betalingskommune-create", args=[borger.pk])


def _tabel(html: str) -> str:
    return html.split('id="betalingskommuner"')[1].split("</table>")[0]


def _i_dag(html: str) -> str:
    return html.split('id="betalingskommune-i-dag">')[1].split("</span>")[0]


def test_borger_page_lists_the_betalingskommune_history(
    client, raadgiver, anna, idag_2026
):
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 3, 1), acting_user=raadgiver
    )
    betalingskommune_set(
        borger=anna, kommunekode="", gyldig_fra=D(2026, 10, 1), acting_user=raadgiver
    )
    client.force_login(raadgiver)
    tabel = _tabel(client.get(_side_url(anna)).content.decode())
    assert tabel.index("751") < tabel.index("01.03.2026") < tabel.index("Egen kommune")
    assert "01.10.2026" in tabel


def test_borger_page_shows_the_betalingskommune_in_force_today(
    client, raadgiver, anna, idag_2026
):
    # Today is 30 June 2026: 751 from 1 March is in force, 730 from 1 October not yet.
    betalingskommune_set(
        borger=anna, kommunekode="751", gyldig_fra=D(2026, 3, 1), acting_user=raadgiver
    )
    betalingskommune_set(
        borger=anna, kommunekode="730", gyldig_fra=D(2026, 10, 1), acting_user=raadgiver
    )
    client.force_login(raadgiver)
    assert _i_dag(client.get(_side_url(anna)).content.decode()) == "751"


def test_borger_page_without_history_says_own_municipality(client, raadgiver, anna):
    client.force_login(raadgiver)
    html = client.get(_side_url(anna)).content.decode()
    assert _i_dag(html) == "Egen kommune"
    assert "intet skift registreret" in _tabel(html)


def test_raadgiver_changes_the_betalingskommune_from_the_form(client, raadgiver, anna):
    client.force_login(raadgiver)
    body = {"kommunekode": "751", "gyldig_fra": "2026-07-01"}
    response = client.post(_form_url(anna), body)
    assert response.status_code == 302
    assert response["Location"] == _side_url(anna)
    raekke = Betalingskommune.objects.get(borger=anna)
    assert (raekke.kommunekode, raekke.gyldig_fra) == ("751", D(2026, 7, 1))


def test_a_bad_code_is_a_danish_form_error_and_writes_nothing(client, raadgiver, anna):
    client.force_login(raadgiver)
    body = {"kommunekode": "7a", "gyldig_fra": "2026-07-01"}
    response = client.post(_form_url(anna), body)
    assert response.context["form"].errors["kommunekode"] == [KOMMUNEKODE_FEJL]
    assert not Betalingskommune.objects.exists()


def test_a_leder_may_not_open_the_form(client, leder_a, anna_i_a):
    client.force_login(leder_a)
    assert client.get(_form_url(anna_i_a.borger)).status_code == 403


def test_anonymous_is_sent_to_login(client, anna):
    response = client.get(_form_url(anna))
    assert (response.status_code, "/login/" in response["Location"]) == (302, True)
