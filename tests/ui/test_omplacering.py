"""The myndighedsrådgiver moves a borger from one tilbud to another (omplacering)."""

import datetime

from django.urls import reverse

from budgets.selectors import tilbud_resultat
from config.lib.formatting import format_kr
from offers.forms import ANDET_TILBUD
from offers.models import Indplacering, Ophold

D = datetime.date


def _tekst(response) -> str:
    return response.content.decode()


def _url(borger) -> str:
    return reverse("offers:omplacering-create", args=[borger.pk])


def test_omplacering_ends_the_old_ophold_and_opens_one_in_the_new_tilbud(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_b.pk, "dato": "2026-05-01", "niveau": "2"}
    client.post(_url(anna_i_a.borger), data)
    anna_i_a.refresh_from_db()
    ny = Ophold.objects.get(borger=anna_i_a.borger, afgang__isnull=True)
    assert anna_i_a.afgang == D(2026, 5, 1)
    assert (ny.tilbud, ny.tilgang, ny.omplaceret_fra) == (
        tilbud_b,
        D(2026, 5, 1),
        anna_i_a,
    )


def test_omplacering_shows_the_new_tilbuds_budget_effect(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_b.pk, "dato": "2026-05-01", "niveau": "2"}
    response = client.post(_url(anna_i_a.borger), data, follow=True)
    (regulering,) = tilbud_resultat(tilbud_b, 2026, D(2026, 6, 30)).budget.ledger
    # By hand: niveau 2 = 3 h × 492,07 = 1.476,21 kr. per døgn, 1 May-31 Dec = 245 døgn.
    assert format_kr(regulering.beloeb, fortegn=True) == "+361.671,45 kr."
    forventet = f"aktivitetsbudget for {tilbud_b.navn}: +361.671,45 kr. fra 1. maj 2026"
    assert forventet in _tekst(response)
    assert f"Omplacering fra {anna_i_a.tilbud} til {tilbud_b}" in _tekst(response)


def test_omplacering_to_the_same_tilbud_is_refused_and_writes_nothing(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_a.pk, "dato": "2026-05-01", "niveau": "3"}
    response = client.post(_url(anna_i_a.borger), data)
    assert response.status_code == 200
    # Not on the list any more (issue 15); the service's own check stays.
    assert ANDET_TILBUD in _tekst(response)
    anna_i_a.refresh_from_db()
    assert anna_i_a.afgang is None
    assert Ophold.objects.count() == 1 and Indplacering.objects.count() == 1


def test_omplacering_form_keeps_the_typed_date_on_error(
    client, raadgiver, anna_i_a, tilbud_a, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_a.pk, "dato": "2026-05-01", "niveau": "3"}
    response = client.post(_url(anna_i_a.borger), data)
    assert 'value="2026-05-01"' in _tekst(response)


def test_tilbudsleder_gets_403(client, leder_a, anna_i_a):
    client.force_login(leder_a)
    assert client.get(_url(anna_i_a.borger)).status_code == 403


def test_borger_page_links_to_omplacering_when_the_borger_lives_somewhere(
    client, raadgiver, anna_i_a
):
    client.force_login(raadgiver)
    response = client.get(reverse("offers:borger-detail", args=[anna_i_a.borger.pk]))
    assert _url(anna_i_a.borger) in _tekst(response)


def test_borger_page_has_no_omplacering_link_without_an_open_ophold(
    client, raadgiver, anna
):
    client.force_login(raadgiver)
    response = client.get(reverse("offers:borger-detail", args=[anna.pk]))
    assert _url(anna) not in _tekst(response)


def _valg(response, felt: str) -> list[tuple[str, str]]:
    """(value, label) of a select's options, as the page renders them."""
    return [
        (str(value), str(label))
        for value, label in response.context["form"].fields[felt].choices
    ]


def test_omplacering_offers_no_dashes_and_not_the_current_tilbud(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    response = client.get(_url(anna_i_a.borger))
    side = _tekst(response)
    # Anna lives in A: the targets are the placeholder and B only.
    assert _valg(response, "tilbud") == [
        ("", "Vælg tilbud"),
        (str(tilbud_b.pk), tilbud_b.navn),
    ]
    assert "---------" not in side and "Intet døgnskema" in side


def test_the_placeholder_cannot_be_submitted(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": "", "dato": "2026-05-01", "niveau": "2"}
    response = client.post(_url(anna_i_a.borger), data)
    assert response.status_code == 200
    assert Ophold.objects.filter(borger=anna_i_a.borger).count() == 1


def test_omplacering_preselects_the_current_level(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    response = client.get(_url(anna_i_a.borger))
    # Anna has niveau 2 in A; the 2026 takstmodel has a niveau 2.
    assert response.context["form"]["niveau"].value() == "2"
    assert '<option value="2" selected>' in _tekst(response)


def test_no_level_is_preselected_when_the_years_takstmodel_lacks_it(
    client, raadgiver, anna, tilbud_a, tilbud_b, takstmodel_2026, idag_2026
):
    from offers import services
    from tests.factories import TakstmodelFactory, TakstniveauFactory

    kun_2025 = TakstniveauFactory(takstmodel=TakstmodelFactory(aar=2025), kode="X9")
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2025, 6, 1),
        takstniveau=kun_2025,
        acting_user=raadgiver,
    )
    client.force_login(raadgiver)
    response = client.get(_url(anna))
    # X9 is a 2025 level only; "today" (30.06.2026) is in 2026: nothing chosen.
    assert response.context["form"]["niveau"].value() is None


def test_a_date_before_the_tilgang_speaks_of_the_omplacering(
    client, raadgiver, anna_i_a, tilbud_b, idag_2026
):
    client.force_login(raadgiver)
    data = {"tilbud": tilbud_b.pk, "dato": "2026-01-01", "niveau": "2"}
    response = client.post(_url(anna_i_a.borger), data)
    side = _tekst(response)
    assert (
        f"Omplaceringsdatoen kan ikke ligge før tilgangen i {anna_i_a.tilbud} "
        "(01.02.2026)." in side
    )
    assert "Afgangsdatoen" not in side


def test_the_tilgang_form_still_offers_every_tilbud(
    client, raadgiver, anna, tilbud_a, tilbud_b, takstmodel_2026, idag_2026
):
    client.force_login(raadgiver)
    response = client.get(reverse("offers:tilgang-create", args=[anna.pk]))
    assert _valg(response, "tilbud") == [
        ("", "Vælg tilbud"),
        (str(tilbud_a.pk), tilbud_a.navn),
        (str(tilbud_b.pk), tilbud_b.navn),
    ]
