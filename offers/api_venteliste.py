"""REST API of the waiting lists: /api/v1/venteliste/ (issue 19 #3).

Reads for every role through offers.selectors.venteliste_visible_to (a
tilbudsleder only their own tilbud's list; another tilbud's row is a 404);
writes for myndighed and økonomi, through offers.services.venteliste.
"""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from config.lib.permissions import MyndighedEllerOekonomiSkriver
from offers.models import Ventelisteplads
from offers.selectors import (
    borgere_visible_to,
    tilbud_visible_to,
    venteliste_borgere_synlige,
    venteliste_visible_to,
)
from offers.serializers import (
    VentelistepladsInputSerializer,
    VentelistepladsSerializer,
)
from offers.services.venteliste import (
    ventelisteplads_create,
    ventelisteplads_delete,
    ventelisteplads_update,
)

TILBUD_FILTER_FEJL = "tilbud skal være et tilbuds id (et heltal)."
BESKRIVELSE = (
    "Ventelisten pr. tilbud: en borger eller et anonymt behov (behov), ønsket "
    "dato, forventet takstniveau og den kommune, borgeren kommer fra "
    "(fra_kommune, tre cifre; tom: egen kommune). Myndighed og økonomi skriver; "
    "en tilbudsleder læser sit eget tilbuds liste. CPR vises kun maskeret."
)


@extend_schema_view(
    list=extend_schema(
        description=BESKRIVELSE,
        parameters=[
            OpenApiParameter(
                "tilbud", OpenApiTypes.INT, description="Kun dette tilbuds venteliste."
            )
        ],
    ),
    create=extend_schema(
        request=VentelistepladsInputSerializer,
        responses={201: VentelistepladsSerializer},
    ),
    update=extend_schema(
        request=VentelistepladsInputSerializer,
        responses=VentelistepladsSerializer,
    ),
    partial_update=extend_schema(
        request=VentelistepladsInputSerializer,
        responses=VentelistepladsSerializer,
    ),
)
class VentelisteViewSet(viewsets.ModelViewSet):
    permission_classes = [MyndighedEllerOekonomiSkriver]
    serializer_class = VentelistepladsSerializer

    def get_queryset(self) -> QuerySet[Ventelisteplads]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Ventelisteplads.objects.none()
        pladser = venteliste_visible_to(self.request.user)
        tilbud = self.request.query_params.get("tilbud")
        if tilbud is not None and self.action == "list":
            if not tilbud.isdigit():
                raise serializers.ValidationError({"tilbud": TILBUD_FILTER_FEJL})
            pladser = pladser.filter(tilbud_id=int(tilbud))
        return pladser

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "synlige": set()}

    def _output(self, pladser, many: bool = False) -> VentelistepladsSerializer:
        liste = list(pladser) if many else [pladser]
        context = self.get_serializer_context()
        context["synlige"] = venteliste_borgere_synlige(liste, self.request.user)
        return VentelistepladsSerializer(pladser, many=many, context=context)

    def list(self, request: Request, *args, **kwargs) -> Response:
        pladser = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(pladser)
        if page is None:
            return Response(self._output(pladser, many=True).data)
        return self.get_paginated_response(self._output(page, many=True).data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._output(self.get_object()).data)

    def _input(self, partial: bool = False) -> dict:
        serializer = VentelistepladsInputSerializer(
            data=self.request.data,
            partial=partial,
            tilbud=tilbud_visible_to(self.request.user),
            borgere=borgere_visible_to(self.request.user),
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def create(self, request: Request, *args, **kwargs) -> Response:
        plads = ventelisteplads_create(acting_user=request.user, **self._input())
        return Response(self._output(plads).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args, **kwargs) -> Response:
        plads = self.get_object()
        data = self._input(partial=kwargs.get("partial", False))
        plads = ventelisteplads_update(plads=plads, acting_user=request.user, **data)
        return Response(self._output(plads).data)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        ventelisteplads_delete(plads=self.get_object(), acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
