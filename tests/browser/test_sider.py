"""Every HTML page × every role that may open it × two widths, in real Chromium.

The pages come from the URL resolver and the access matrix
(tests/trust/test_access_matrix.py), so a new page is walked as soon as it has
its matrix row. On each page: no console error, no failed request (≥ 400 or a
network failure, the page's own or a subresource's), no horizontal scrolling of
the page, and no axe-core violation of impact serious or critical against WCAG
2.1 A/AA. A screenshot of each goes to $ARTIFACTS_DIR/screenshots/.

Speed: one world for the module (committed, removed at the end), one browser
context per role × width with a session cookie instead of a login form, so a
test is one navigation. pytest-django's ``live_server`` would empty the database
after every test, so the module starts its own server.
"""

import datetime
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.backends.signals import connection_created
from django.test import Client
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from budgets.models import Importjob, Importstatus
from budgets.services import leveret_tid_save, tilbud_aar_save
from config.lib.roles import MYNDIGHED, OEKONOMI, TILBUDSLEDER
from offers import services
from offers.models import Tilbudstype
from offers.services.betalingskommune import betalingskommune_set
from offers.services.tillaeg import tillaeg_create
from offers.services.venteliste import ventelisteplads_create
from tariffs.services import timeprismodel_kopier
from tests.browser.conftest import ARGS, CHROMIUM, mislykket
from tests.conftest import _restore_reference_data, make_takstmodel
from tests.factories import (
    BudgetaarFactory,
    FastUdgiftFactory,
    TilbudFactory,
    UserFactory,
)
from tests.scenarier import flere_pladser
from tests.trust import test_access_matrix as matrix

# The db mark sets the test database up; the world itself is committed once for
# the module (``verden``), so the live server's thread sees it on PostgreSQL too.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

D = datetime.date
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ALVORLIGE = {"serious", "critical"}
BREDDER = {1366: 900, 390: 844}
ROLLER = ("raadgiver", "leder_a", "oekonomichef")

# GET routes that answer something other than an HTML page (checked by
# test_every_route_not_walked_answers_no_html_page). The API's JSON routes
# ("api:v1:…") and the POST-only routes are left out by rule, below.
IKKE_SIDER = {
    "logout": "POST only: the logout form",
    "health": "JSON for the load balancer",
    "api:schema": "the OpenAPI document",
    "imports:takster-eksport": "an xlsx file",
    "imports:status": "JSON: the import page's progress",
    "budgets:afregning-csv": "a CSV file: the settlement's debitor lines",
}

# Where the walk's richer world opens a page the matrix's world cannot.
FLERE_ROLLER = {
    # The world has a 2025 takstmodel, so 2026's rollover summary exists.
    "budgets:budgetaar-oprettet": ("oekonomichef",),
}

# Query strings beyond the matrix's: the year the world budgets.
EKSTRA_QUERY = {"budgets:budgetaar-oprettet": "?fra=2025"}


def _walked(name: str) -> bool:
    method, _ = matrix.MATRIX[name]
    if method != "GET" or name in IKKE_SIDER:
        return False
    return not name.startswith("api:") or name == "api:docs"


def _roller(name: str) -> tuple[str, ...]:
    if name == "login":
        return ("anonym",)
    _, udfald = matrix.MATRIX[name]
    maa = {p for p, u in zip(matrix.PERSONAS, udfald, strict=True) if u == "O"}
    maa |= set(FLERE_ROLLER.get(name, ()))
    return tuple(r for r in ROLLER if r in maa)


SIDER = sorted(n for n in matrix.ALL_PATTERNS if _walked(n))
TILFAELDE = [
    (rolle, bredde, side)
    for rolle in ("anonym", *ROLLER)
    for bredde in BREDDER
    for side in SIDER
    if rolle in _roller(side)
]

# Defects other branches fix (issue 15). One place, so the merge can delete rows:
# (route or "*", width or None for both, kind, a substring of the problem).
# (route or "*", width or None, kind, a substring of the finding): a defect that is
# known and not yet fixed. Empty: every page passes every check.
KENDTE: set[tuple[str, int | None, str, str]] = set()


def test_every_html_route_is_walked():
    """A new route is walked, or says here why not (and is not an HTML page)."""
    for name in matrix.ALL_PATTERNS:
        method, _ = matrix.MATRIX[name]
        if _walked(name):
            assert _roller(name), f"{name}: no role may open it, so it is not walked"
        else:
            assert (
                method == "POST" or name in IKKE_SIDER or name.startswith("api:v1:")
            ), name
    assert {s for _, _, s in TILFAELDE} == set(SIDER)


# ---------------------------------------------------------------- the world


@dataclass
class Verden:
    url: str
    objekter: dict
    brugere: dict
    cookies: dict = field(default_factory=dict)


def _bostoette(leder, niveau, raadgiver, oekonomichef):
    """Issue 17: a bostøtte tilbud of leder_a's with Frede on 3 hours a week
    and 11 hours delivered in March, so the follow-up page has its tables."""
    hyld = TilbudFactory(
        navn="Bostøtten Hyld", tilbudstype=Tilbudstype.BOSTOETTE_85, pladser=20
    )
    hyld.ledere.add(leder)
    frede = services.borger_create(
        cpr="060645-6789", navn="Frede", acting_user=raadgiver
    )
    services.borger_tilgang(
        borger=frede,
        tilbud=hyld,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
        visiterede_timer_pr_uge=Decimal(3),
    )
    leveret_tid_save(
        borger_id=frede.pk,
        tilbud_id=hyld.pk,
        aar=2026,
        maaned=3,
        timer=Decimal(11),
        acting_user=oekonomichef,
    )
    return hyld


def _byg_verden() -> tuple[dict, dict]:
    """Tilbud A with four borgere on the levels, tilbud B with one, 2025 and 2026
    takstmodeller, 2026's fixed costs, a døgnskema, a finished import and a
    scenario with one change."""
    raadgiver = UserFactory(username="raadgiver", roller=[MYNDIGHED])
    oekonomichef = UserFactory(username="oekonomi", roller=[OEKONOMI])
    leder_a = UserFactory(username="leder_a", roller=[TILBUDSLEDER])
    tilbud_a = TilbudFactory(navn="Bofællesskabet Ahorn", pladser=8)
    tilbud_b = TilbudFactory(navn="Botilbuddet Birk", pladser=12)
    tilbud_a.ledere.add(leder_a)
    make_takstmodel(2025, oekonomichef)
    takstmodel = make_takstmodel(2026, oekonomichef)
    niveau = {n.kode: n for n in takstmodel.niveauer.all()}
    aar_2026 = BudgetaarFactory(aar=2026)
    for tilbud, beloeb in ((tilbud_a, "2900000"), (tilbud_b, "4100000")):
        FastUdgiftFactory(tilbud=tilbud, budgetaar=aar_2026, beloeb=Decimal(beloeb))
        FastUdgiftFactory(
            tilbud=tilbud, budgetaar=aar_2026, kategori="husleje", beloeb=Decimal("1")
        )
    anna = services.borger_create(cpr="010190-1234", navn="Anna", acting_user=raadgiver)
    ophold = services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    tillaeg = tillaeg_create(
        borger=anna,
        ophold=ophold,
        fra=D(2026, 2, 10),
        til=D(2026, 12, 1),
        timer_pr_doegn=Decimal("1.5"),
        begrundelse="Ekstra nattevagt i en periode med uro.",
        acting_user=raadgiver,
    )
    skema = services.doegnskema_create(
        borger=anna,
        dato=D(2026, 2, 1),  # in the stay: the leder of tilbud A may open it
        acting_user=raadgiver,
        poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 180}],
        # Issue 19: the borger page's funktionsevne chart has a series to draw.
        funktionsevner={"egenomsorg": 2, "mobilitet": 1},
    )
    andre = [
        ("020285-2345", "Bent", tilbud_a, "1"),
        ("030375-3456", "Carla", tilbud_a, "3"),
        ("040465-4567", "Dorte", tilbud_a, "S1"),
        ("050555-5678", "Erik", tilbud_b, "2"),
    ]
    for cpr, navn, tilbud, kode in andre:
        borger = services.borger_create(cpr=cpr, navn=navn, acting_user=raadgiver)
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud,
            dato=D(2026, 1, 1),
            takstniveau=niveau[kode],
            acting_user=raadgiver,
            **({"saertakst_timer": Decimal("8")} if kode == "S1" else {}),
        )
    services.borger_afgang(
        borger=services.borger_find_by_cpr("020285-2345"),
        dato=D(2026, 6, 30),
        acting_user=raadgiver,
    )
    # A sold place (issue 18): Carla is paid for by 751, so the settlement pages
    # have a statement to show and print.
    betalingskommune_set(
        borger=services.borger_find_by_cpr("030375-3456"),
        kommunekode="751",
        gyldig_fra=D(2026, 1, 1),
        acting_user=raadgiver,
    )
    hyld = _bostoette(leder_a, niveau, raadgiver, oekonomichef)
    # Issue 17: Hyld prices with its own timeprismodel, transport added.
    egen = timeprismodel_kopier(
        acting_user=oekonomichef, kilde=takstmodel.timeprismodel, navn="Bostøtte 2026"
    )
    tilbud_aar_save(
        tilbud=hyld,
        aar=2026,
        pladser=hyld.pladser,
        tildelingsprincip=hyld.tildelingsprincip,
        forudsat_belaegning=hyld.forudsat_belaegning,
        reguleringsandel=hyld.reguleringsandel,
        acting_user=oekonomichef,
        timeprismodel=egen,
    )
    job = Importjob.objects.create(
        type="forbrug",
        filnavn="forbrug-2026.csv",
        indhold=b"",
        created_by=oekonomichef,
        status=Importstatus.FAERDIG,
        rows_total=4,
        rows_done=4,
        resultat={"ny": 2, "aendret": 1, "uaendret": 1},
        finished=timezone.now(),
    )
    scenario, aendring = flere_pladser(oekonomichef, tilbud_a)
    plads = ventelisteplads_create(  # issue 19 #3: the waiting-list pages
        tilbud=tilbud_a,
        borger=anna,
        oensket_dato=D(2026, 9, 1),
        fra_kommune="751",
        acting_user=raadgiver,
    )
    objekter = {
        "tilbud": tilbud_a.pk,
        "borger": anna.pk,
        "ophold": ophold.pk,
        "timeprismodel": takstmodel.timeprismodel_id,
        "takstmodel": takstmodel.pk,
        "job": job.pk,
        "scenario": scenario.pk,
        "aendring": aendring.pk,
        "doegnskema": skema.pk,
        "tillaeg": tillaeg.pk,
        "indplacering": ophold.indplaceringer.get().pk,
        "venteliste": plads.pk,
        "egen_timeprismodel": egen.pk,
    }
    brugere = {
        "raadgiver": raadgiver,
        "leder_a": leder_a,
        "oekonomichef": oekonomichef,
    }
    return objekter, brugere


@pytest.fixture(scope="module")
def verden(django_db_setup, django_db_blocker):
    aabnede = []  # the main thread's connections (see the end)

    def husk(sender, connection, **kwargs) -> None:
        if threading.current_thread() is threading.main_thread():
            aabnede.append(connection)

    connection_created.connect(husk)
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        objekter, brugere = _byg_verden()
        verden = Verden(server.url, objekter, brugere)
        for rolle, bruger in brugere.items():
            client = Client()
            client.force_login(bruger)
            verden.cookies[rolle] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield verden
        server._live_server_modified_settings.disable()
        server.stop()
        # The world was committed: leave the database as the next test expects it.
        call_command("flush", interactive=False, verbosity=0)
        _restore_reference_data()
        # Playwright's greenlets switch contextvars, so a test's connection can be
        # one Django's own teardown no longer sees: on PostgreSQL it would stay
        # open and keep the test database from being dropped.
        connection_created.disconnect(husk)
        for connection in aabnede:
            if not connection.in_atomic_block:
                connection.close()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="module")
def kontekster(chromium, verden):
    """One browser context per role × width, made when first needed."""
    made: dict = {}

    def kontekst(rolle: str, bredde: int):
        if (rolle, bredde) not in made:
            context = chromium.new_context(
                viewport={"width": bredde, "height": BREDDER[bredde]}, locale="da-DK"
            )
            context.set_default_timeout(15_000)
            if rolle in verden.cookies:
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": verden.cookies[rolle],
                            "url": verden.url,
                        }
                    ]
                )
            made[rolle, bredde] = context
        return made[rolle, bredde]

    yield kontekst
    for context in made.values():
        context.close()


# ---------------------------------------------------------------- the walk


def _side_url(verden: Verden, side: str) -> str:
    path = matrix._url(side, matrix.ALL_PATTERNS[side], verden.objekter)
    return verden.url + path + EKSTRA_QUERY.get(side, "")


def _axe(page) -> list[str]:
    page.evaluate(AXE)  # evaluated, not a <script>: the CSP stays whole
    violations = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        }).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                      html: n.html.slice(0, 120)})),
        })))""",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {n['target']} {n['html']}"
        for v in violations
        if v["impact"] in ALVORLIGE
        for n in v["nodes"]
    ]


# The page's width, and when it is too wide the first elements that stick out
# (not those inside a container that scrolls them).
OVERFLOW = """() => {
    const bred = document.documentElement.scrollWidth, vindue = window.innerWidth;
    if (bred <= vindue) return [bred, vindue, []];
    const ruller = e => {  // an absolute box is clipped only by a positioned one
        let fri = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            const cs = getComputedStyle(p);
            if (!fri && cs.overflowX !== 'visible') return true;
            if (cs.position !== 'static') fri = false;
        }
        return false;
    };
    const brede = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > vindue + 1 && !ruller(e))
        .slice(0, 3).map(e => e.outerHTML.slice(0, 80));
    return [bred, vindue, brede];
}"""


def _gaa(page, url: str) -> dict[str, list[str]]:
    fundet: dict[str, list[str]] = {"console": [], "request": []}

    def console(msg) -> None:
        if msg.type == "error":
            fundet["console"].append(f"{msg.text} ({msg.location.get('url', '')})")

    page.on("console", console)
    page.on("pageerror", lambda exc: fundet["console"].append(str(exc)))
    page.on(
        "response",
        lambda r: (
            fundet["request"].append(f"{r.status} {r.url}") if r.status >= 400 else None
        ),
    )
    page.on(
        "requestfailed",
        lambda r: fundet["request"].extend(filter(None, [mislykket(r)])),
    )
    svar = page.goto(url)
    # A redirect (a tilbud's page is its budget) is walked where it lands.
    aabnet = svar is not None and svar.status == 200
    assert aabnet and ("/login/" not in page.url or "/login/" in url), (
        f"{url} opened as {svar and svar.status} {page.url}"
    )
    page.evaluate("document.fonts.ready.then(() => true)")
    return fundet


def _kendt(side: str, bredde: int, art: str, problem: str) -> bool:
    return any(
        r in ("*", side) and b in (None, bredde) and a == art and s in problem
        for r, b, a, s in KENDTE
    )


@pytest.mark.parametrize(
    ("rolle", "bredde", "side"),
    TILFAELDE,
    ids=[f"{s}-{r}-{b}" for r, b, s in TILFAELDE],
)
def test_side(verden, kontekster, screenshots, rolle, bredde, side):
    page = kontekster(rolle, bredde).new_page()
    try:
        url = _side_url(verden, side)
        fundet = _gaa(page, url)
        skaerm = screenshots / f"{rolle}-{side.replace(':', '.')}-{bredde}.png"
        page.screenshot(path=skaerm, full_page=True)
        bred, vindue, brede = page.evaluate(OVERFLOW)
        if bred > vindue:
            fundet["overflow"] = [f"page {bred} px wide in {vindue} px: {brede}"]
        fundet["axe"] = _axe(page)
    finally:
        page.close()
    kendte = {
        f"{art}: {p}"
        for art, ps in fundet.items()
        for p in ps
        if _kendt(side, bredde, art, p)
    }
    nye = [
        f"{art}: {p}"
        for art, ps in fundet.items()
        for p in ps
        if f"{art}: {p}" not in kendte
    ]
    assert not nye, f"{side} as {rolle} at {bredde} px ({url}):\n" + "\n".join(nye)
    if kendte:
        pytest.xfail("known defects of other branches:\n" + "\n".join(sorted(kendte)))


def test_every_route_not_walked_answers_no_html_page(verden):
    """What the walk leaves out by rule is really not an HTML page."""
    client = Client()
    client.force_login(verden.brugere["oekonomichef"])
    for name, route in matrix.ALL_PATTERNS.items():
        if _walked(name) or matrix.MATRIX[name][0] != "GET":
            continue
        url = matrix._url(name, route, verden.objekter)
        svar = client.get(url)  # no Accept header, as an API client or a link asks
        assert not svar["Content-Type"].startswith("text/html"), (name, url)


# ------------------------------------------------------------ print (issue 18)

UDSKRIFTER = {
    "afregning": "/budget/afregning/2026/3/kommune/751/",
    "afregning-koebsbeskrivelse": "/budget/afregning/ophold/{ophold}/",
    "takstdossier": "/budget/tilbud/{tilbud}/takstdossier/?aar=2026",
}


@pytest.mark.parametrize("navn", sorted(UDSKRIFTER))
def test_afregning_prints_cleanly(verden, kontekster, screenshots, navn):
    """The statement, the buyer's description and the takst dossier print: in
    print media the header, menu and buttons are gone, the content is there and
    no wider than the page, and Chromium makes a PDF of it."""
    page = kontekster("oekonomichef", 1366).new_page()
    try:
        sti = UDSKRIFTER[navn].format(
            ophold=verden.objekter["ophold"], tilbud=verden.objekter["tilbud"]
        )
        _gaa(page, verden.url + sti)
        page.emulate_media(media="print")
        assert page.locator("header.tv-header").is_hidden()
        assert page.locator(".tv-knapper").is_hidden()
        assert page.locator("article.tv-udskrift h1").is_visible()
        assert page.locator("article.tv-udskrift table").first.is_visible()
        bred, vindue, brede = page.evaluate(OVERFLOW)
        assert bred <= vindue, brede
        page.screenshot(path=screenshots / f"udskrift-{navn}.png", full_page=True)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        (screenshots / f"udskrift-{navn}.pdf").write_bytes(pdf)
    finally:
        page.close()
