"""No demo CPR number appears in any page, API response, export or log line.

Loads the demo municipality once, decrypts its CPR numbers, then crawls the site
as each role (following every same-site link, Excel exports included), calls the
API and searches by CPR, while a handler records every log record at DEBUG.
"""

import io
import logging
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction

from offers.cpr import decrypt_cpr
from offers.models import Borger

MAX_PAGES = 120
SKIP = ("/logout/", "/admin/", "/api/docs/", "/static/")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=io.StringIO())
        cprs = [decrypt_cpr(b.cpr_krypteret) for b in Borger.objects.all()]
        yield cprs
        transaction.set_rollback(True)


@pytest.fixture
def cprs(demo, db):
    return demo


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/") and not href.startswith(SKIP):
            self.links.append(href.split("#")[0])


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    handler, root = _Records(), logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(old_level)


def _text(response) -> str:
    content = response.content
    if content.startswith(b"PK"):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return " ".join(
            str(c) for ws in book for r in ws.iter_rows(values_only=True) for c in r
        )
    return content.decode(errors="replace")


def _crawl(client, start: list[str]) -> list[str]:
    seen, queue, texts = set(), list(start), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        texts.append(f"{url} {_text(response)}")
        if response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode(errors="replace"))
            queue += [link for link in parser.links if link not in seen]
    return texts


def _leaks(cprs: list[str], texts: list[str]) -> list[str]:
    patterns = [re.compile(re.escape(c)) for c in cprs]
    patterns += [re.compile(re.escape(f"{c[:6]}-{c[6:]}")) for c in cprs]
    return [p.pattern for p in patterns if any(p.search(t) for t in texts)]


START = [
    "/",
    "/borgere/",
    "/budget/",
    "/budget/?format=xlsx",
    "/takster/",
    "/historik/",
    "/historik/?model=borger",
    "/import/",
    "/api/v1/borgere/",
    "/api/v1/tilbud/",
    "/api/v1/budgetter/2026/central/",
]


@pytest.mark.parametrize("username", ["oekonomi", "raadgiver", "leder1"])
def test_no_cpr_in_pages_api_exports_or_logs(client, cprs, log_lines, username):
    client.force_login(User.objects.get(username=username))
    texts = _crawl(client, START)
    assert len(texts) > 10  # the crawl really went somewhere
    assert _leaks(cprs, texts + log_lines) == []


def test_cpr_search_does_not_echo_the_cpr(client, cprs, log_lines):
    client.force_login(User.objects.get(username="raadgiver"))
    response = client.post("/borgere/cpr/", {"cpr": cprs[0]}, follow=True)
    assert (
        _leaks(
            cprs[:1], [_text(response), response.redirect_chain.__str__(), *log_lines]
        )
        == []
    )


def test_the_scan_finds_a_cpr_when_one_leaks(cprs):
    """The scanner's own control: a text holding a demo CPR is reported."""
    assert _leaks(cprs[:1], [f"borger {cprs[0][:6]}-{cprs[0][6:]}"]) != []
