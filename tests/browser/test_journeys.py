"""The three role journeys of issue 5 in real headless Chromium."""

import datetime

import pytest

from offers import services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

D = datetime.date


def test_raadgiver_places_a_borger_and_the_leder_sees_the_regulation(
    page, live_server, login, screenshots, raadgiver, leder_a, tilbud_a, faste_a, anna
):
    login(raadgiver)
    page.click("nav >> text=Borgere")
    page.fill("#id_navn", "Anna")
    page.click("button:has-text('Søg')")
    page.click("table >> text=Anna")
    page.screenshot(path=screenshots / "raadgiver_borger.png", full_page=True)

    page.click("text=Registrér døgnskema")
    page.fill("#id_dato", "2026-02-01")
    page.fill("#id_m_morgen_egenomsorg", "120")
    page.fill("#id_m_aften_relationer", "60")
    assert page.inner_text("#sum-timer") == "3,00"
    assert page.inner_text("#forslag") == "2 – Niveau 2"
    page.screenshot(path=screenshots / "raadgiver_doegnskema.png", full_page=True)
    page.click("button:has-text('Gem døgnskema')")

    assert "2 – Niveau 2" in page.inner_text("#foreslaaet")
    page.select_option("#id_tilbud", label=tilbud_a.navn)
    page.fill("#id_dato", "2026-02-01")
    page.click("button:has-text('Gem tilgang')")
    assert (
        "Budgeteffekt: aktivitetsbudget for Bofællesskabet Ahorn: +" in page.content()
    )

    page.click("text=Registrér afgang")
    page.fill("#id_dato", "2026-03-10")
    page.select_option("#id_afgangsaarsag", label="Flyttet til egen bolig")
    page.click("button:has-text('Gem afgang')")
    # Niveau 2 = 1.476,21 kr. per døgn × 245 days (1 May - 31 December).
    forventet = (
        "aktivitetsbudget for Bofællesskabet Ahorn: −361.671,45 kr. fra 1. maj 2026"
    )
    assert forventet in page.inner_text("main")
    page.screenshot(path=screenshots / "raadgiver_afgang.png", full_page=True)

    login(leder_a)
    page.goto(f"{live_server.url}/budget/tilbud/{tilbud_a.pk}/?aar=2026")
    regulering = page.inner_text("#reguleringer-tabel")
    assert (
        "Afgang 10.03.2026: aktivitetsbudget −361.671,45 kr. fra 1. maj" in regulering
    )
    page.wait_for_selector("#graf-maaneder[data-tegnet]")
    page.screenshot(path=screenshots / "tilbudsleder_budgetmodel.png", full_page=True)


def test_oekonomichef_sees_the_timepris_change_in_the_what_if(
    page,
    live_server,
    login,
    screenshots,
    oekonomichef,
    tilbud_a,
    faste_a,
    anna,
    niveau,
    raadgiver,
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    login(oekonomichef)
    page.goto(f"{live_server.url}/budget/?aar=2026")
    page.wait_for_selector("#graf-belaegning[data-tegnet]")
    page.screenshot(path=screenshots / "oekonomichef_central.png", full_page=True)

    page.click("text=Hvad nu hvis …")
    page.fill("#id_sygefravaer", "1")
    page.click("button:has-text('Beregn')")
    assert page.inner_text("#timepris-foer") == "492,07 kr."
    efter = page.inner_text("#timepris-efter")
    assert efter != "492,07 kr." and efter.endswith(" kr.")
    page.screenshot(path=screenshots / "oekonomichef_hvis.png", full_page=True)

    page.goto(f"{live_server.url}/takster/")
    page.click("a.button:has-text('Timeprismodel')")
    assert page.inner_text("#timepris-gemt") == "492,07 kr."
    page.screenshot(path=screenshots / "oekonomichef_timepris.png", full_page=True)
    page.goto(f"{live_server.url}/budget/tilbud/{tilbud_a.pk}/takstblad/?aar=2026")
    assert page.inner_text("#takstblad-basistakst") == "1.023,87 kr."
    page.screenshot(path=screenshots / "oekonomichef_takstblad.png", full_page=True)


def test_tilbudsleder_is_refused_another_tilbud(
    page, live_server, login, screenshots, leder_b, tilbud_a, faste_a
):
    login(leder_b)
    response = page.goto(f"{live_server.url}/budget/tilbud/{tilbud_a.pk}/")
    assert response.status == 404
    assert tilbud_a.navn not in page.content()
    page.screenshot(path=screenshots / "tilbudsleder_afvist.png")
