"""A link a role cannot use is not shown to it (issue 15, dead ends).

Each role follows every link of every page it can reach from the start page, as a
user clicking around would; none may end on the 403 page. Links to another
tilbud's pages cannot appear (their 404 is test_access_matrix's business), and a
404 here would be a broken link, so it fails too.
"""

import re
from collections import deque
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tests.trust.test_access_matrix import world  # noqa: F401  (a fixture)

HREF = re.compile(r'href="([^"#]*)"')
# Not pages: logging out ends the walk, the admin has its own staff checks,
# static files and the API's browsable pages are not the product's navigation.
UDEN_FOR = ("/logout/", "/admin/", "/static/", "/api/")
GRAENSE = 400  # pages per role; the world is small, the walk ends long before


def _links(html: str, side: str) -> set[str]:
    fundet = set()
    for href in HREF.findall(html):
        url = urljoin(side, href.replace("&amp;", "&"))
        dele = urlsplit(url)
        if dele.netloc not in ("", "testserver"):
            continue
        sti = dele.path + (f"?{dele.query}" if dele.query else "")
        if not sti.startswith(UDEN_FOR):
            fundet.add(sti)
    return fundet


def _slags(url: str) -> tuple[str, frozenset[str]]:
    """One page of a kind is enough: /budget/?sort=navn and ?sort=pladser differ
    only in their values."""
    dele = urlsplit(url)
    return dele.path, frozenset(parse_qs(dele.query))


def _gaa(client, start: str = "/") -> dict[str, tuple[int, str]]:
    """Every kind of page reachable from ``start``: url → (status, the page
    linking to it)."""
    besoegt: dict[str, tuple[int, str]] = {}
    koe = deque([(start, "")])
    sete = {_slags(start)}
    while koe and len(besoegt) < GRAENSE:
        url, fra = koe.popleft()
        response = client.get(url)
        besoegt[url] = (response.status_code, fra)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        for link in sorted(_links(response.content.decode(), url)):
            if _slags(link) not in sete:
                sete.add(_slags(link))
                koe.append((link, url))
    return besoegt


@pytest.mark.parametrize("rolle", ["raadgiver", "leder_a", "oekonomichef"])
def test_no_link_leads_a_role_to_a_refusal(client, world, rolle):  # noqa: F811
    users, _ = world
    client.force_login(users[rolle])
    besoegt = _gaa(client)
    afvist = {
        url: f"{status} (linket fra {fra})"
        for url, (status, fra) in besoegt.items()
        if status in (403, 404) or status >= 500
    }
    assert not afvist, afvist
    assert len(besoegt) > 10  # the walk went somewhere
