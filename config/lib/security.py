"""Security headers Django 5.2 does not set itself, and CPR-safe text helpers."""

import re
import unicodedata
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Only our own files: no CDN, no inline script (chart data travels in json_script
# blocks, which are data, not code). Inline style attributes are allowed because
# the design system's components set a few.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # Pages show CPR numbers and personal data: never kept in a browser's or
        # proxy's cache (static files are answered by WhiteNoise before this).
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


# Anything shaped like a CPR number: six digits and four, apart or joined by one
# "-", "_" or space, not part of a longer run of digits. ``\d`` is any Unicode
# decimal digit, so "１５０５８５-１２３７" is caught too.
_CPR_FORM = re.compile(r"(?<![\d])(\d{6})[-_ ]?\d{4}(?![\d])")


def normaliser_cifre(tekst: str) -> str:
    """NFKC, then every Unicode decimal digit as its ASCII digit.

    "１５０５８５-１２３７" and "١٥٠٥٨٥-١٢٣٧" become "150585-1237", so a CPR typed
    with other digits validates, hashes and masks as the same person.
    """
    normaliseret = unicodedata.normalize("NFKC", tekst)
    return "".join(
        str(unicodedata.decimal(tegn)) if tegn.isdecimal() else tegn
        for tegn in normaliseret
    )


def masker_cpr_i_tekst(tekst: str) -> str:
    """Every CPR-shaped number in a message as "DDMMÅÅ-xxxx" (offers.cpr.mask_cpr's
    form), for every message that is stored, shown or logged."""
    return _CPR_FORM.sub(
        lambda m: f"{normaliser_cifre(m[1])}-xxxx", normaliser_cifre(tekst)
    )
