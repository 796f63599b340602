from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from offers.roles import MYNDIGHED, OEKONOMI, TILBUDSLEDER, roller_for
from offers.selectors import tilbud_visible_to


def start(request: HttpRequest) -> HttpResponse:
    """The start page: what each role does first."""
    roller = roller_for(request.user)
    context = {
        "er_myndighed": MYNDIGHED in roller,
        "er_leder": TILBUDSLEDER in roller,
        "er_oekonomi": OEKONOMI in roller or request.user.is_superuser,
        "tilbud_list": tilbud_visible_to(request.user).order_by("navn"),
    }
    return render(request, "offers/start.html", context)


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
