"""REST API for budget years and their states (issue 13 #2, #4; STYLE.md 2.5).

Reads for every signed-in role; creating a year, vedtag and luk for Økonomi
(config.lib.permissions.OekonomiSkriver). A step the year's state forbids is a 409
(config.lib.konflikt); an unknown year is a 404.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from budgets.models import Budgetaar
from budgets.selectors.budgetaar import budgetaar_for, budgetaar_liste
from budgets.serializers import BudgetaarInputSerializer, BudgetaarSerializer
from budgets.services import budgetaar as budgetaar_services
from budgets.services.rollover import opret_budgetaar
from config.lib.permissions import OekonomiSkriver

UKENDT_AAR = "Budgetåret {aar} findes ikke."
AAR = OpenApiParameter("aar", int, OpenApiParameter.PATH, description="Budgetåret.")
IKKE_FUNDET = OpenApiResponse(description="Budgetåret findes ikke.")
KONFLIKT = OpenApiResponse(description="Årets status tillader det ikke; intet gemt.")
VEDTAG = (
    "Vedtag årets budget: hvert tilbuds oprindelige budget gemmes måned for "
    "måned og ændres aldrig siden; hændelser registreret herefter er reguleringer. "
    "Kun fra forslag; et år uden takstmodel, eller med et takstniveau uden pris, "
    "kan ikke vedtages (409)."
)
LUK = (
    "Luk året efter regnskabet: derefter afvises alt, der ville ændre årets tal "
    "(409). Kun fra vedtaget."
)


class BudgetaarViewSet(viewsets.ViewSet):
    """Budget years with their state: forslag → vedtaget → lukket."""

    permission_classes = [OekonomiSkriver]
    lookup_field = "aar"
    lookup_value_regex = "[0-9]{4}"

    def _aaret(self, aar: str) -> Budgetaar:
        """The year, or 404; the role is checked on it (OekonomiSkriver)."""
        budgetaar = budgetaar_for(int(aar))
        if budgetaar is None:
            raise NotFound(UKENDT_AAR.format(aar=aar))
        self.check_object_permissions(self.request, budgetaar)
        return budgetaar

    @extend_schema(responses=BudgetaarSerializer(many=True))
    def list(self, request: Request) -> Response:
        """Every budget year, newest first (a year with a takstmodel but nothing
        else yet is a forslag)."""
        return Response(BudgetaarSerializer(budgetaar_liste(), many=True).data)

    @extend_schema(
        request=BudgetaarInputSerializer,
        responses={
            201: BudgetaarSerializer,
            400: OpenApiResponse(
                description="Feltfejl (fx året findes allerede); intet gemt."
            ),
        },
    )
    def create(self, request: Request) -> Response:
        """Create a budget year, empty or from another (kopier_fra)."""
        serializer = BudgetaarInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        budgetaar = opret_budgetaar(
            acting_user=request.user, **serializer.validated_data
        )
        return Response(
            BudgetaarSerializer(budgetaar).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[AAR], responses={200: BudgetaarSerializer, 404: IKKE_FUNDET}
    )
    def retrieve(self, request: Request, aar: str) -> Response:
        return Response(BudgetaarSerializer(self._aaret(aar)).data)

    @extend_schema(
        parameters=[AAR],
        request=None,
        description=VEDTAG,
        responses={200: BudgetaarSerializer, 404: IKKE_FUNDET, 409: KONFLIKT},
    )
    @action(detail=True, methods=["post"])
    def vedtag(self, request: Request, aar: str) -> Response:
        self._aaret(aar)
        budgetaar = budgetaar_services.vedtag(aar=int(aar), acting_user=request.user)
        return Response(BudgetaarSerializer(budgetaar).data)

    @extend_schema(
        parameters=[AAR],
        request=None,
        description=LUK,
        responses={200: BudgetaarSerializer, 404: IKKE_FUNDET, 409: KONFLIKT},
    )
    @action(detail=True, methods=["post"])
    def luk(self, request: Request, aar: str) -> Response:
        self._aaret(aar)
        budgetaar = budgetaar_services.luk(aar=int(aar), acting_user=request.user)
        return Response(BudgetaarSerializer(budgetaar).data)
