"""Role-based DRF permissions: the same rules as the UI (config.lib.roles).

Reads are open to every signed-in role; *what* a user may read is decided by the
selectors in each view's get_queryset, so a foreign id is a 404. Writes need a
role. On a detail route the role is checked on the object, after the lookup, so
a tilbudsleder reaching another tilbud's object gets 404 rather than 403.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from config.lib.roles import MYNDIGHED, OEKONOMI, har_rolle


class _RolleSkriver(BasePermission):
    """Safe methods for any signed-in user; other methods only for ``rolle``."""

    rolle = ""
    message = "Din rolle giver ikke adgang til at ændre dette."

    def _maa(self, request: Request) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or har_rolle(request.user, self.rolle)

    def has_permission(self, request: Request, view: APIView) -> bool:
        if getattr(view, "detail", False) and request.user.is_authenticated:
            return True  # decided in has_object_permission, after the 404 check
        return self._maa(request)

    def has_object_permission(self, request: Request, view: APIView, obj) -> bool:
        return self._maa(request)


class OekonomiSkriver(_RolleSkriver):
    """Timeprismodeller, takstmodeller, tilbud and faste udgifter."""

    rolle = OEKONOMI


class MyndighedSkriver(_RolleSkriver):
    """Borgere and placements: tilgang, afgang, indplacering, døgnskema."""

    rolle = MYNDIGHED


class KunOekonomi(BasePermission):
    """Every method for Økonomi only (scenarios, issue 16): others get 403."""

    message = "Kun økonomi har adgang til scenarier."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and har_rolle(user, OEKONOMI))


class MyndighedEllerOekonomiSkriver(_RolleSkriver):
    """The waiting list (issue 19 #3): kept by myndighed and økonomi."""

    def _maa(self, request: Request) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return har_rolle(request.user, MYNDIGHED) or har_rolle(request.user, OEKONOMI)
