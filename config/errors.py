"""The product's own error pages (templates/400.html, 403.html, 404.html,
500.html): Danish, in the product's layout, with a way back, on every path.

A 404 raised outside the middleware (a missing static file under the test
server's static handler) reaches the handler with no ``request.user``; the page's
base template reads it, so an anonymous user stands in rather than a 500.

The 500 page is rendered without the request's context processors: what broke
may be the database they read, and the error page must not fail as well.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import (
    HttpRequest,
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
