"""Security headers Django 5.2 does not set itself, and digit normalisation."""

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
        # Swagger UI's page ships its own inline bootstrap script.
        if not request.path.startswith("/api/docs"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # Pages show CPR numbers and personal data: never kept in a browser's or
        # proxy's cache (static files are answered by WhiteNoise before this).
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


def normaliser_cifre(s: str) -> str:
    """NFKC, then every Unicode decimal digit as its ASCII digit.

    "１５０５８５－１２３７" (fullwidth) and "١٥٠٥٨٥-١٢٣٧" (Arabic-Indic) become
    "150585-1237": an identifier typed with other digits is the same identifier,
    so it validates and hashes alike (issue 14 item 5).
    """
    s = unicodedata.normalize("NFKC", s)
    return "".join(
        c if (ciffer := unicodedata.decimal(c, None)) is None else str(ciffer)
        for c in s
    )
