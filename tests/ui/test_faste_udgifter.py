"""Økonomi sets a tilbud's fixed costs and sees the basistakst (DOMAIN.md §4)."""

from decimal import Decimal

from django.urls import reverse

from budgets.models import FastUdgift
from config.lib.formatting import format_kr
from tariffs import engine as tariff_engine

# Six lines summing to DOMAIN.md §4's worked 2.900.000 kr., typed the Danish way.
LINJER = {
    "ledelse": "1.234.567,89",
    "administration": "500.000",
    "bygningsdrift": "665.432,11",
    "nattevagt": "300.000,00",
    "uddannelse": "100000",
    "oevrige": "100.000",
}


def _tekst(response) -> str:
    return response.content.decode()


def _url(tilbud) -> str:
    return reverse("budgets:faste-udgifter", args=[tilbud.pk]) + "?aar=2026"


def _gemte(tilbud) -> dict[str, Decimal]:
    return dict(
        FastUdgift.objects.filter(tilbud=tilbud).values_list("kategori", "beloeb")
    )


def test_saving_six_lines_shows_the_engines_basistakst(
    client, oekonomichef, tilbud_a, takstmodel_2026
):
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a), LINJER, follow=True)
    # Engine on the worked example: 2.900.000 / (8 × 365 × 97 %) = 1.023,87 kr.
    forventet = tariff_engine.basistakst_pr_doegn(
        Decimal("2900000"), 8, 365, Decimal("97")
    )
    assert format_kr(forventet) == "1.023,87 kr."
    assert f'id="basistakst">{format_kr(forventet)}<' in _tekst(response)
    assert "De faste udgifter for 2026 er gemt." in _tekst(response)


def test_saving_stores_each_danish_amount_as_decimal(
    client, oekonomichef, tilbud_a, takstmodel_2026
):
    client.force_login(oekonomichef)
    client.post(_url(tilbud_a), LINJER)
    gemte = _gemte(tilbud_a)
    assert gemte["ledelse"] == Decimal("1234567.89")
    assert gemte["administration"] == Decimal("500000")
    assert sum(gemte.values()) == Decimal("2900000")


def test_form_shows_the_saved_amounts_in_danish(
    client, oekonomichef, tilbud_a, faste_a
):
    client.force_login(oekonomichef)
    response = client.get(_url(tilbud_a))
    assert 'value="2.900.000,00"' in _tekst(response)
    assert 'id="basistakst">1.023,87 kr.<' in _tekst(response)


def test_negative_amount_gives_a_danish_error_and_writes_nothing(
    client, oekonomichef, tilbud_a, faste_a
):
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a), {**LINJER, "nattevagt": "-5"})
    assert response.status_code == 200
    assert "Tallet skal være mindst 0." in _tekst(response)
    assert 'value="-5"' in _tekst(response)
    assert _gemte(tilbud_a) == {"ledelse": Decimal("2900000")}


def test_text_amount_gives_a_danish_error_and_keeps_the_input(
    client, oekonomichef, tilbud_a, faste_a
):
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a), {**LINJER, "ledelse": "mange penge"})
    assert "Skriv et tal, fx 1.234,56." in _tekst(response)
    assert 'value="mange penge"' in _tekst(response)
    assert _gemte(tilbud_a) == {"ledelse": Decimal("2900000")}


def test_a_service_error_on_the_last_line_saves_none_of_the_lines(
    client, oekonomichef, tilbud_a, faste_a
):
    """Øre only: the model rejects the sixth line after the first five were written,
    and the whole save is rolled back."""
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a), {**LINJER, "oevrige": "100,001"})
    assert response.status_code == 200
    assert 'value="100,001"' in _tekst(response)
    assert "Der må maksimalt være 2 decimaler." in _tekst(response)
    assert _gemte(tilbud_a) == {"ledelse": Decimal("2900000")}


def test_tilbudsleder_gets_403(client, leder_a, tilbud_a, faste_a):
    client.force_login(leder_a)
    assert client.get(_url(tilbud_a)).status_code == 403


def test_tilbudsleder_cannot_save(client, leder_a, tilbud_a, faste_a):
    client.force_login(leder_a)
    assert client.post(_url(tilbud_a), LINJER).status_code == 403
    assert _gemte(tilbud_a) == {"ledelse": Decimal("2900000")}


def test_anonymous_is_redirected_to_login(client, tilbud_a, faste_a):
    response = client.get(_url(tilbud_a))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_tilbud_page_links_to_the_fixed_costs_for_oekonomi(
    client, oekonomichef, tilbud_a, faste_a, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    assert reverse("budgets:faste-udgifter", args=[tilbud_a.pk]) in _tekst(response)


def test_tilbud_page_has_no_fixed_costs_link_for_the_leder(
    client, leder_a, tilbud_a, faste_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    assert reverse("budgets:faste-udgifter", args=[tilbud_a.pk]) not in _tekst(response)
