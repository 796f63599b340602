"""GET /api/v1/tilbud/{id}/takstdossier/?aar= and .../efterregulering/?aar=
(issue 18 #3-#5). Økonomi and the tilbud's leder (another tilbud: 404); other
roles 403."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets.api import KanIkkeBeregnes, _query
from budgets.selectors import BudgetGrundlagMangler, TakstniveauUdenPris
from budgets.selectors.efterregulering import (
    IKKE_LUKKET,
    aaret_er_lukket,
    efterregulering_for,
)
from budgets.selectors.takstdossier import takstdossier_for
from budgets.serializers import AarQuerySerializer
from budgets.serializers_dossier import (
    EfterreguleringSerializer,
    TakstdossierSerializer,
)
from config.lib.roles import OEKONOMI, TILBUDSLEDER, har_rolle
from offers.models import Tilbud
from offers.selectors import tilbud_visible_to


class OekonomiOgLeder(BasePermission):
    message = "Kun økonomi og tilbudslederen kan se takstdossier og efterregulering."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (har_rolle(user, OEKONOMI) or har_rolle(user, TILBUDSLEDER))
        )


class AarIkkeLukket(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "aar_ikke_lukket"


def _tilbud(request: Request, pk: int) -> Tilbud:
    return get_object_or_404(tilbud_visible_to(request.user), pk=pk)


def _fejl(exc: BudgetGrundlagMangler) -> APIException:
    if isinstance(exc, TakstniveauUdenPris):
        return KanIkkeBeregnes(str(exc))
    return NotFound(str(exc))


FEJL = {
    400: OpenApiResponse(description="aar mangler eller er ugyldigt (feltfejl)."),
    403: OpenApiResponse(description="Kun økonomi og tilbudslederen."),
    404: OpenApiResponse(
        description="Tilbuddet findes ikke for brugeren, eller "
        "året har ingen takstmodel."
    ),
}


class TakstdossierApi(APIView):
    permission_classes = [OekonomiOgLeder]

    @extend_schema(
        summary="Takstdossier: hvordan hver takst er beregnet",
        description=(
            "Faste udgifter pr. kategori, forudsat belægning og basistakst; "
            "timeprisen med alle input; takstgivende timer og takster pr. niveau; "
            "en efterregulering, der indregnes i året; hver linje med sidste års "
            "værdi og ændringen. version er dataenes seneste ændring og hvem."
        ),
        parameters=[AarQuerySerializer],
        responses={
            200: TakstdossierSerializer,
            **FEJL,
            409: OpenApiResponse(description="Et takstniveau i året har ingen pris."),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        tilbud = _tilbud(request, pk)
        aar = _query(AarQuerySerializer, request)["aar"]
        try:
            d = takstdossier_for(tilbud, aar)
        except BudgetGrundlagMangler as exc:
            raise _fejl(exc) from exc
        return Response(TakstdossierSerializer(d).data)


class EfterreguleringApi(APIView):
    permission_classes = [OekonomiOgLeder]

    @extend_schema(
        summary="Efterregulering af et lukket år",
        description=(
            "Takstfinansierede udgifter (årets korrigerede budget) mod realiserede "
            "(importeret forbrug): over- eller underskud. Delen inden for båndet "
            "(indstillingen EFTERREGULERING_BAAND_PROCENT, standard 5 % af "
            "takstgrundlaget) overføres til næste års ramme; resten indregnes i "
            "taksten EFTERREGULERING_TAKST_AAR_SENERE år senere (standard 2)."
        ),
        parameters=[AarQuerySerializer],
        responses={
            200: EfterreguleringSerializer,
            **FEJL,
            409: OpenApiResponse(
                description="Året er ikke lukket, eller et takstniveau har ingen pris."
            ),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        tilbud = _tilbud(request, pk)
        aar = _query(AarQuerySerializer, request)["aar"]
        if not aaret_er_lukket(aar):
            raise AarIkkeLukket({"aar": [IKKE_LUKKET.format(aar=aar)]})
        try:
            e = efterregulering_for(tilbud, aar)
        except BudgetGrundlagMangler as exc:
            raise _fejl(exc) from exc
        return Response(EfterreguleringSerializer(e).data)
