"""Schemathesis fuzzes every operation of the OpenAPI schema: no input gives a 500.

The WSGI app runs in this process, so the ordinary ``db`` fixture's connection
serves the requests and the data built here (through services) is visible.
Each generated case is sent as an Økonomi and as a Myndighed user (DRF token).
Only "not a server error" is checked; a 4xx of any kind is a valid answer.
"""

import datetime
import json
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from budgets import services as budget_services
from config.wsgi import application
from offers import services as offer_services
from tests.conftest import make_takstmodel
from tests.factories import TilbudFactory, UserFactory

AAR = 2026
# Small on purpose: the whole file stays well under 90 s on SQLite.
MAX_EXAMPLES = 12
# Ids of the rows the ``data`` fixture built, for the path-parameter hook below.
KENDTE: dict[str, int] = {}


@pytest.fixture
def wsgi_i_testtransaktion(db):
    """As in Django's test client: a request through the WSGI handler would run
    close_old_connections, which on PostgreSQL closes the connection holding the
    test's transaction (an in-memory SQLite database is never closed)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def data(wsgi_i_testtransaktion, settings):
    """Users with tokens and one of everything the endpoints read."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    oekonomi = UserFactory(username="fuzz_oekonomi", roller=["Økonomi"])
    myndighed = UserFactory(username="fuzz_myndighed", roller=["Myndighed"])
    takstmodel = make_takstmodel(AAR, oekonomi)
    niveau = takstmodel.niveauer.get(kode="2")
    tilbud = TilbudFactory(navn="Fuzz-tilbuddet", pladser=8)
    borger = offer_services.borger_create(
        cpr="010190-1234", navn="Fuzz", acting_user=myndighed
    )
    offer_services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=datetime.date(AAR, 2, 1),
        takstniveau=niveau,
        acting_user=myndighed,
    )
    budget_services.fast_udgift_save(
        tilbud=tilbud,
        aar=AAR,
        kategori="ledelse",
        beloeb=Decimal("2900000"),
        acting_user=oekonomi,
    )
    budget_services.forbrug_save(
        tilbud_id=tilbud.pk,
        budgetaar=budget_services.budgetaar_aabent(AAR),
        maaned=1,
        art="loen",
        beloeb=Decimal("200000"),
        acting_user=oekonomi,
    )
    KENDTE.update(
        {
            "tilbud": tilbud.pk,
            "borgere": borger.pk,
            "takstmodeller": takstmodel.pk,
            "timeprismodeller": takstmodel.timeprismodel_id,
        }
    )
    tokens = [Token.objects.create(user=u).key for u in (oekonomi, myndighed)]
    return tokens


def _openapi() -> dict:
    """What /api/schema/ serves, built directly: the endpoint needs a signed-in
    user, and at collection time (when the parametrized tests are made) the
    database is blocked. schemathesis.pytest.from_fixture, which would defer the
    load to a fixture, does not work with pytest 9.2.
    """
    raw = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(raw))


# The schema endpoint itself is left out: each call rebuilds the whole schema.
schema = schemathesis.openapi.from_dict(_openapi()).exclude(path="/api/schema/")
schema.app = application  # the cases are sent in-process, as from_wsgi would


def _rigtige(path: str, path_parameters: dict) -> dict:
    """The path parameters aimed at the rows the ``data`` fixture built."""
    samling = path.split("/")[3]  # /api/v1/<samling>/…
    rigtige = dict(path_parameters)
    if "id" in rigtige:
        rigtige["id"] = KENDTE.get(samling, KENDTE["tilbud"])
    if "aar" in rigtige:
        rigtige["aar"] = AAR
    return rigtige


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Fuzzing: half the cases reach a real row, so their bodies are validated."""
    if not path_parameters:
        return st.just(path_parameters)
    rigtige = _rigtige(context.operation.path, path_parameters)
    return st.sampled_from([path_parameters, rigtige])


def _sigt_paa_rigtige(case) -> None:
    """Coverage (where hooks do not apply): a case that varies the body or query
    gets a real row, or it would stop at the 404; one that varies the path keeps it.
    """
    phase = case.meta.phase if case.meta else None
    if phase is None or phase.name != "coverage" or not case.path_parameters:
        return
    if phase.data.parameter_location != "path":
        case.path_parameters = _rigtige(case.operation.path, case.path_parameters)


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # nothing written to .hypothesis/ in the tree
    suppress_health_check=list(HealthCheck),
)
@schema.parametrize()
def test_no_input_gives_a_server_error(case, data):
    _sigt_paa_rigtige(case)
    for token in data:
        case.call_and_validate(
            headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error]
        )
