from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def test_anonymous_gets_401_not_a_login_redirect(anonym, db):
    response = anonym.get("/api/v1/tilbud/")
    assert response.status_code == 401


def test_anonymous_401_names_the_token_scheme(anonym, db):
    response = anonym.get("/api/v1/tilbud/")
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_401_message_is_danish(anonym, db):
    response = anonym.get("/api/v1/borgere/")
    assert response.json()["detail"] == (
        "Legitimation til autentificering blev ikke angivet."
    )


def test_token_authentication_reads_the_api(oekonomichef, tilbud_a):
    client = APIClient()
    token = Token.objects.create(user=oekonomichef)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/tilbud/").status_code == 200


def test_schema_is_served_as_openapi_3(oekonomi_api):
    response = oekonomi_api.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.json()["openapi"].startswith("3.")


def test_swagger_ui_is_served(oekonomi_api):
    assert oekonomi_api.get("/api/docs/").status_code == 200


def test_schema_validates_without_warnings(tmp_path, db):
    # Raises SchemaGenerationError on any warning or validation error.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yml"
    )
