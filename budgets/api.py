"""REST API for tilbud, faste udgifter, takstblad and budgets (issue 6; STYLE.md 2.5).

Every lookup goes through offers.selectors.tilbud_visible_to, so a tilbud the
user may not see is a 404. Writes are for Økonomi (config.lib.permissions).
"""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets import services, tabeller
from budgets.forklaring import advarsler
from budgets.models import FastUdgift
from budgets.selectors import (
    BudgetGrundlagMangler,
    Genberegnes,
    TakstniveauUdenPris,
    TilbudResultat,
    central_for,
    forbrugsprocent_sidste_aar_for,
    takstblad_for,
    tilbud_aar_for,
    tilbud_resultat,
)
from budgets.selectors.budgetaar import Aarsstatus, aarsstatus_for
from budgets.selectors.central import synlige_tilbud
from budgets.serializers import (
    AarQuerySerializer,
    CentralSerializer,
    FastUdgiftInputSerializer,
    FastUdgiftSerializer,
    IdagQuerySerializer,
    TakstbladSerializer,
    TilbudAarInputSerializer,
    TilbudAarSerializer,
    TilbudBudgetSerializer,
)
from config.lib import datastamp
from config.lib.permissions import OekonomiSkriver
from offers.models import Tilbud
from offers.selectors import tilbud_visible_to
from offers.serializers import TilbudSerializer


def _query(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _idag(request: Request) -> datetime.date:
    """?idag=ÅÅÅÅ-MM-DD makes a result reproducible; default the local today."""
    return _query(IdagQuerySerializer, request).get("idag") or timezone.localdate()


AARSINDSTILLINGER = (
    "pladser, tildelingsprincip, forudsat_belaegning, reguleringsandel og "
    "gennemsnitstakst gælder "
    "for hvert budgetår, der ikke er låst (lukket); et låst år beholder sine. "
    "På tilbuddet er de indstillingerne for budgetår, der oprettes senere. Et "
    "enkelt års indstillinger: /api/v1/tilbud/{id}/aar/{aar}/."
)


@extend_schema_view(
    create=extend_schema(description=AARSINDSTILLINGER),
    update=extend_schema(description=AARSINDSTILLINGER),
    partial_update=extend_schema(description=AARSINDSTILLINGER),
)
class TilbudViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [OekonomiSkriver]
    serializer_class = TilbudSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Tilbud.objects.none()
        return tilbud_visible_to(self.request.user).order_by("navn")

    def perform_create(self, serializer: TilbudSerializer) -> None:
        serializer.instance = services.tilbud_save(
            acting_user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: TilbudSerializer) -> None:
        serializer.instance = services.tilbud_save(
            acting_user=self.request.user,
            tilbud=serializer.instance,
            **serializer.validated_data,
        )

    @extend_schema(
        methods=["GET"],
        parameters=[AarQuerySerializer(partial=True)],
        request=None,
        responses=FastUdgiftSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        request=FastUdgiftInputSerializer,
        responses={201: FastUdgiftSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="faste-udgifter")
    def faste_udgifter(self, request: Request, pk: str) -> Response:
        tilbud = self.get_object()
        if request.method == "GET":
            rows = FastUdgift.objects.filter(tilbud=tilbud).select_related("budgetaar")
            if "aar" in request.query_params:
                rows = rows.filter(
                    budgetaar__aar=_query(AarQuerySerializer, request)["aar"]
                )
            return Response(FastUdgiftSerializer(rows, many=True).data)
        serializer = FastUdgiftInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        linje = services.fast_udgift_save(
            tilbud=tilbud, acting_user=request.user, **serializer.validated_data
        )
        return Response(
            FastUdgiftSerializer(linje).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={
            200: TilbudAarSerializer,
            404: OpenApiResponse(
                description=(
                    "Tilbuddet findes ikke for dig, eller året har ingen takstmodel."
                )
            ),
        },
    )
    @extend_schema(
        methods=["PUT"],
        request=TilbudAarInputSerializer,
        responses={
            200: TilbudAarSerializer,
            400: OpenApiResponse(description="Feltfejl; intet er gemt."),
            404: OpenApiResponse(description="Året har ingen takstmodel."),
            409: OpenApiResponse(description="Budgetåret er låst; intet er gemt."),
        },
    )
    @action(detail=True, methods=["get", "put"], url_path=r"aar/(?P<aar>[0-9]{4})")
    def aar(self, request: Request, pk: str, aar: str) -> Response:
        """The tilbud's pladser, tildelingsprincip, forudsat belægning,
        reguleringsandel and gennemsnitstakst in one budget year; PUT changes
        that year only."""
        tilbud = self.get_object()
        try:
            tilbud_aar_for(tilbud, int(aar))  # a year without takstmodel: 404
        except BudgetGrundlagMangler as exc:
            raise NotFound(str(exc)) from exc
        if request.method == "PUT":
            serializer = TilbudAarInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            # A lukket year: AarLaast is a Konflikt, a 409 (config.lib.api_exceptions).
            services.tilbud_aar_save(
                tilbud=tilbud,
                aar=int(aar),
                acting_user=request.user,
                **serializer.validated_data,
            )
        return Response(TilbudAarSerializer(tilbud_aar_for(tilbud, int(aar))).data)

    @extend_schema(parameters=[AarQuerySerializer], responses=TakstbladSerializer)
    @action(detail=True, methods=["get"])
    def takstblad(self, request: Request, pk: str) -> Response:
        """Basistakst and each level's servicetakst and døgntakst in the year."""
        tilbud = self.get_object()
        aar = _query(AarQuerySerializer, request)["aar"]
        try:
            takstblad = takstblad_for(tilbud, aar)
        except BudgetGrundlagMangler as exc:
            raise NotFound(str(exc)) from exc
        return Response(TakstbladSerializer(takstblad).data)


class _Visning:
    """A Noegletal's figures plus extra fields, as one object for a serializer."""

    def __init__(self, noegletal: object, **ekstra: object) -> None:
        self._noegletal = noegletal
        self.__dict__.update(ekstra)

    def __getattr__(self, navn: str) -> object:
        return getattr(self._noegletal, navn)


def _oprindeligt(aarsstatus: Aarsstatus, tilbud_ids: list[int]) -> dict:
    """Once the year is vedtaget, the oprindeligt figures are the stored ones
    (VedtagetBudget), never the computed: as fields that override Noegletal's."""
    gemt = aarsstatus.oprindeligt(tilbud_ids)
    if gemt is None:
        return {}
    return {
        "aktivitet_oprindeligt_aar": gemt.aktivitet,
        "total_oprindeligt_aar": gemt.total,
    }


def _tilbud_visning(r: TilbudResultat, aarsstatus: Aarsstatus) -> _Visning:
    budget, tal = r.budget, r.noegletal
    maaneder = [
        {"maaned": m, "fast": fast, "aktivitet": aktivitet, "forbrug": forbrug}
        for m, fast, aktivitet, forbrug in zip(
            range(1, 13),
            budget.fast,
            budget.aktivitet_korrigeret,
            tal.forbrug,
            strict=True,
        )
    ]
    return _Visning(
        tal,
        tilbud=r.tilbud.pk,
        navn=r.tilbud.navn,
        tildelingsprincip=budget.tildelingsprincip,
        maaneder=maaneder,
        advarsler=advarsler(r.grundlag, budget.aar),
        reguleringer=budget.ledger,
        forbrugsprocent_periode_sidste_aar=forbrugsprocent_sidste_aar_for(r),
        status=aarsstatus.status,
        **_oprindeligt(aarsstatus, [r.tilbud.pk]),
    )


class KanIkkeBeregnes(APIException):
    """The year's stored data cannot be priced: a code in force has no price."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "kan_ikke_beregnes"


def _mangler(exc: BudgetGrundlagMangler) -> APIException:
    """409 naming the code the year's takstmodel cannot price; else 404."""
    if isinstance(exc, TakstniveauUdenPris):
        return KanIkkeBeregnes(str(exc))
    return NotFound(str(exc))


class TilbudBudgetApi(APIView):
    """The tilbudsspecifik budgetmodel of one tilbud in a year (DOMAIN.md §6)."""

    @extend_schema(parameters=[IdagQuerySerializer], responses=TilbudBudgetSerializer)
    def get(self, request: Request, aar: int, pk: int) -> Response:
        tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
        try:
            resultat = tilbud_resultat(tilbud, aar, _idag(request))
        except BudgetGrundlagMangler as exc:
            raise _mangler(exc) from exc
        visning = _tilbud_visning(resultat, aarsstatus_for(aar))
        return Response(TilbudBudgetSerializer(visning).data)


class GenberegnesNu(APIException):
    """The year's figures are being recomputed after a takst change: try again."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "genberegnes"
    wait = 10  # seconds; DRF's handler sends it as Retry-After


class CentralBudgetApi(APIView):
    """The central budgetmodel over the tilbud the user may see (DOMAIN.md §7)."""

    @extend_schema(
        parameters=[IdagQuerySerializer],
        responses={
            200: CentralSerializer,
            503: OpenApiResponse(
                description=(
                    "Årets tal genberegnes efter en ændring af takster eller timepris; "
                    "prøv igen efter Retry-After sekunder."
                )
            ),
        },
    )
    def get(self, request: Request, aar: int) -> HttpResponse:
        # The body is kept in the shared cache per committed data (as the page
        # is): a request reads its bytes instead of building 1,500 rows.
        idag, synlige = _idag(request), synlige_tilbud(request.user)
        parts = (aar, idag, synlige and sorted(synlige))
        try:
            body = datastamp.cached(
                "central-api",
                parts,
                lambda: JSONRenderer().render(
                    _central_data(request.user, aar, idag, aarsstatus_for(aar))
                ),
            )
        except Genberegnes as exc:
            raise GenberegnesNu(str(exc)) from exc
        except BudgetGrundlagMangler as exc:
            raise _mangler(exc) from exc
        return HttpResponse(body, content_type="application/json")


def _central_data(user, aar: int, idag: datetime.date, aarsstatus: Aarsstatus) -> dict:
    central = central_for(user, aar, idag)
    raekker = [
        _Visning(
            tal,
            tilbud=grundlag.id,
            navn=grundlag.navn,
            tilbudstype=grundlag.tilbudstype,
            advarsler=advarsler(grundlag, aar),
            forbrugsprocent_periode_sidste_aar=central.sidste_aar.get(grundlag.id),
            **_oprindeligt(aarsstatus, [grundlag.id]),
        )
        for grundlag, tal in central.raekker
    ]
    total = _Visning(
        central.total,
        forbrugsprocent_periode_sidste_aar=central.sidste_aar_total,
        **_oprindeligt(aarsstatus, [g.id for g, _ in central.raekker]),
    )
    typer = []
    for gruppe in central.grupper(tabeller.TILBUDSTYPER):
        ids = [g.id for g, _ in gruppe.raekker]
        typer.append(
            {
                "tilbudstype": gruppe.tilbudstype,
                "navn": tabeller.tilbudstype_navn(gruppe.tilbudstype),
                "tilbud": ids,
                "subtotal": _Visning(gruppe.subtotal, **_oprindeligt(aarsstatus, ids)),
            }
        )
    data = {
        "aar": aar,
        "status": aarsstatus.status,
        "tilbud": raekker,
        "tilbudstyper": typer,
        "total": total,
    }
    return CentralSerializer(data).data
