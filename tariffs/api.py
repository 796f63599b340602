"""REST API for timeprismodeller and takstmodeller (issue 6; STYLE.md 2.5, 5.2).

Reads for every signed-in role; writes for Økonomi (offers.permissions). The
views parse input, call one service and render.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from offers.permissions import OekonomiSkriver
from tariffs import engine
from tariffs.models import Takstmodel, Timeprismodel
from tariffs.selectors import timeprisgrundlag_for
from tariffs.serializers import (
    HvisResultatSerializer,
    HvisSerializer,
    TakstmodelInputSerializer,
    TakstmodelSerializer,
    TimeprismodelInputSerializer,
    TimeprismodelSerializer,
)
from tariffs.services import NiveauFejl, takstmodel_save, timeprismodel_save

HVIS_UMULIG = "Ændringen giver ingen direkte tid: {fejl}"


def valid_data(serializer_class: type[Serializer], request: Request) -> dict:
    """The request body checked by ``serializer_class``; a 400 otherwise."""
    serializer = serializer_class(data=request.data)
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


class _SkrivViaServiceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """List and retrieve; create and update (PUT) are written through a service."""

    def _frisk(self, model):
        # The object from get_object() carries prefetched lines from before the save.
        return self.get_queryset().get(pk=model.pk)


class TimeprismodelViewSet(_SkrivViaServiceViewSet):
    permission_classes = [OekonomiSkriver]
    serializer_class = TimeprismodelSerializer
    queryset = Timeprismodel.objects.prefetch_related("fravaer", "tidsanvendelse")

    @extend_schema(
        request=TimeprismodelInputSerializer, responses={201: TimeprismodelSerializer}
    )
    def create(self, request: Request) -> Response:
        data = valid_data(TimeprismodelInputSerializer, request)
        model = timeprismodel_save(acting_user=request.user, **data)
        return Response(
            self.get_serializer(self._frisk(model)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=TimeprismodelInputSerializer)
    def update(self, request: Request, pk: str) -> Response:
        model = self.get_object()
        data = valid_data(TimeprismodelInputSerializer, request)
        model = timeprismodel_save(
            acting_user=request.user, timeprismodel=model, **data
        )
        return Response(self.get_serializer(self._frisk(model)).data)

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
        "niveauer", "timeprismodel__fravaer", "timeprismodel__tidsanvendelse"
    )

    @extend_schema(
        request=TakstmodelInputSerializer, responses={201: TakstmodelSerializer}
    )
    def create(self, request: Request) -> Response:
        data = valid_data(TakstmodelInputSerializer, request)
        with niveau_feltfejl():
            model = takstmodel_save(acting_user=request.user, **data)
        return Response(
            self.get_serializer(self._frisk(model)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=TakstmodelInputSerializer)
    def update(self, request: Request, pk: str) -> Response:
        model = self.get_object()
        data = valid_data(TakstmodelInputSerializer, request)
        with niveau_feltfejl():
            model = takstmodel_save(acting_user=request.user, takstmodel=model, **data)
        return Response(self.get_serializer(self._frisk(model)).data)
