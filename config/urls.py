from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from budgets import audit_views
from offers import views as offer_views

urlpatterns = [
    path("", offer_views.start, name="start"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", offer_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("historik/", audit_views.historik_list, name="historik"),
    path(
        "historik/forespoergsler/",
        audit_views.forespoergsel_list_view,
        name="historik-forespoergsler",
    ),
    path("api/", include("config.api_urls")),
    path("import/", include("budgets.import_urls")),
    path("takster/", include("tariffs.urls")),
    path("budget/", include("budgets.urls")),
    path("", include("offers.urls")),
]

# The Danish error pages, also where no middleware ran (config.errors).
handler400 = "config.errors.ugyldig_forespoergsel"
handler403 = "config.errors.ingen_adgang"
handler404 = "config.errors.side_ikke_fundet"
handler500 = "config.errors.serverfejl"
