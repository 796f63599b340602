"""The økonomichef's scenario journey in real headless Chromium (issue 16 #1):
the change form shows only the chosen kind's fields (static/js/scenarie.js)."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_oekonomichef_creates_a_scenario_and_changes_pladser(
    page, live_server, login, screenshots, oekonomichef, tilbud_a, faste_a
):
    login(oekonomichef)
    page.click("nav >> text=Scenarier")
    page.fill("#id_navn", "Ti pladser")
    page.select_option("#id_aar", "2026")
    page.click("button:has-text('Opret scenarie')")
    page.select_option("#id_art", "tilbud_pladser")
    assert page.is_visible("#id_pladser")
    assert not page.is_visible("#id_procent")
    page.select_option("#id_tilbud", label=tilbud_a.navn)
    page.fill("#id_pladser", "10")
    page.click("button:has-text('Tilføj ændring')")
    # DOMAIN.md §4 with 10 pladser: 2,900,000 / (10 × 365 × 0.97) = 819.09 kr.
    tabel = page.inner_text("#takster")
    assert "1.023,87 kr." in tabel and "819,09 kr." in tabel
    page.screenshot(path=screenshots / "oekonomi_scenarie.png", full_page=True)
