"""Admin helpers without domain knowledge."""

from typing import Any

from django.db.models import Model
from django.http import HttpRequest


class SletningKanAfvises:
    """A ModelAdmin mixin: ``sletning_afvist(obj)`` gives the reason (Danish) that
    an object may not be deleted, or None.

    The reason is listed first among the protected objects, so Django's delete
    page shows it and deletes nothing, and so does the "delete selected" action:
    both ask get_deleted_objects first. A refused deletion lists no missing
    permissions: the page would show those instead of the reason.
    """

    def sletning_afvist(self, obj: Model) -> str | None:
        return None

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        slettes, antal, mangler_ret, beskyttet = super().get_deleted_objects(
            objs, request
        )
        grunde = {grund for obj in objs if (grund := self.sletning_afvist(obj))}
        if grunde:
            return slettes, antal, set(), [*sorted(grunde), *beskyttet]
        return slettes, antal, mangler_ret, beskyttet
