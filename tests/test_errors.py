from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory


def test_an_unknown_address_answers_the_danish_404_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("bruger", password="x"))
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_a_missing_static_file_is_404_not_500_where_no_middleware_ran(db, settings):
    # The test server's static handler raises Http404 before any middleware, so
    # the page has no request.user; it must still answer 404, not 500.
    settings.DEBUG = False
    handler = StaticFilesHandler(WSGIHandler())
    request = RequestFactory().get("/static/findes/ikke.woff", HTTP_HOST="localhost")
    response = handler.get_response(request)
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def _er_dansk_404_med_menu(response) -> bool:
    html = response.content.decode()
    return (
        response.status_code == 404
        and "Siden findes ikke" in html
        and 'aria-label="Hovedmenu"' in html
        and "DEBUG = True" not in html  # what Django's technical 404 page says
    )


def test_an_unknown_address_is_the_danish_404_also_with_debug_on(
    client, oekonomichef, settings
):
    # `make run` runs the embedded mode with DEBUG on (issue 15).
    settings.DEBUG = True
    client.force_login(oekonomichef)
    assert _er_dansk_404_med_menu(client.get("/findes-ikke/"))


def test_a_views_http404_is_the_danish_404_also_with_debug_on(
    client, leder_a, tilbud_b, settings
):
    # A tilbudsleder opening another tilbud's budget page: the view raises Http404.
    settings.DEBUG = True
    client.force_login(leder_a)
    response = client.get(f"/budget/tilbud/{tilbud_b.pk}/")
    assert _er_dansk_404_med_menu(response)
