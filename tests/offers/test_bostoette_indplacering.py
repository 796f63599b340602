"""Issue 17: the rådgiver decides bostøtte § 85 in visiterede timer pr. uge."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.selectors import tilbud_resultat
from offers import services
from offers.models import Indplacering, Ophold

D = datetime.date


def _tilgang(borger, tilbud, niveau, user, **extra):
    return services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=D(2026, 3, 1),
        takstniveau=niveau["1"],
        acting_user=user,
        **extra,
    )


def test_a_bostoette_tilgang_without_visiterede_timer_is_refused(
    anna, bostoette_a, niveau, raadgiver
):
    with pytest.raises(ValidationError) as err:
        _tilgang(anna, bostoette_a, niveau, raadgiver)
    assert err.value.message_dict == {
        "visiterede_timer_pr_uge": [services.VISITEREDE_TIMER_KRAEVES]
    }
    assert services.VISITEREDE_TIMER_KRAEVES == (
        "Angiv visiterede timer pr. uge for bostøtte."
    )
    assert not Ophold.objects.filter(borger=anna).exists()


def test_visiterede_timer_are_refused_outside_bostoette(
    anna, tilbud_a, niveau, raadgiver
):
    with pytest.raises(ValidationError) as err:
        _tilgang(anna, tilbud_a, niveau, raadgiver, visiterede_timer_pr_uge=Decimal(3))
    assert err.value.message_dict == {
        "visiterede_timer_pr_uge": [services.VISITEREDE_TIMER_KUN]
    }
    assert not Ophold.objects.filter(borger=anna).exists()


def test_zero_visiterede_timer_are_refused(anna, bostoette_a, niveau, raadgiver):
    with pytest.raises(ValidationError) as err:
        _tilgang(anna, bostoette_a, niveau, raadgiver, visiterede_timer_pr_uge=0)
    assert "visiterede_timer_pr_uge" in err.value.message_dict
    assert not Ophold.objects.filter(borger=anna).exists()


def test_a_bostoette_tilgang_keeps_its_hours_with_history(
    anna, bostoette_a, niveau, raadgiver
):
    ophold = _tilgang(
        anna, bostoette_a, niveau, raadgiver, visiterede_timer_pr_uge=Decimal(3)
    )
    indplacering = Indplacering.objects.get(ophold=ophold)
    assert indplacering.visiterede_timer_pr_uge == Decimal("3.00")
    assert indplacering.history.first().visiterede_timer_pr_uge == Decimal("3.00")


def test_a_new_decision_changes_the_hours_from_its_date(
    anna, bostoette_a, niveau, raadgiver
):
    _tilgang(anna, bostoette_a, niveau, raadgiver, visiterede_timer_pr_uge=Decimal(3))
    with pytest.raises(ValidationError):
        services.indplacering_create(
            borger=anna,
            gyldig_fra=D(2026, 5, 1),
            takstniveau=niveau["1"],
            acting_user=raadgiver,
        )
    ny = services.indplacering_create(
        borger=anna,
        gyldig_fra=D(2026, 5, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
        visiterede_timer_pr_uge=Decimal("4.5"),
    )
    assert ny.visiterede_timer_pr_uge == Decimal("4.50")


def test_the_budget_is_priced_by_the_visiterede_timer(
    anna, bostoette_a, niveau, raadgiver
):
    """The fixture's timepris direkte is DOMAIN.md §2's 492.07 kr.: 3 timer pr.
    uge = 3 × 492.07 ÷ 7 = 1,476.21 ÷ 7 = 210.887… → 210.89 kr. per døgn
    (not level 1's servicetakst). Placed 1 March 2026: March 31 × 210.89 =
    6,537.59 kr.; April 30 × 210.89 = 6,326.70 kr.; February 0. No faste
    udgifter, so the basistakst is 0 and a hybrid's aktivitet is the service
    part."""
    _tilgang(anna, bostoette_a, niveau, raadgiver, visiterede_timer_pr_uge=Decimal(3))
    r = tilbud_resultat(bostoette_a, 2026, D(2026, 3, 15))
    aktivitet = r.budget.aktivitet_korrigeret
    assert (aktivitet[1], aktivitet[2], aktivitet[3]) == (
        0,
        Decimal("6537.59"),
        Decimal("6326.70"),
    )


def test_the_tilgang_page_shows_the_danish_message(
    client, anna, bostoette_a, niveau, raadgiver
):
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    response = client.post(
        url,
        {
            "tilbud": bostoette_a.pk,
            "dato": "01.03.2026",
            "niveau": "1",
            "begrundelse_uden_doegnskema": "Akut behov.",
        },
    )
    assert response.status_code == 200
    assert "Angiv visiterede timer pr. uge for bostøtte." in response.content.decode()
    assert not Ophold.objects.filter(borger=anna).exists()


def test_the_tilgang_page_saves_danish_hours(
    client, anna, bostoette_a, niveau, raadgiver
):
    client.force_login(raadgiver)
    url = reverse("offers:tilgang-create", args=[anna.pk])
    client.post(
        url,
        {
            "tilbud": bostoette_a.pk,
            "dato": "01.03.2026",
            "niveau": "1",
            "visiterede_timer_pr_uge": "2,5",
            "begrundelse_uden_doegnskema": "Akut behov.",
        },
    )
    ophold = Ophold.objects.get(borger=anna)
    assert ophold.indplaceringer.get().visiterede_timer_pr_uge == Decimal("2.50")


def test_the_api_answers_400_with_the_field_error(
    client, anna, bostoette_a, niveau, raadgiver
):
    client.force_login(raadgiver)
    url = reverse("api:v1:borger-tilgang", args=[anna.pk])
    body = {
        "tilbud": bostoette_a.pk,
        "dato": "2026-03-01",
        "takstniveau": niveau["1"].pk,
    }
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["visiterede_timer_pr_uge"] == [
        "Angiv visiterede timer pr. uge for bostøtte."
    ]
    assert not Ophold.objects.filter(borger=anna).exists()


def test_the_api_places_with_visiterede_timer_and_shows_them(
    client, anna, bostoette_a, niveau, raadgiver
):
    client.force_login(raadgiver)
    url = reverse("api:v1:borger-tilgang", args=[anna.pk])
    body = {
        "tilbud": bostoette_a.pk,
        "dato": "2026-03-01",
        "takstniveau": niveau["1"].pk,
        "visiterede_timer_pr_uge": "3.00",
        "begrundelse_uden_doegnskema": "Akut behov.",
    }
    assert client.post(url, body, content_type="application/json").status_code == 201
    liste = client.get(reverse("api:v1:borger-indplaceringer", args=[anna.pk])).json()
    assert [i["visiterede_timer_pr_uge"] for i in liste] == ["3.00"]


def test_the_array_read_prices_bostoette_as_the_walk_does(
    anna, bostoette_a, niveau, raadgiver
):
    """budgets.selectors.raa reads the hours into the price key: the arrays'
    March is 31 × 210.89 = 6,537.59 kr., as the reference engine's."""
    from budgets.selectors.maanedstal import maaneder_beregnet, maaneder_vektor

    _tilgang(anna, bostoette_a, niveau, raadgiver, visiterede_timer_pr_uge=Decimal(3))
    bo = services.borger_create(cpr="020290-1235", navn="Bo", acting_user=raadgiver)
    _tilgang(bo, bostoette_a, niveau, raadgiver, visiterede_timer_pr_uge=Decimal(7))
    # Bo: 7 × 492.07 ÷ 7 = 492.07 kr.; March together 31 × (210.89 + 492.07) =
    # 31 × 702.96 = 21,791.76 kr.
    vektor = maaneder_vektor([bostoette_a.pk], 2026)[bostoette_a.pk]
    assert vektor == maaneder_beregnet([bostoette_a.pk], 2026)[bostoette_a.pk]
    assert vektor.aktivitet_korrigeret[2] == Decimal("21791.76")
