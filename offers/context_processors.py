from django.http import HttpRequest

from config.lib.roles import OEKONOMI, har_rolle, rolle_titel


def rolle(request: HttpRequest) -> dict:
    """The role's title for the header, and whether to show økonomi's menu."""
    return {
        "rolle_titel": rolle_titel(request.user),
        "er_oekonomi": har_rolle(request.user, OEKONOMI),
    }
