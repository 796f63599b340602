"""REST API for scenarios (issue 16 #1; STYLE.md 2.5): /api/v1/scenarier/.

Økonomi only, for every method (config.lib.permissions.KunOekonomi): others get
403, anonymous 401. Scenarios are shared between the økonomi users. The views
parse, call one service or selector, and render; a scenario never writes the
real budget.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from budgets.engine.scenarie import ScenarieFejl
from budgets.models_scenarie import Scenario
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.scenarie import (
    scenarier_sammenlignet,
    scenarier_visible_to,
    scenario_resultat,
)
from budgets.selectors.scenarie_vedtag import vedtagelsesplan
from budgets.serializers_scenarie import (
    AendringInputSerializer,
    AendringSerializer,
    AendringVaerdiSerializer,
    FlereSerializer,
    SammenligningSerializer,
    SammenlignQuerySerializer,
    ScenarioInputSerializer,
    ScenarioNavnSerializer,
    ScenarioSerializer,
    VedtagetSerializer,
    VedtagInputSerializer,
)
from budgets.services import scenarie as services
from budgets.services.scenarie_vedtag import scenario_vedtag
from config.lib.permissions import KunOekonomi

FELTFEJL = OpenApiResponse(description="Feltfejl på dansk; intet gemt.")
RESULTAT = (
    "Scenariet side om side med grundlaget: timepris, hver servicetakst og "
    "basistakst, hvert tilbuds budget pr. måned (fast + aktivitet, korrigeret), "
    "totalen og de årsværk, aktivitetsbudgettet køber. Beregnes ved hvert kald; "
    "intet gemmes, og det rigtige budget ændres aldrig."
)
SAMMENLIGN = (
    "Flere scenarier for samme budgetår og grundlag side om side med deres "
    "fælles grundlag: timepris, total, årsværk og hvert tilbuds total."
)
VEDTAG = (
    "Vedtag scenariet (år Å) som forslag for år Å+1: findes Å+1 ikke, oprettes "
    "det først ved årsskifte fra Å med de to procenter. Derefter skrives hver "
    "ændring som den værdi, scenariet giver (ikke som en forskel), beløb "
    "fremskrevet som ved årsskiftet (årsløn med løn-, faste udgifter med "
    "øvrige-procenten). Planlagte tilgange og afgange og nye eller lukkede "
    "tilbud skrives ikke. Alt eller intet, med historik."
)
UKENDT_AENDRING = OpenApiResponse(description="Ukendt ændring.")
UKENDT_SCENARIE = "Et af scenarierne findes ikke."
IKKE_FUNDET = OpenApiResponse(description="Et af scenarierne findes ikke.")
AENDRING_ID = OpenApiParameter(
    "aendring_pk", int, OpenApiParameter.PATH, description="Ændringens id."
)


@extend_schema_view(
    create=extend_schema(
        request=ScenarioInputSerializer,
        responses={201: ScenarioSerializer, 400: FELTFEJL},
    ),
    partial_update=extend_schema(
        request=ScenarioNavnSerializer,
        responses={200: ScenarioSerializer, 400: FELTFEJL},
        description="Omdøb scenariet (år og grundlag ligger fast).",
    ),
)
class ScenarioViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Named scenarios for a budget year: changed assumptions, never the budget."""

    permission_classes = [KunOekonomi]
    serializer_class = ScenarioSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Scenario.objects.none()
        qs = scenarier_visible_to(self.request.user)
        return qs.prefetch_related("aendringer")

    def create(self, request: Request) -> Response:
        data = _valideret(ScenarioInputSerializer, request)
        scenario = services.scenario_create(acting_user=request.user, **data)
        return Response(
            ScenarioSerializer(scenario).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request: Request, pk: str) -> Response:
        scenario = self.get_object()
        data = _valideret(ScenarioNavnSerializer, request)
        scenario = services.scenario_update(
            scenario=scenario, navn=data["navn"], acting_user=request.user
        )
        return Response(ScenarioSerializer(scenario).data)

    def perform_destroy(self, instance: Scenario) -> None:
        services.scenario_delete(scenario=instance, acting_user=self.request.user)

    @extend_schema(
        request=ScenarioNavnSerializer,
        responses={201: ScenarioSerializer, 400: FELTFEJL},
        description="Kopiér scenariet med alle ændringer under et nyt navn.",
    )
    @action(detail=True, methods=["post"])
    def kopier(self, request: Request, pk: str) -> Response:
        scenario = self.get_object()
        data = _valideret(ScenarioNavnSerializer, request)
        kopi = services.scenario_copy(
            scenario=scenario, navn=data["navn"], acting_user=request.user
        )
        return Response(ScenarioSerializer(kopi).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={201: ScenarioSerializer},
        description="Kopiér scenariet med alle ændringer som 'Kopi af <navn>' "
        "(samme budgetår og grundlag).",
    )
    @action(detail=True, methods=["post"])
    def kopi(self, request: Request, pk: str) -> Response:
        kopi = services.scenario_copy(
            scenario=self.get_object(), acting_user=request.user
        )
        return Response(ScenarioSerializer(kopi).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AendringInputSerializer,
        responses={201: AendringSerializer, 400: FELTFEJL},
        description="Ændr en forudsætning i scenariet (anvendes i rækkefølge).",
    )
    @action(detail=True, methods=["post"])
    def aendringer(self, request: Request, pk: str) -> Response:
        scenario = self.get_object()
        data = _valideret(AendringInputSerializer, request)
        aendring = services.aendring_add(
            scenario=scenario, acting_user=request.user, **data
        )
        return Response(
            AendringSerializer(aendring).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["DELETE"],
        parameters=[AENDRING_ID],
        request=None,
        responses={204: None, 404: UKENDT_AENDRING},
        description="Fjern en ændring (fjerner man et nyt tilbud, fjernes de "
        "ændringer, der nævner det, også).",
    )
    @extend_schema(
        methods=["PATCH"],
        parameters=[AENDRING_ID],
        request=AendringVaerdiSerializer,
        responses={200: AendringSerializer, 400: FELTFEJL, 404: UKENDT_AENDRING},
        description="Ret en ændrings værdier på stedet (art og rækkefølge "
        "består); tjekkes som en ny ændring.",
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"aendringer/(?P<aendring_pk>[0-9]+)",
        url_name="aendring",
    )
    def aendring(self, request: Request, pk: str, aendring_pk: str) -> Response:
        scenario = self.get_object()
        aendring = get_object_or_404(scenario.aendringer, pk=aendring_pk)
        if request.method == "PATCH":
            data = _valideret(AendringVaerdiSerializer, request)
            aendring = services.aendring_update(
                aendring=aendring, vaerdi=data["vaerdi"], acting_user=request.user
            )
            return Response(AendringSerializer(aendring).data)
        services.aendring_delete(aendring=aendring, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[SammenlignQuerySerializer],
        responses={200: FlereSerializer, 400: FELTFEJL, 404: IKKE_FUNDET},
        description=SAMMENLIGN,
    )
    @action(detail=False, methods=["get"])
    def sammenlign(self, request: Request) -> Response:
        query = SammenlignQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        ids = set(query.validated_data["id"])
        scenarier = list(self.get_queryset().filter(pk__in=ids).order_by("pk"))
        if len(scenarier) != len(ids):
            raise NotFound(UKENDT_SCENARIE)
        try:
            flere = scenarier_sammenlignet(scenarier)
        except (BudgetGrundlagMangler, ValueError) as exc:
            raise ValidationError({"id": str(exc)}) from exc
        return Response(FlereSerializer(flere).data)

    @extend_schema(
        responses={200: SammenligningSerializer, 400: FELTFEJL}, description=RESULTAT
    )
    @action(detail=True, methods=["get"])
    def resultat(self, request: Request, pk: str) -> Response:
        scenario = self.get_object()
        try:
            sammenligning = scenario_resultat(scenario)
        except (BudgetGrundlagMangler, ScenarieFejl, ValueError) as exc:
            raise ValidationError({"scenario": str(exc)}) from exc
        return Response(SammenligningSerializer(sammenligning).data)

    @extend_schema(
        request=VedtagInputSerializer,
        responses={
            200: VedtagetSerializer,
            400: FELTFEJL,
            409: OpenApiResponse(
                description="Næste budgetår er vedtaget eller lukket, eller dets "
                "timeprismodel bruges også af et andet år; intet skrevet."
            ),
        },
        description=VEDTAG,
    )
    @action(detail=True, methods=["post"])
    def vedtag(self, request: Request, pk: str) -> Response:
        scenario = self.get_object()
        data = _valideret(VedtagInputSerializer, request)
        budgetaar = scenario_vedtag(
            scenario=scenario,
            acting_user=request.user,
            fremskrivning_loen_pct=data.get("fremskrivning_loen_pct"),
            fremskrivning_oevrige_pct=data.get("fremskrivning_oevrige_pct"),
        )
        plan = vedtagelsesplan(scenario)
        svar = {
            "aar": budgetaar.aar,
            "status": budgetaar.status,
            "skrevet": plan.skrives,
            "ikke_skrevet": plan.skrives_ikke,
        }
        return Response(VedtagetSerializer(svar).data)


def _valideret(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
