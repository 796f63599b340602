"""The product's own error pages (templates/400.html, 403.html, 404.html,
500.html): Danish, in the product's layout, with a way back, on every path.

A 404 raised outside the middleware (a missing static file under the test
server's static handler) reaches the handler with no ``request.user``; the page's
base template reads it, so an anonymous user stands in rather than a 500.

The 500 page is rendered without the request's context processors: what broke
may be the database they read, and the error page must not fail as well.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader


def _side(request: HttpRequest, template: str) -> str:
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return loader.render_to_string(template, request=request)


def side_ikke_fundet(
    request: HttpRequest, exception: Exception
) -> HttpResponseNotFound:
    return HttpResponseNotFound(_side(request, "404.html"))


def ingen_adgang(request: HttpRequest, exception: Exception) -> HttpResponseForbidden:
    return HttpResponseForbidden(_side(request, "403.html"))


def ugyldig_forespoergsel(
    request: HttpRequest, exception: Exception
) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(_side(request, "400.html"))


def serverfejl(request: HttpRequest) -> HttpResponseServerError:
    return HttpResponseServerError(loader.render_to_string("500.html"))


class DanskIkkeFundetMiddleware:
    """The Danish 404 page also with DEBUG on (the embedded mode of `make run`).

    With DEBUG on Django answers an Http404 with its technical page instead of
    handler404. A view's Http404 is caught here before that; an unknown address
    fails in URL resolution, before any view middleware, so its technical
    response is replaced on the way out (``request.resolver_match`` is unset only
    then). DRF answers its own 404s as JSON and never raises them this far.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and request.resolver_match is None
        ):
            return side_ikke_fundet(request, Http404())
        return response

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return side_ikke_fundet(request, exception)
        return None
