"""The bostøtte § 85 follow-up as an API (issue 17): the page's figures.

GET /api/v1/bostoette/<aar>/?maaned=3. Økonomi and myndighed get every
bostøtte tilbud, a tilbudsleder their own. Hours are decimals as strings with
2 decimals and the percent with 1 (display rounding, half up); the borger is
named with a masked CPR and their id, never the CPR.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets.engine.bostoette import Bostoettelinje
from budgets.selectors.bostoette import bostoette_opfoelgning_for
from budgets.services import AAR_UGYLDIGT
from config.lib.money import AFRUNDING


def _timer() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, rounding=AFRUNDING, allow_null=True
    )


class BostoetteQuerySerializer(serializers.Serializer):
    maaned = serializers.IntegerField(
        min_value=1,
        max_value=12,
        required=False,
        help_text="Kun denne måned (1-12); udeladt: hele året.",
    )


class _LinjeSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    maaned = serializers.IntegerField()
    visiteret = _timer()
    leveret = _timer()
    forskel = _timer()
    procent = serializers.DecimalField(
        max_digits=12, decimal_places=1, rounding=AFRUNDING, allow_null=True
    )


class BorgerlinjeSerializer(_LinjeSerializer):
    borger = serializers.IntegerField(source="borger_id")
    borger_navn = serializers.CharField(help_text="Navn (maskeret CPR).")


class BostoetteTilbudSerializer(serializers.Serializer):
    tilbud = serializers.IntegerField()
    navn = serializers.CharField()
    borgere = BorgerlinjeSerializer(many=True)
    totaler = _LinjeSerializer(many=True, help_text="Tilbuddet i alt pr. måned.")


class BostoetteSerializer(serializers.Serializer):
    aar = serializers.IntegerField()
    tilbud = BostoetteTilbudSerializer(many=True)


def _borgerlinje(linje: Bostoettelinje, borgere: dict[int, str]) -> dict:
    return {
        **_linje(linje),
        "borger_id": linje.borger_id,
        "borger_navn": borgere[linje.borger_id],
    }


def _linje(linje: Bostoettelinje) -> dict:
    return {
        "aar": linje.aar,
        "maaned": linje.maaned,
        "visiteret": linje.visiteret,
        "leveret": linje.leveret,
        "forskel": linje.forskel,
        "procent": linje.procent,
    }


class BostoetteApi(APIView):
    @extend_schema(
        parameters=[BostoetteQuerySerializer],
        responses=BostoetteSerializer,
        description=(
            "Bostøtte § 85: visiterede timer (timer pr. uge i afgørelsen × de dage "
            "i måneden, borgeren bor i tilbuddet, ÷ 7) mod leverede timer "
            "(importeret fra planlægningssystemet) pr. borger, tilbud og måned, "
            "og tilbuddet i alt pr. måned. forskel = leveret − visiteret; procent "
            "er forskellen i procent af de visiterede timer. leveret er null, "
            "når der ikke er indlæst timer for måneden."
        ),
    )
    def get(self, request: Request, aar: int) -> Response:
        query = BostoetteQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if not 2000 <= aar <= 2100:
            raise ValidationError({"aar": [AAR_UGYLDIGT]})
        opf = bostoette_opfoelgning_for(
            request.user, aar, query.validated_data.get("maaned")
        )
        data = {
            "aar": aar,
            "tilbud": [
                {
                    "tilbud": t.tilbud.pk,
                    "navn": t.tilbud.navn,
                    "borgere": [_borgerlinje(x, opf.borgere) for x in t.linjer],
                    "totaler": [_linje(x) for x in t.totaler],
                }
                for t in opf.tilbud
            ],
        }
        return Response(BostoetteSerializer(data).data)
