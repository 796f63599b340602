"""GET /api/v1/afregning/{aar}/{maaned}/ (issue 18 #5): the month's settlement
per buying municipality, its lines and totals. Økonomi only (others 403)."""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets.api import _mangler
from budgets.selectors import BudgetGrundlagMangler
from budgets.selectors.afregning import faktureret_for
from budgets.selectors.faktureret import opgoerelse_for
from budgets.serializers_afregning import AfregningSerializer
from budgets.tabeller_afregning import afloeb_tekst
from config.lib.permissions import KunOekonomi

UGYLDIG_MAANED = "Måneden skal være et tal fra 1 til 12."


class KunOekonomiAfregning(KunOekonomi):
    message = "Kun økonomi har adgang til afregningen med betalingskommunerne."


class AfregningApi(APIView):
    permission_classes = [KunOekonomiAfregning]

    @extend_schema(
        summary="Månedens afregning med betalingskommunerne",
        description=(
            "Pr. betalingskommune hver borger, kommunen betaler for, med dage, "
            "døgntakst (basistakst + efterregulering af et lukket år pr. døgn + "
            "servicetakst for det gældende niveau) og "
            "beløb; et skift af niveau eller takst i måneden giver to linjer. "
            "En faktureret kommunes måned viser de gemte linjer (de flytter sig "
            "aldrig); afviger en genberegning, står forskellen pr. borger som "
            "efterregulering i kommunens næste ikke-fakturerede måned. "
            "Summeret over året er et tilbuds afregning dets indtægt fra salg."
        ),
        responses={
            200: AfregningSerializer,
            400: OpenApiResponse(description="Ugyldig måned (feltfejl på dansk)."),
            403: OpenApiResponse(description="Kun økonomi."),
            404: OpenApiResponse(description="Året har ingen takstmodel."),
            409: OpenApiResponse(description="Et takstniveau i året har ingen pris."),
        },
    )
    def get(self, request: Request, aar: int, maaned: int) -> HttpResponse:
        if maaned not in range(1, 13):
            raise ValidationError({"maaned": [UGYLDIG_MAANED]})
        try:
            afr = opgoerelse_for(aar, maaned, request.user)
        except BudgetGrundlagMangler as exc:
            raise _mangler(exc) from exc
        faktureret = faktureret_for(aar, maaned)
        data = {
            "aar": aar,
            "maaned": maaned,
            "afloeb": afr.afloeb,
            "afloeb_tekst": afloeb_tekst(afr.afloeb),
            "dage": afr.dage,
            "beloeb": afr.beloeb,
            "kommuner": [
                {
                    "kommunekode": k.kommunekode,
                    "borgere": k.borgere,
                    "dage": k.dage,
                    "beloeb": k.beloeb,
                    "faktureret": k.kommunekode in faktureret,
                    "linjer": k.linjer,
                    "efterreguleringer": k.efterreguleringer,
                }
                for k in afr.kommuner
            ],
        }
        return Response(AfregningSerializer(data).data)
