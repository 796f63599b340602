"""The API: /api/v1/ (DRF router), /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI).

Every route is exempt from LoginRequiredMiddleware, so DRF itself answers an
anonymous request with 401 instead of a redirect to the login page.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from budgets.api import CentralBudgetApi, TilbudBudgetApi, TilbudViewSet
from budgets.api_afregning import AfregningApi
from budgets.api_bostoette import BostoetteApi
from budgets.api_budgetaar import BudgetaarViewSet
from budgets.api_dossier import EfterreguleringApi, TakstdossierApi
from budgets.api_prognose import PrognoseApi
from budgets.api_scenarie import ScenarioViewSet
from offers.api import BorgerViewSet
from offers.api_venteliste import VentelisteViewSet
from tariffs.api import TakstmodelViewSet, TimeprismodelViewSet

router = DefaultRouter()
router.register("timeprismodeller", TimeprismodelViewSet, basename="timeprismodel")
router.register("takstmodeller", TakstmodelViewSet, basename="takstmodel")
router.register("tilbud", TilbudViewSet, basename="tilbud")
router.register("borgere", BorgerViewSet, basename="borger")
router.register("budgetaar", BudgetaarViewSet, basename="budgetaar")
router.register("scenarier", ScenarioViewSet, basename="scenario")
router.register("venteliste", VentelisteViewSet, basename="venteliste")

v1 = [
    *router.urls,
    path(
        "budgetter/<int:aar>/tilbud/<int:pk>/",
        TilbudBudgetApi.as_view(),
        name="budget-tilbud",
    ),
    path(
        "budgetter/<int:aar>/central/",
        CentralBudgetApi.as_view(),
        name="budget-central",
    ),
    path(
        "afregning/<int:aar>/<int:maaned>/",
        AfregningApi.as_view(),
        name="afregning",
    ),
    path("bostoette/<int:aar>/", BostoetteApi.as_view(), name="bostoette"),
    path("prognose/<int:aar>/", PrognoseApi.as_view(), name="prognose"),
    path(
        "tilbud/<int:pk>/takstdossier/",
        TakstdossierApi.as_view(),
        name="tilbud-takstdossier",
    ),
    path(
        "tilbud/<int:pk>/efterregulering/",
        EfterreguleringApi.as_view(),
        name="tilbud-efterregulering",
    ),
]


def _login_not_required(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _login_not_required(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
    return patterns


app_name = "api"
urlpatterns = _login_not_required(
    [
        path("v1/", include((v1, "v1"))),
        path("schema/", SpectacularAPIView.as_view(), name="schema"),
        # The split view serves its start-up script as a file (?script), so the
        # page runs under the product's CSP, which forbids inline script.
        path(
            "docs/",
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            ),
            name="docs",
        ),
    ]
)
