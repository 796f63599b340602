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


# --- Issue 15 #5: correcting, a bad import, a what-if takst, a foreign tilbud --


def test_raadgiver_corrects_a_wrong_afgang(
    page, live_server, login, screenshots, raadgiver, tilbud_a, faste_a, anna, niveau
):
    ophold = services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    login(raadgiver)
    page.goto(f"{live_server.url}/borgere/{anna.pk}/")
    page.click("text=Registrér afgang")
    page.fill("#id_dato", "2026-03-10")  # the wrong day
    page.select_option("#id_afgangsaarsag", label="Død")
    page.click("button:has-text('Gem afgang')")
    ophold_tekst = f"{tilbud_a.navn}: 01.02.2026 – "
    assert f"{ophold_tekst}10.03.2026" in page.inner_text("main")
    assert "Afgangsårsag: Død" in page.inner_text("main")

    # Annul it with a reason: the stay runs on, and the annulment is listed.
    page.click(f"#haendelser-{ophold.pk} li:has-text('Afgang') a")
    assert "Afgang" in page.inner_text("#annulleres")
    page.fill("#id_begrundelse", "Forkert borger valgt")
    page.click("button:has-text('Annullér afgang')")
    assert f"{ophold_tekst}nu" in page.inner_text("main")  # the stay runs on
    assert "Afgangsårsag" not in page.inner_text("main")
    assert "Forkert borger valgt" in page.inner_text("#annulleringer")

    # The right afgang, 20.04.2026: financed through 31 May, reduced from 1 June:
    # 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214 døgn × 1.476,21 = 315.908,94 kr.
    page.click("text=Registrér afgang")
    page.fill("#id_dato", "2026-04-20")
    page.select_option("#id_afgangsaarsag", label="Flyttet til egen bolig")
    page.click("button:has-text('Gem afgang')")
    main = page.inner_text("main")
    assert (
        "aktivitetsbudget for Bofællesskabet Ahorn: −315.908,94 kr. fra 1. juni 2026"
        in main
    )
    assert "Afgangsårsag: Flyttet til egen bolig" in main
    page.screenshot(path=screenshots / "raadgiver_afgang_rettet.png", full_page=True)


def test_an_events_import_with_a_bad_row_names_it_and_writes_nothing(
    page, live_server, login, screenshots, raadgiver, tilbud_a, niveau
):
    from offers.models import Borger

    fil = (
        "cpr;tilbud;hændelse;dato;niveau;navn\n"
        f"020290-1234;{tilbud_a.navn};tilgang;2026-02-01;1;Bo\n"
        f"030390-1234;{tilbud_a.navn};tilgang;2026-02-01;9;Carl\n"
    ).encode()
    login(raadgiver)
    page.click("#nav-import")
    page.select_option(
        "#id_type", label="Tilgang, afgang og indplacering fra fagsystemet"
    )
    page.set_input_files(
        "#id_fil", {"name": "haendelser.csv", "mimeType": "text/csv", "buffer": fil}
    )
    page.click("button:has-text('Start import')")
    page.wait_for_selector("#fejl li")
    assert page.inner_text("#status") == "Afvist"
    assert page.inner_text("#fejl") == (
        "Linje 3: Takstniveau '9' findes ikke i takstmodellen for 2026."
    )
    assert not Borger.objects.filter(navn__in=["Bo", "Carl"]).exists()
    page.screenshot(path=screenshots / "raadgiver_import_afvist.png", full_page=True)


def test_oekonomichef_sees_the_takster_change_in_the_what_if(
    page, live_server, login, oekonomichef, tilbud_a, faste_a, anna, niveau, raadgiver
):
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 1, 1),
        takstniveau=niveau["3"],
        acting_user=raadgiver,
    )
    login(oekonomichef)
    page.goto(f"{live_server.url}/budget/hvis/?aar=2026")
    page.fill("#id_sygefravaer", "1")
    page.click("button:has-text('Beregn')")
    # Egen sygdom 5 % → 6 %: fravær 23 % × 1.924 = 442,52 h; fremmøde 1.481,48 h;
    # direkte 1.481,48 × 0,65 = 962,962 h; 480.000 / 962,962 = 498,46 kr.
    # Niveau 2 = 3 h: 1.476,21 → 3 × 498,46 = 1.495,38 kr.;
    # niveau 3 = 5 h: 2.460,35 → 5 × 498,46 = 2.492,30 kr.
    niveau_2 = page.inner_text("#hvis-niveauer tr:has(td:text-is('Niveau 2'))")
    assert "1.476,21 kr." in niveau_2 and "1.495,38 kr." in niveau_2
    niveau_3 = page.inner_text("#hvis-niveauer tr:has(td:text-is('Niveau 3'))")
    assert "2.460,35 kr." in niveau_3 and "2.492,30 kr." in niveau_3
    # Anna all year at niveau 3: 365 × 2.460,35 = 898.027,75 → 365 × 2.492,30 =
    # 909.689,50 kr.
    ahorn = page.inner_text(f"#hvis-tilbud tr:has-text('{tilbud_a.navn}')")
    assert "898.027,75 kr." in ahorn and "909.689,50 kr." in ahorn


def test_tilbudsleder_gets_the_danish_404_page_with_the_menu(
    page, live_server, login, screenshots, leder_b, tilbud_a, faste_a
):
    login(leder_b)
    for sti in (f"/budget/tilbud/{tilbud_a.pk}/", f"/tilbud/{tilbud_a.pk}/"):
        response = page.goto(f"{live_server.url}{sti}")
        assert response.status == 404
        assert page.inner_text("h1") == "Siden findes ikke"
        assert page.get_attribute("html", "lang") == "da"
        assert tilbud_a.navn not in page.content()
        assert page.is_visible("nav[aria-label='Hovedmenu'] >> text=Borgere")
    page.screenshot(path=screenshots / "tilbudsleder_404.png", full_page=True)
    page.click("nav[aria-label='Hovedmenu'] >> text=Forside")
    assert page.url == f"{live_server.url}/"
