"""Real headless Chromium (Playwright) against pytest-django's live server.

Playwright's sync API runs an event loop in this thread, so Django's async
safety check would refuse the ORM calls the tests make to build their data.
"""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "Kode-1234!"  # tests.factories.UserFactory


def pytest_collection_modifyitems(items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: install Debian's chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="da-DK"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    fejl: list[str] = []
    page.on(
        "console", lambda msg: fejl.append(msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: fejl.append(str(exc)))
    page.on(
        "response",
        lambda r: fejl.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    yield page
    context.close()
    # A blocked inline script or a broken chart shows up here, not as a failed click.
    relevante = [f for f in fejl if "404" not in f and "favicon" not in f]
    assert not relevante, relevante


def mislykket(request) -> str | None:
    """A failed request as text, or None when the failure is no defect.

    Chromium cancels the favicon fetch (net::ERR_ABORTED) when a page is
    closed or navigated before it finished; the file exists (a 404 would be
    reported by the response handler), so that cancellation is not counted.
    """
    if request.failure == "net::ERR_ABORTED" and "favicon" in request.url:
        return None
    return f"{request.failure} {request.url}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    root = Path(__file__).resolve().parents[2]
    folder = Path(os.environ.get("ARTIFACTS_DIR", root / "artifacts")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def login(page, live_server):
    def _login(user) -> None:
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button:has-text('Log ind')")
        page.wait_for_url(f"{live_server.url}/")

    return _login
