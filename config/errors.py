"""The product's own error pages (templates/404.html), safe on every path.

A 404 raised outside the middleware (a missing static file under the test
server's static handler) reaches the handler with no ``request.user``; the page's
base template reads it, so an anonymous user stands in rather than a 500.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponseNotFound
from django.template import loader


def side_ikke_fundet(
    request: HttpRequest, exception: Exception
) -> HttpResponseNotFound:
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
