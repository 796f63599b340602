"""Issue 15: a døgnskema cell shows four digits whole, and on a phone the grid
scrolls in its own box, not the page."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _skema(page, live_server, anna) -> None:
    page.goto(live_server.url + reverse("offers:doegnskema-create", args=[anna.pk]))


def test_a_cell_shows_2000_minutes_whole(page, live_server, login, raadgiver, anna):
    login(raadgiver)
    _skema(page, live_server, anna)
    celle = page.locator("#id_m_morgen_egenomsorg")
    celle.fill("2000")
    bredder = celle.evaluate("e => [e.scrollWidth, e.clientWidth]")
    # The text fits the box: nothing to scroll inside the input.
    assert bredder[0] <= bredder[1], bredder


def test_on_a_phone_the_grid_scrolls_in_its_own_box(
    page, live_server, login, raadgiver, anna
):
    page.set_viewport_size({"width": 390, "height": 844})
    login(raadgiver)
    _skema(page, live_server, anna)
    side, boks = page.evaluate(
        """() => {
          const boks = document.querySelector(".tv-grid").parentElement;
          const rod = document.documentElement;
          return [
            [rod.scrollWidth, rod.clientWidth],
            [boks.scrollWidth, boks.clientWidth, getComputedStyle(boks).overflowX],
          ];
        }"""
    )
    assert side[0] <= side[1], side  # the page itself does not scroll sideways
    assert boks[0] > boks[1] and boks[2] in ("auto", "scroll"), boks
