"""REST API for timeprismodeller and takstmodeller (issue 6; STYLE.md 2.5, 5.2).

Reads for every signed-in role; writes for Økonomi (config.lib.permissions). The
views parse input, call one service and render. A change of a year's takster
(PUT, PATCH) takes gyldig_fra and, with ?proev=1, answers its effect on the
budgets instead of saving (issue 13 #3): through tariffs.budgetvirkning, which
budgets answers, as the apps' pages do.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from config.lib.permissions import OekonomiSkriver
from tariffs import engine
from tariffs.budgetvirkning import takstaendring_virkning
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.selectors import TIMEPRIS_RELATIONER, timeprisgrundlag_for
from tariffs.serializers import (
    HvisResultatSerializer,
    HvisSerializer,
    ProevQuerySerializer,
    TakstmodelInputSerializer,
    TakstmodelSerializer,
    TakstvirkningSerializer,
    TimeprismodelInputSerializer,
    TimeprismodelSerializer,
    takstmodel_som_input,
    timeprismodel_som_input,
)
from tariffs.services import NiveauFejl, takstmodel_save, timeprismodel_save

HVIS_UMULIG = "Ændringen giver ingen direkte tid: {fejl}"


def valid_data(
    serializer_class: type[Serializer], request: Request, data: Any = None
) -> dict:
    """The request body (or ``data``) checked by ``serializer_class``; else a 400."""
    serializer = serializer_class(data=request.data if data is None else data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def timepris_hvis(model: Timeprismodel, data: dict) -> engine.Hvis:
    """DOMAIN.md §2's what-if on a saved model; nothing is written."""
    linjer = {
        gruppe: {
            linje["kategori"]: engine.Linje(**linje) for linje in data.get(gruppe, [])
        }
        for gruppe in (engine.FRAVAER, engine.TIDSANVENDELSE)
    }
    try:
        return engine.timepris_hvis(
            timeprisgrundlag_for(model),
            aarsloen=data.get("aarsloen"),
            aarsnorm_timer=data.get("aarsnorm_timer"),
            **linjer,
        )
    except ValueError as exc:
        raise ValidationError({"tidsanvendelse": HVIS_UMULIG.format(fejl=exc)}) from exc


@contextmanager
def niveau_feltfejl() -> Iterator[None]:
    """The service's NiveauFejl as DRF reports a nested field error:
    {"niveauer": {"2": {"nedre": ["…"]}}}."""
    try:
        yield
    except NiveauFejl as err:
        pr_niveau: dict[int, dict[str, list[str]]] = {}
        for i, felt, besked in err.fejl:
            pr_niveau.setdefault(i, {}).setdefault(felt, []).append(besked)
        raise serializers.ValidationError({"niveauer": pr_niveau}) from None


def _proev(request: Request) -> bool:
    serializer = ProevQuerySerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["proev"]


def _rettet(som_input: dict, request: Request) -> dict:
    """PATCH: the saved model's input with the given fields replaced."""
    if not isinstance(request.data, Mapping):
        return request.data  # the serializer reports the wrong shape
    return {**som_input, **{felt: request.data[felt] for felt in request.data}}


AENDRING = (
    "Ændrer årets takster fra `gyldig_fra` (påkrævet, når budgetåret er "
    "vedtaget; et lukket år afvises med 409). Med `?proev=1` gemmes intet: svaret "
    "er ændringens virkning på hvert tilbuds aktivitetsbudget (korrigeret) for "
    "året og i alt, før og efter."
)


def _aendring_schema(input_serializer: type[Serializer], output: type[Serializer]):
    return extend_schema(
        request=input_serializer,
        parameters=[ProevQuerySerializer],
        description=AENDRING,
        responses={
            200: OpenApiResponse(
                response=PolymorphicProxySerializer(
                    component_name=f"{output.__name__.removesuffix('Serializer')}"
                    "EllerVirkning",
                    serializers=[output, TakstvirkningSerializer],
                    resource_type_field_name=None,
                ),
                description="Den gemte model; med ?proev=1 ændringens virkning "
                "(Takstvirkning), og intet er gemt.",
            ),
            400: OpenApiResponse(description="Feltfejl; intet er gemt."),
            409: OpenApiResponse(description="Budgetåret er lukket; intet er gemt."),
        },
    )


class _SkrivViaServiceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """List and retrieve; create and change (PUT, PATCH) through a service."""

    def _frisk(self, model):
        # The object from get_object() carries prefetched lines from before the save.
        return self.get_queryset().get(pk=model.pk)

    def _gem(self, request: Request, gem: Callable[[], Any], **svar) -> Response:
        # A lukket year (tariffs.lukkede_aar.AarLaast, a Konflikt) is answered
        # 409 by the one exception handler (config.lib.api_exceptions).
        model = gem()
        return Response(self.get_serializer(self._frisk(model)).data, **svar)

    def _gem_eller_proev(
        self, request: Request, model, data: dict, gem: Callable[[], Any]
    ) -> Response:
        """Save the change, or with ?proev=1 answer its effect and save nothing."""
        if not _proev(request):
            return self._gem(request, gem)
        virkning = takstaendring_virkning(
            aar=model.aar,
            gyldig_fra=data.get("gyldig_fra"),
            gem=gem,
            idag=timezone.localdate(),
        )
        return Response(TakstvirkningSerializer(virkning).data)


class TimeprismodelViewSet(_SkrivViaServiceViewSet):
    permission_classes = [OekonomiSkriver]
    serializer_class = TimeprismodelSerializer
    queryset = Timeprismodel.objects.prefetch_related(*TIMEPRIS_RELATIONER)

    @extend_schema(
        request=TimeprismodelInputSerializer,
        responses={
            201: TimeprismodelSerializer,
            409: OpenApiResponse(description="Budgetåret er lukket; intet er gemt."),
        },
    )
    def create(self, request: Request) -> Response:
        data = valid_data(TimeprismodelInputSerializer, request)
        return self._gem(
            request,
            lambda: timeprismodel_save(acting_user=request.user, **data),
            status=status.HTTP_201_CREATED,
        )

    def _aendr(self, request: Request, data: Any) -> Response:
        model = self.get_object()
        data = valid_data(TimeprismodelInputSerializer, request, data)
        return self._gem_eller_proev(
            request,
            model,
            data,
            lambda: timeprismodel_save(
                acting_user=request.user, timeprismodel=model, **data
            ),
        )

    @_aendring_schema(TimeprismodelInputSerializer, TimeprismodelSerializer)
    def update(self, request: Request, pk: str) -> Response:
        return self._aendr(request, None)

    @_aendring_schema(TimeprismodelInputSerializer, TimeprismodelSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self._aendr(
            request, _rettet(timeprismodel_som_input(self.get_object()), request)
        )

    @extend_schema(request=HvisSerializer, responses=HvisResultatSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def hvis(self, request: Request, pk: str) -> Response:
        """What if these inputs changed? The result and the differences; not saved."""
        model = self.get_object()
        hvis = timepris_hvis(model, valid_data(HvisSerializer, request))
        resultat = {"foer": hvis.foer, "efter": hvis.efter, "forskel": hvis.forskel}
        return Response(HvisResultatSerializer(resultat).data)


class TakstmodelViewSet(_SkrivViaServiceViewSet):
    permission_classes = [OekonomiSkriver]
    serializer_class = TakstmodelSerializer
    queryset = Takstmodel.objects.select_related("timeprismodel").prefetch_related(
        "niveauer", *(f"timeprismodel__{r}" for r in TIMEPRIS_RELATIONER)
    )

    @extend_schema(
        request=TakstmodelInputSerializer,
        responses={
            201: TakstmodelSerializer,
            409: OpenApiResponse(description="Budgetåret er lukket; intet er gemt."),
        },
    )
    def create(self, request: Request) -> Response:
        data = valid_data(TakstmodelInputSerializer, request)
        with niveau_feltfejl():
            return self._gem(
                request,
                lambda: takstmodel_save(acting_user=request.user, **data),
                status=status.HTTP_201_CREATED,
            )

    def _aendr(self, request: Request, data: Any) -> Response:
        model = self.get_object()
        data = valid_data(TakstmodelInputSerializer, request, data)
        with niveau_feltfejl():
            return self._gem_eller_proev(
                request,
                model,
                data,
                lambda: takstmodel_save(
                    acting_user=request.user, takstmodel=model, **data
                ),
            )

    @_aendring_schema(TakstmodelInputSerializer, TakstmodelSerializer)
    def update(self, request: Request, pk: str) -> Response:
        return self._aendr(request, None)

    @_aendring_schema(TakstmodelInputSerializer, TakstmodelSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self._aendr(
            request, _rettet(takstmodel_som_input(self.get_object()), request)
        )
