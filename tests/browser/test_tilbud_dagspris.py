"""Issue 17 in real headless Chromium: the Nyt tilbud page shows the dagspris
fields for STU and dagtilbud only (static/js/takstvaerk.js), and a STU is
created with its dagspris there, without the admin."""

import pytest
from playwright.sync_api import expect

from offers.models import Tilbud

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_dagspris_fields_follow_the_tilbudstype(
    page, live_server, login, screenshots, oekonomichef, faste_a
):
    login(oekonomichef)
    page.goto(f"{live_server.url}/budget/tilbud/create/")
    page.select_option("#id_tilbudstype", "bostoette_85")
    expect(page.locator("#id_dagspris")).to_be_hidden()
    page.select_option("#id_tilbudstype", "stu")
    expect(page.locator("#id_dagspris")).to_be_visible()
    page.fill("#id_navn", "STU Lærken")
    page.fill("#id_pladser", "12")
    page.select_option("#id_tildelingsprincip", "ramme")
    page.fill("#id_dagspris", "640")
    page.fill("#id_dimensioneret_til", "10")
    page.screenshot(path=screenshots / "oekonomi_nyt_tilbud_stu.png", full_page=True)
    page.click("button:has-text('Opret tilbud')")
    page.wait_for_selector("text=Tilbuddet STU Lærken er oprettet.")
    stu = Tilbud.objects.get(navn="STU Lærken")
    assert (stu.dagspris, stu.dimensioneret_til, stu.dagsgrundlag) == (
        640,
        10,
        "kalenderdage",
    )
