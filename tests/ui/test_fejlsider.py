"""Every error page is the product's, in Danish, with its navigation and a way
back; and a role is not shown links it cannot use (issue 15: dead ends)."""

from django.test import RequestFactory

from config.errors import serverfejl


def test_a_refused_page_is_danish_with_the_navigation(client, leder_a):
    client.force_login(leder_a)
    svar = client.get("/budget/hvis/")
    tekst = svar.content.decode()
    assert svar.status_code == 403
    assert "Du har ikke adgang til siden" in tekst
    assert 'aria-label="Hovedmenu"' in tekst and "Gå til forsiden" in tekst
    assert "Forbidden" not in tekst


def test_a_bad_request_is_danish(client):
    svar = client.get("/login/", HTTP_HOST="ukendt.example")
    assert svar.status_code == 400
    assert "Forespørgslen kan ikke behandles" in svar.content.decode()


def test_a_server_error_is_danish_and_reads_no_database():
    # Rendered without the request's context (what failed may be the database).
    svar = serverfejl(RequestFactory().get("/"))
    tekst = svar.content.decode()
    assert svar.status_code == 500
    assert "Der opstod en fejl" in tekst and "Gå til forsiden" in tekst


def test_a_tilbudsleder_is_not_shown_the_what_if_link(client, leder_a, takstmodel_2026):
    client.force_login(leder_a)
    side = client.get(f"/takster/{takstmodel_2026.pk}/timepris/")
    assert side.status_code == 200
    assert "Hvad nu hvis sygefraværet ændres?" not in side.content.decode()


def _menu(client, user) -> set[str]:
    client.force_login(user)
    tekst = client.get("/").content.decode()
    return {m for m in ("nav-budgetaar", "nav-import", "nav-historik") if m in tekst}


def test_the_menu_shows_each_role_what_it_may_use(
    client, oekonomichef, raadgiver, leder_a
):
    assert _menu(client, oekonomichef) == {
        "nav-budgetaar",
        "nav-import",
        "nav-historik",
    }
    assert _menu(client, raadgiver) == {"nav-import"}
    assert _menu(client, leder_a) == set()
