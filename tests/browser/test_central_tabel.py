"""Issue 15 item 1 in real Chromium at 1366×900: the central table fits its
container with the standard columns, Afvigelse is on screen, a chosen column is
shown, and with every column the tilbud's name stays in view while scrolling."""

from decimal import Decimal

import pytest

from tests.factories import FastUdgiftFactory, TilbudFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGT_NAVN = "Bofællesskabet for voksne med betydelig og varigt nedsat funktionsevne"

MAAL = """() => {
  const rulle = document.getElementById("central-rulle");
  const tabel = document.getElementById("centraltabel");
  const th = tabel.querySelector('th[data-kolonne="afvigelse"]');
  const r = th.getBoundingClientRect(), c = rulle.getBoundingClientRect();
  return {tabel: tabel.scrollWidth, rulle: rulle.clientWidth,
          afv_venstre: r.left, afv_hoejre: r.right,
          rulle_venstre: c.left, rulle_hoejre: c.right,
          side: document.documentElement.scrollWidth, vindue: window.innerWidth};
}"""


def test_the_standard_columns_fit_and_a_chosen_one_is_shown(
    page, live_server, login, screenshots, oekonomichef, tilbud_a, forbrug_2026
):
    TilbudFactory(navn=LANGT_NAVN, pladser=24)
    # Amounts of a large tilbud (the demo's Solbakken: 60.7 mio. kr.), so every
    # standard column is as wide as a real municipality's: the total runs to
    # hundreds of millions.
    FastUdgiftFactory(
        tilbud=tilbud_a, kategori="bygningsdrift", beloeb=Decimal("600000000")
    )
    login(oekonomichef)
    page.goto(f"{live_server.url}/budget/?aar=2026")
    page.wait_for_selector("#graf-maaneder[data-tegnet]")
    assert "602.900.000,00" in page.inner_text("#centraltabel")
    maal = page.evaluate(MAAL)
    page.screenshot(path=screenshots / "central_standard.png", full_page=True)
    assert maal["tabel"] <= maal["rulle"], maal
    assert maal["side"] <= maal["vindue"], maal  # no horizontal scroll of the page
    # Afvigelse's heading lies inside the visible part of the table.
    assert maal["rulle_venstre"] <= maal["afv_venstre"], maal
    assert maal["afv_hoejre"] <= maal["rulle_hoejre"] + 1, maal
    assert page.is_visible('th[data-kolonne="afvigelse"]')
    assert not page.is_visible('th[data-kolonne="pladser"]')

    page.click("#kolonnevalg summary")
    page.check("#kolonne-pladser")
    page.click("button:has-text('Vis de valgte kolonner')")
    page.wait_for_selector('th[data-kolonne="pladser"]')
    assert page.is_visible('th[data-kolonne="pladser"]')
    assert page.is_visible('th[data-kolonne="afvigelse"]')


def test_with_every_column_the_tilbud_name_stays_in_view(
    page, live_server, login, screenshots, oekonomichef, tilbud_a, forbrug_2026
):
    login(oekonomichef)
    page.goto(f"{live_server.url}/budget/?aar=2026")
    page.click("#kolonnevalg summary")
    for boks in page.query_selector_all("#kolonnevalg input[type=checkbox]"):
        boks.check()
    page.click("button:has-text('Vis de valgte kolonner')")
    page.wait_for_selector('th[data-kolonne="salg"]')
    rulle = page.locator("#central-rulle")
    rulle.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert rulle.evaluate("el => el.scrollLeft") > 0  # every column is wider
    navn = page.locator("#centraltabel tbody th[scope=row]").first
    venstre = navn.evaluate("el => el.getBoundingClientRect().left")
    kant = rulle.evaluate("el => el.getBoundingClientRect().left")
    assert abs(venstre - kant) <= 1
    page.screenshot(path=screenshots / "central_alle_kolonner.png", full_page=True)
