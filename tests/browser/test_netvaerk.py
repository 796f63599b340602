"""Issue 15: a page load asks only the product's own server, and gets every file.

The conftest's page fixture ignores 404s (a missing favicon is no defect), so
these tests watch the network themselves: the DKFDS fonts were missing (a 404 on
every page) and /api/docs/ loaded Swagger UI from a CDN (a blank page offline).
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import mislykket

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Netvaerk:
    """Every request a page made, the failed ones and the console errors."""

    def __init__(self, page) -> None:
        self.adresser: list[str] = []
        self.fejl: list[str] = []
        page.on("request", lambda r: self.adresser.append(r.url))
        page.on(
            "response",
            lambda r: (
                self.fejl.append(f"{r.status} {r.url}") if r.status >= 400 else None
            ),
        )
        page.on("requestfailed", self._mislykket)
        page.on(
            "console",
            lambda m: self.fejl.append(m.text) if m.type == "error" else None,
        )

    def _mislykket(self, request) -> None:
        if tekst := mislykket(request):
            self.fejl.append(tekst)

    def andre_vaerter(self, live_url: str) -> list[str]:
        egen = urlsplit(live_url).netloc
        return [
            a
            for a in self.adresser
            if not a.startswith("data:") and urlsplit(a).netloc != egen
        ]


def test_a_page_loads_every_font_and_image_without_a_failed_request(
    page, live_server, login, oekonomichef
):
    netvaerk = Netvaerk(page)
    login(oekonomichef)
    page.goto(f"{live_server.url}/takster/")
    page.wait_for_load_state("networkidle")
    # The text is drawn in IBM Plex Sans, so its font files were asked for.
    assert page.evaluate("document.fonts.check('16px \"IBM Plex Sans\"')")
    fonte = [a for a in netvaerk.adresser if "/fonts/IBMPlexSans/" in a]
    assert fonte, netvaerk.adresser
    assert not netvaerk.fejl, netvaerk.fejl
    assert not netvaerk.andre_vaerter(live_server.url)


def test_the_api_docs_render_swagger_ui_from_the_own_server_only(
    page, live_server, login, oekonomichef
):
    netvaerk = Netvaerk(page)
    login(oekonomichef)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    # The operations of the schema are listed, e.g. the tilbud list.
    stier = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(s.replace("\u200b", "") == "/api/v1/tilbud/" for s in stier), stier
    assert not netvaerk.andre_vaerter(live_server.url), netvaerk.adresser
    assert not netvaerk.fejl, netvaerk.fejl
    # The page runs under the product's Content-Security-Policy like every page.
    svar = page.request.get(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in svar.headers["content-security-policy"]
