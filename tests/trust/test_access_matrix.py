"""Every URL pattern × every persona, enumerated from the URL resolver.

A new page or API route without a row in MATRIX fails
`test_every_url_pattern_is_in_the_matrix`, so none can be forgotten. All objects
belong to tilbud A; "leder_b" is the tilbudsleder of another tilbud and must never
learn that they exist (404, as for an unknown id).

Outcome codes: L login redirect, U 401, O allowed (2xx, a non-login redirect, or
400 for an empty POST), F 403, N 404.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from budgets.models import Importjob
from budgets.services.scenarie import scenario_create
from offers import services
from offers.services.tillaeg import tillaeg_create
from offers.services.venteliste import ventelisteplads_create
from tariffs.services import timeprismodel_kopier
from tests.factories import BudgetaarFactory, FastUdgiftFactory
from tests.scenarier import flere_pladser

PERSONAS = ("anonym", "raadgiver", "leder_a", "leder_b", "oekonomichef")

# route name: (method, persona outcomes in PERSONAS order). A page that needs a role
# answers 403 before any lookup, so it says nothing about whether an id exists.
MATRIX = {
    "start": ("GET", "LOOOO"),
    "login": ("GET", "OOOOO"),
    "logout": ("POST", "LLLLL"),
    "health": ("GET", "OOOOO"),
    "historik": ("GET", "LFFFO"),
    "historik-forespoergsler": ("GET", "LFFFO"),
    "api:v1:timeprismodel-list": ("GET", "UOOOO"),
    "api:v1:timeprismodel-detail": ("GET", "UOOOO"),
    "api:v1:timeprismodel-hvis": ("POST", "UOOOO"),
    "api:v1:takstmodel-list": ("GET", "UOOOO"),
    "api:v1:takstmodel-detail": ("GET", "UOOOO"),
    "api:v1:tilbud-list": ("GET", "UOOOO"),
    "api:v1:tilbud-detail": ("GET", "UOONO"),
    "api:v1:tilbud-faste-udgifter": ("GET", "UOONO"),
    "api:v1:tilbud-takstblad": ("GET", "UOONO"),
    "api:v1:tilbud-aar": ("GET", "UOONO"),
    "api:v1:borger-list": ("GET", "UOOOO"),
    "api:v1:borger-detail": ("GET", "UOONO"),
    "api:v1:borger-afgang": ("POST", "UOFNF"),
    "api:v1:borger-annuller": ("POST", "UOFNF"),
    "api:v1:borger-betalingskommune": ("POST", "UOFNF"),
    "api:v1:borger-doegnskemaer": ("GET", "UOONO"),
    "api:v1:borger-indplaceringer": ("GET", "UOONO"),
    # Issue 19 item 4: read as the levels are; leder_b never learns of Anna.
    "api:v1:borger-progression": ("GET", "UOONO"),
    "api:v1:borger-indplacering-detail": ("PATCH", "UOFNF"),
    "api:v1:borger-omplacering": ("POST", "UOFNF"),
    "api:v1:borger-tilgang": ("POST", "UOFNF"),
    # Issue 17: the list is read as the levels are; ending one is myndighed's.
    "api:v1:borger-tillaeg": ("GET", "UOONO"),
    "api:v1:borger-tillaeg-detail": ("PATCH", "UOFNF"),
    "api:v1:budgetaar-list": ("GET", "UOOOO"),
    "api:v1:budgetaar-detail": ("GET", "UOOOO"),
    "api:v1:budgetaar-vedtag": ("POST", "UFFFO"),
    "api:v1:budgetaar-luk": ("POST", "UFFFO"),
    # Scenarios are økonomi's alone (issue 16): every other role 403 on any id.
    "api:v1:scenario-list": ("GET", "UFFFO"),
    "api:v1:scenario-detail": ("GET", "UFFFO"),
    "api:v1:scenario-aendringer": ("POST", "UFFFO"),
    "api:v1:scenario-aendring": ("GET", "UFFFO"),  # DELETE only: økonomi gets 405
    "api:v1:scenario-kopier": ("POST", "UFFFO"),
    "api:v1:scenario-kopi": ("POST", "UFFFO"),
    "api:v1:scenario-resultat": ("GET", "UFFFO"),
    "api:v1:scenario-vedtag": ("POST", "UFFFO"),  # no percentages: 400 for økonomi
    "api:v1:scenario-sammenlign": ("GET", "UFFFO"),  # no ?id=: 400 for økonomi
    "api:v1:api-root": ("GET", "UOOOO"),
    "api:v1:budget-tilbud": ("GET", "UOONO"),
    "api:v1:budget-central": ("GET", "UOOOO"),
    # Issue 18: the settlement with buying municipalities is økonomi's.
    "api:v1:afregning": ("GET", "UFFFO"),
    # Issue 17: every role may ask; a tilbudsleder gets their own bostøtte tilbud.
    "api:v1:bostoette": ("GET", "UOOOO"),
    # Issue 19: the prognose over the tilbud the user may see.
    "api:v1:prognose": ("GET", "UOOOO"),
    # The takst dossier and efterregulering: økonomi and the tilbud's own leder
    # (no ?aar=: 400 for them).
    "api:v1:tilbud-takstdossier": ("GET", "UFONO"),
    "api:v1:tilbud-efterregulering": ("GET", "UFONO"),
    # Issue 19 #3: every role reads the waiting list (a leder their own tilbud's).
    "api:v1:venteliste-list": ("GET", "UOOOO"),
    "api:v1:venteliste-detail": ("GET", "UOONO"),
    "api:schema": ("GET", "UOOOO"),
    "api:docs": ("GET", "UOOOO"),
    "imports:list": ("GET", "LOFFO"),
    "imports:detail": ("GET", "LNNNO"),
    "imports:status": ("GET", "LNNNO"),
    "imports:godkend": ("POST", "LNNNO"),
    "imports:annuller": ("POST", "LNNNO"),
    "imports:takster-eksport": ("GET", "LFFFO"),
    "tariffs:takstmodel-list": ("GET", "LOOOO"),
    "tariffs:timepris-update": ("GET", "LOOOO"),
    "tariffs:takstmodel-update": ("GET", "LOOOO"),
    # Issue 17: another timeprismodel of a year is read as the year's is; a new
    # one is økonomi's.
    "tariffs:timeprismodel-egen": ("GET", "LOOOO"),
    "tariffs:timeprismodel-ny": ("GET", "LFFFO"),
    "tariffs:timeprismodel-slet": ("GET", "LFFFO"),
    "budgets:central": ("GET", "LOOOO"),
    "budgets:hvis": ("GET", "LFFFO"),
    "budgets:bostoette-opfoelgning": ("GET", "LOOOO"),
    "budgets:prognose": ("GET", "LOOOO"),
    "budgets:prognose-tilbud": ("GET", "LOONO"),
    "budgets:tilbud-detail": ("GET", "LOONO"),
    "budgets:kommentar-create": ("POST", "LFONO"),
    "budgets:takstblad": ("GET", "LOONO"),
    "budgets:forklaring": ("GET", "LOONO"),
    "budgets:faste-udgifter": ("GET", "LFFFO"),
    "budgets:tilbud-aar": ("GET", "LFFFO"),
    # Issue 17: creating a tilbud and changing its master data are økonomi's.
    "budgets:tilbud-create": ("GET", "LFFFO"),
    "budgets:tilbud-ret": ("GET", "LFFFO"),
    "budgets:effekt": ("GET", "LOONO"),
    "budgets:budgetaar-list": ("GET", "LFFFO"),
    "budgets:budgetaar-vedtag": ("GET", "LFFFO"),
    "budgets:budgetaar-luk": ("GET", "LFFFO"),
    "budgets:budgetaar-create": ("GET", "LFFFO"),
    "budgets:afregning": ("GET", "LFFFO"),
    "budgets:afregning-maaned": ("GET", "LFFFO"),
    "budgets:afregning-kommune": ("GET", "LFFFO"),
    "budgets:afregning-csv": ("GET", "LFFFO"),
    "budgets:afregning-faktureret": ("POST", "LFFFO"),  # no kommune: a message
    # What the buyer buys: økonomi, and the tilbudsleder of the stay's tilbud.
    "budgets:koebsbeskrivelse": ("GET", "LFONO"),
    "budgets:takstdossier": ("GET", "LFONO"),
    "budgets:efterregulering": ("GET", "LFONO"),
    "budgets:takstdossier-list": ("GET", "LFOOO"),
    "budgets:scenarie-list": ("GET", "LFFFO"),
    "budgets:scenarie-sammenlign": ("GET", "LFFFO"),
    "budgets:scenarie-detail": ("GET", "LFFFO"),
    "budgets:scenarie-delete": ("POST", "LFFFO"),
    "budgets:scenarie-kopi": ("POST", "LFFFO"),
    "budgets:scenarie-aendring-delete": ("POST", "LFFFO"),
    "budgets:scenarie-vedtag": ("GET", "LFFFO"),
    "budgets:scenarie-aendring-update": ("GET", "LFFFO"),
    # The world has no 2025 takstmodel to compare 2026 with: not found.
    "budgets:budgetaar-oprettet": ("GET", "LFFFN"),
    "offers:borger-list": ("GET", "LOOOO"),
    "offers:borger-cpr-search": ("POST", "LOOOO"),
    "offers:borger-create": ("GET", "LOFFF"),
    "offers:borger-detail": ("GET", "LOONO"),
    "offers:doegnskema-create": ("GET", "LOFFF"),
    "offers:doegnskema-detail": ("GET", "LOONO"),
    "offers:indplacering-create": ("GET", "LOFFF"),
    "offers:tilgang-create": ("GET", "LOFFF"),
    "offers:afgang-create": ("GET", "LOFFF"),
    "offers:omplacering-create": ("GET", "LOFFF"),
    "offers:annullering-create": ("GET", "LOFFF"),
    "offers:betalingskommune-create": ("GET", "LOFFF"),
    "offers:tillaeg-create": ("GET", "LOFFF"),
    "offers:tillaeg-slut": ("GET", "LOFFF"),
    "offers:tilbud-detail": ("GET", "LOONO"),
    # Issue 19 item 4: a tilbudsleder sees their own tilbud's progression only;
    # moving a follow-up is myndighed's.
    "offers:tilbud-progression": ("GET", "LOONO"),
    "offers:opfoelgning-update": ("GET", "LOFFF"),
    # Issue 19 #3: myndighed and økonomi keep the waiting list; a leder reads it.
    "offers:venteliste-list": ("GET", "LOONO"),
    "offers:venteliste-create": ("GET", "LOFFO"),
    "offers:venteliste-update": ("GET", "LOFFO"),
    "offers:venteliste-delete": ("GET", "LOFFO"),
    "budgets:kapacitet": ("GET", "LOONO"),
    "budgets:kapacitet-oversigt": ("GET", "LOFFO"),
}


def _patterns(patterns=None, prefix="", ns=""):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            child_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            if p.namespace == "admin":
                continue  # Django's admin has its own staff-only checks
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), child_ns)
        elif isinstance(p, URLPattern) and "format" not in str(p.pattern):
            # Format-suffix variants (".json") resolve to the same views.
            yield f"{ns}{p.name}", prefix + str(p.pattern)


ALL_PATTERNS = dict(_patterns())


def test_every_url_pattern_is_in_the_matrix():
    assert set(ALL_PATTERNS) == set(MATRIX)


@pytest.fixture
def world(tilbud_a, tilbud_b, leder_a, leder_b, raadgiver, oekonomichef, niveau):
    FastUdgiftFactory(tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2026))
    anna = services.borger_create(cpr="010190-1234", navn="Anna", acting_user=raadgiver)
    ophold = services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=datetime.date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    tillaeg = tillaeg_create(
        borger=anna,
        ophold=ophold,
        fra=datetime.date(2026, 2, 10),
        kr_pr_doegn=Decimal("250"),
        begrundelse="Ekstra nattevagt.",
        acting_user=raadgiver,
    )
    takstmodel = niveau["2"].takstmodel
    for _ in range(4):  # the last døgnskema's pk differs from the borger's and ophold's
        skema = services.doegnskema_create(
            borger=anna,
            dato=datetime.date(2026, 2, 1),
            poster=[{"tidsrum": "morgen", "tema": "egenomsorg", "minutter": 30}],
            acting_user=raadgiver,
        )
    # Distinct pks even on SQLite (døgnskema 4, job 6, scenario 8), so a route
    # given the wrong object's pk cannot pass by chance.
    for _ in range(5):
        Importjob.objects.create(
            type="forbrug", filnavn="x.csv", indhold=b"", created_by=oekonomichef
        )
    job = Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=b"", created_by=oekonomichef
    )
    for nr in range(7):
        scenario_create(
            navn=f"Scenarie {nr}",
            aar=2026,
            grundlag="aktuelt",
            acting_user=oekonomichef,
        )
    scenario, aendring = flere_pladser(oekonomichef, tilbud_a)
    for _ in range(9):  # the last place's pk differs from every other object's
        plads = ventelisteplads_create(
            tilbud=tilbud_a,
            behov="Anonymt behov.",
            oensket_dato=datetime.date(2026, 6, 1),
            acting_user=raadgiver,
        )
    # Issue 17: a second timeprismodel of 2026 (its pk is not the year's).
    egen = timeprismodel_kopier(
        acting_user=oekonomichef, kilde=takstmodel.timeprismodel, navn="Bostøtte 2026"
    )
    users = {
        "raadgiver": raadgiver,
        "leder_a": leder_a,
        "leder_b": leder_b,
        "oekonomichef": oekonomichef,
    }
    objects = {
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
    return users, objects


# Which object's pk fills a route's <pk>; routes not listed take the borger's.
# Explicit on purpose: with SQLite every first pk is 1, so a wrong guess passes.
PK_OBJEKT = {
    "api:v1:timeprismodel-detail": "timeprismodel",
    "api:v1:timeprismodel-hvis": "timeprismodel",
    "api:v1:takstmodel-detail": "takstmodel",
    "api:v1:tilbud-detail": "tilbud",
    "api:v1:tilbud-faste-udgifter": "tilbud",
    "api:v1:tilbud-takstblad": "tilbud",
    "api:v1:tilbud-aar": "tilbud",
    "api:v1:budget-tilbud": "tilbud",
    "api:v1:scenario-detail": "scenario",
    "api:v1:scenario-aendringer": "scenario",
    "api:v1:scenario-aendring": "scenario",
    "api:v1:scenario-kopier": "scenario",
    "api:v1:scenario-kopi": "scenario",
    "api:v1:scenario-resultat": "scenario",
    "api:v1:scenario-vedtag": "scenario",
    "imports:detail": "job",
    "imports:status": "job",
    "imports:godkend": "job",
    "imports:annuller": "job",
    "tariffs:timepris-update": "takstmodel",  # the page is reached from its takstmodel
    "tariffs:takstmodel-update": "takstmodel",
    "tariffs:timeprismodel-egen": "egen_timeprismodel",
    "tariffs:timeprismodel-slet": "egen_timeprismodel",
    "tariffs:timeprismodel-ny": "takstmodel",
    "budgets:tilbud-detail": "tilbud",
    "budgets:kommentar-create": "tilbud",
    "budgets:takstblad": "tilbud",
    "budgets:prognose-tilbud": "tilbud",
    "budgets:forklaring": "tilbud",
    "budgets:faste-udgifter": "tilbud",
    "budgets:tilbud-aar": "tilbud",
    "budgets:tilbud-ret": "tilbud",
    "budgets:effekt": "ophold",
    "budgets:koebsbeskrivelse": "ophold",
    "budgets:takstdossier": "tilbud",
    "budgets:efterregulering": "tilbud",
    "api:v1:tilbud-takstdossier": "tilbud",
    "api:v1:tilbud-efterregulering": "tilbud",
    "budgets:scenarie-detail": "scenario",
    "budgets:scenarie-delete": "scenario",
    "budgets:scenarie-kopi": "scenario",
    "budgets:scenarie-aendring-delete": "scenario",
    "budgets:scenarie-vedtag": "scenario",
    "budgets:scenarie-aendring-update": "scenario",
    "offers:tilbud-detail": "tilbud",
    "offers:tilbud-progression": "tilbud",
    "offers:doegnskema-detail": "doegnskema",
    "offers:venteliste-list": "tilbud",
    "offers:venteliste-create": "tilbud",
    "offers:venteliste-update": "venteliste",
    "offers:venteliste-delete": "venteliste",
    "api:v1:venteliste-detail": "venteliste",
    "budgets:kapacitet": "tilbud",
}


def _pk_for(name: str, objects: dict) -> int:
    return objects[PK_OBJEKT.get(name, "borger")]


def _url(name: str, route: str, objects: dict) -> str:
    pk = _pk_for(name, objects)
    values = {
        "pk": pk,
        "aar": 2026,
        "felt": "fast",
        "aendring_pk": objects["aendring"],
        "maaned": 3,
        "kommunekode": "751",
        "tillaeg_pk": objects.get("tillaeg"),
        "indplacering_pk": objects.get("indplacering"),
    }

    def fill(match: re.Match) -> str:
        return str(values[match.group("name")])

    url = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", fill, route)  # router regex routes
    url = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", fill, url)
    url = "/" + url.replace("^", "").replace("$", "")
    # The effect page explains one event: it needs the event's kind and date; the
    # annul page names the event it annuls.
    query = {
        "budgets:effekt": "?haendelse=tilgang&dato=2026-02-01",
        "offers:annullering-create": f"?haendelse=tilgang&ophold={objects['ophold']}",
    }
    return url + query.get(name, "")


def _outcome(response) -> str:
    status = response.status_code
    if status == 302 and "/login/" in response["Location"]:
        return "L"
    return {401: "U", 403: "F", 404: "N"}.get(status, "O" if status < 500 else "E")


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access_matrix(client, world, name):
    users, objects = world
    method, expected = MATRIX[name]
    url = _url(name, ALL_PATTERNS[name], objects)
    seen = ""
    for persona in PERSONAS:
        client.logout()
        if persona in users:
            client.force_login(users[persona])
        if method == "PATCH":
            response = client.patch(url, {}, content_type="application/json")
        elif method == "POST":
            response = client.post(url, {})
        else:
            response = client.get(url)
        seen += _outcome(response)
    assert (url, seen) == (url, expected)


LISTS = [
    "/borgere/",
    "/api/v1/borgere/",
    "/budget/?aar=2026",
    "/budget/?aar=2026&format=xlsx",
    "/api/v1/budgetter/2026/central/",
    "/budget/prognose/?aar=2026",
    "/budget/prognose/?aar=2026&format=xlsx",
    "/api/v1/prognose/2026/",
    "/api/v1/tilbud/",
    "/borgere/?q=Anna&format=xlsx",
    "/api/v1/venteliste/",
]


@pytest.mark.parametrize("url", LISTS)
def test_other_tilbudsleder_never_sees_tilbud_a_in_lists_or_exports(
    client, world, tilbud_a, url
):
    users, _ = world
    client.force_login(users["leder_b"])
    response = client.get(url)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if url.endswith("xlsx"):
        body = _xlsx_text(body).encode()
    assert response.status_code == 200
    assert b"Anna" not in body and tilbud_a.navn.encode() not in body


def _xlsx_text(content: bytes) -> str:
    import io

    import openpyxl

    if not content.startswith(b"PK"):
        return content.decode(errors="replace")
    book = openpyxl.load_workbook(io.BytesIO(content))
    return " ".join(
        str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row
    )


@pytest.mark.parametrize("url", LISTS)
def test_oekonomi_sees_tilbud_a_in_the_same_lists(client, world, tilbud_a, url):
    """The control for the test above: the lists do show tilbud A to whom may see it."""
    users, _ = world
    client.force_login(users["oekonomichef"])
    body = client.get(url).content
    text = _xlsx_text(body) if url.endswith("xlsx") else body.decode()
    assert "Anna" in text or tilbud_a.navn in text
