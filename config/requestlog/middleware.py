"""Writes one request-log row after each non-idempotent request.

It runs after the response, so the status is known, and outside the view's
ATOMIC_REQUESTS transaction (Django wraps only the view), so a request that fails
and is rolled back is still logged. A failure to log never breaks the request:
it is a warning in the server log, and the response goes out.
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve

from config.requestlog.models import Forespoergsel

logger = logging.getLogger(__name__)

IKKE_IDEMPOTENT = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Ten digits, a dash or space after the sixth allowed; \d also matches other
# scripts' digits ("１５０５８５-１２３７").
_CPR = re.compile(r"(?<!\d)(\d{6})[-\s]?\d{4}(?!\d)")
LOG_FEJLEDE = "Forespørgselsloggen kunne ikke skrives (%s)."
_LOGIN_FEJLET = "_requestlog_login_fejlet"


def uden_cpr(tekst: str) -> str:
    """Anything CPR-shaped as '010190-xxxx', the form the product shows."""
    return _CPR.sub(r"\1-xxxx", tekst)


def husk_fejlet_login(sender: Any, credentials: dict, request=None, **kw) -> None:
    """user_login_failed: remember the name that was tried, never the password."""
    if request is not None:
        setattr(request, _LOGIN_FEJLET, str(credentials.get("username") or ""))


def _match(request: HttpRequest) -> ResolverMatch | None:
    if request.resolver_match is not None:
        return request.resolver_match
    try:  # a middleware answered before the URL was resolved
        return resolve(request.path_info)
    except Resolver404:
        return None


def _bruger(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _felter(request: HttpRequest, response: HttpResponse, foer: Any) -> dict[str, Any]:
    """``foer``: the user before the view (a logout ends with nobody signed in)."""
    match = _match(request)
    rute = (match.view_name or match.route) if match else ""
    objekt = (
        ", ".join(f"{k}={v}" for k, v in sorted(match.kwargs.items())) if match else ""
    )
    # After the view: DRF sets a token's user on the request only in the view.
    user = _bruger(request) or foer
    fejlet = getattr(request, _LOGIN_FEJLET, None)
    brugernavn = user.get_username() if user else (fejlet or "")
    return {
        "bruger": user,
        "brugernavn": uden_cpr(brugernavn)[:150],
        "metode": request.method,
        "rute": uden_cpr(rute)[:200],
        "objekt": uden_cpr(objekt)[:200],
        "status": response.status_code,
        "login_fejlet": fejlet is not None and user is None,
    }


class ForespoergselslogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in IKKE_IDEMPOTENT:
            return self.get_response(request)
        try:
            foer = _bruger(request)
        except Exception:  # the request goes on; its own code will meet the error
            foer = None
        response = self.get_response(request)
        try:
            with transaction.atomic():
                Forespoergsel.objects.create(**_felter(request, response, foer))
        except Exception as exc:  # logging must never break the request
            logger.warning(LOG_FEJLEDE, type(exc).__name__)
        return response
