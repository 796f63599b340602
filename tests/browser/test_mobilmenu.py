"""Issue 15: at a phone's width (390 px) the menu and "Log ud" are reachable.

DKFDS hides the navigation bar and the user box below its lg breakpoint (992 px)
and expects a menu button that opens a drawer; the page had neither, so on a
phone there was no way to the other pages or to log out.
"""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TELEFON = {"width": 390, "height": 844}
SKAERM = {"width": 1366, "height": 900}
MENUPUNKTER = ["Forside", "Borgere", "Budgetmodel", "Timepris og takster"]
OEKONOMI_PUNKTER = ["Budgetår", "Import", "Historik"]


def _menuknap(page):
    return page.get_by_role("button", name="Menu", exact=True)


def _skuffe(page):
    return page.locator("#tv-mobilmenu")


def test_on_a_phone_the_menu_button_opens_the_links_and_log_ud(
    page, live_server, login, oekonomichef
):
    page.set_viewport_size(TELEFON)
    login(oekonomichef)
    page.goto(f"{live_server.url}/takster/")
    knap = _menuknap(page)
    assert knap.is_visible()
    assert knap.get_attribute("aria-expanded") == "false"
    assert not _skuffe(page).is_visible()
    assert not page.locator("nav[aria-label='Hovedmenu']").is_visible()

    knap.click()
    skuffe = _skuffe(page)
    skuffe.wait_for(state="visible")
    assert knap.get_attribute("aria-expanded") == "true"
    for navn in MENUPUNKTER + OEKONOMI_PUNKTER:
        assert skuffe.get_by_role("link", name=navn, exact=True).is_visible(), navn
    assert skuffe.get_by_role("button", name="Log ud").is_visible()

    # A link in the drawer leads to its page.
    skuffe.get_by_role("link", name="Borgere", exact=True).click()
    page.wait_for_url(f"{live_server.url}/borgere/**")
    assert page.locator("h1").first.is_visible()

    # "Log ud" in the drawer logs out.
    _menuknap(page).click()
    _skuffe(page).get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    svar = page.request.get(f"{live_server.url}/takster/", max_redirects=0)
    assert svar.status == 302 and "/login/" in svar.headers["location"]


def test_the_close_button_closes_the_drawer(page, live_server, login, oekonomichef):
    page.set_viewport_size(TELEFON)
    login(oekonomichef)
    _menuknap(page).click()
    _skuffe(page).wait_for(state="visible")
    page.get_by_role("button", name="Luk menu").click()
    _skuffe(page).wait_for(state="hidden")
    assert _menuknap(page).get_attribute("aria-expanded") == "false"


def test_on_a_wide_screen_the_navigation_shows_without_the_button(
    page, live_server, login, oekonomichef
):
    page.set_viewport_size(SKAERM)
    login(oekonomichef)
    assert not _menuknap(page).is_visible()
    nav = page.locator("nav[aria-label='Hovedmenu']")
    for navn in MENUPUNKTER + OEKONOMI_PUNKTER:
        assert nav.get_by_role("link", name=navn, exact=True).is_visible(), navn
    assert (
        page.locator(".portal-user").get_by_role("button", name="Log ud").is_visible()
    )
    assert not _skuffe(page).is_visible()
