from django.http import HttpRequest

from config.lib.roles import MYNDIGHED, OEKONOMI, TILBUDSLEDER, har_rolle, rolle_titel


def rolle(request: HttpRequest) -> dict:
    """The role's title for the header, and which menu items it may use:
    økonomi's own pages, and import for the roles that import something."""
    er_oekonomi = har_rolle(request.user, OEKONOMI)
    return {
        "rolle_titel": rolle_titel(request.user),
        "er_oekonomi": er_oekonomi,
        "kan_importere": er_oekonomi or har_rolle(request.user, MYNDIGHED),
        # Issue 19 #3: free places across tilbud, for økonomi and myndighed.
        "kan_se_kapacitet": er_oekonomi or har_rolle(request.user, MYNDIGHED),
        # Issue 18: the takst dossier and efterregulering of a tilbud.
        "kan_se_takstdossier": er_oekonomi or har_rolle(request.user, TILBUDSLEDER),
    }
