from django.urls import path

from budgets import (
    views,
    views_afregning,
    views_bostoette,
    views_budgetaar,
    views_dossier,
    views_kapacitet,
    views_prognose,
    views_rollover,
    views_scenarie,
    views_tilbud,
)

app_name = "budgets"
urlpatterns = [
    path("", views.central, name="central"),
    path("hvis/", views.hvis, name="hvis"),
    path("prognose/", views_prognose.prognose, name="prognose"),
    path(
        "tilbud/<int:pk>/prognose/",
        views_prognose.prognose_tilbud,
        name="prognose-tilbud",
    ),
    path(
        "bostoette/",
        views_bostoette.bostoette_opfoelgning,
        name="bostoette-opfoelgning",
    ),
    path(
        "kapacitet/", views_kapacitet.kapacitet_oversigt_view, name="kapacitet-oversigt"
    ),
    path("tilbud/<int:pk>/kapacitet/", views_kapacitet.kapacitet, name="kapacitet"),
    path("tilbud/create/", views_tilbud.tilbud_create, name="tilbud-create"),
    path("tilbud/<int:pk>/", views.tilbud_detail, name="tilbud-detail"),
    path("tilbud/<int:pk>/ret/", views_tilbud.tilbud_ret, name="tilbud-ret"),
    path(
        "tilbud/<int:pk>/kommentar/",
        views.kommentar_create_view,
        name="kommentar-create",
    ),
    path(
        "tilbud/<int:pk>/faste-udgifter/",
        views.faste_udgifter,
        name="faste-udgifter",
    ),
    path("tilbud/<int:pk>/takstblad/", views.takstblad, name="takstblad"),
    path(
        "tilbud/<int:pk>/takstdossier/",
        views_dossier.takstdossier,
        name="takstdossier",
    ),
    path(
        "tilbud/<int:pk>/efterregulering/",
        views_dossier.efterregulering,
        name="efterregulering",
    ),
    path("takstdossierer/", views_dossier.takstdossier_list, name="takstdossier-list"),
    path("tilbud/<int:pk>/indstillinger/", views.tilbud_aar, name="tilbud-aar"),
    path(
        "tilbud/<int:pk>/forklaring/<slug:felt>/", views.forklaring, name="forklaring"
    ),
    path("effekt/<int:pk>/", views.effekt, name="effekt"),
    path("aar/create/", views_rollover.budgetaar_create, name="budgetaar-create"),
    path(
        "aar/<int:aar>/oprettet/",
        views_rollover.budgetaar_oprettet,
        name="budgetaar-oprettet",
    ),
    path("aar/", views_budgetaar.budgetaar_list, name="budgetaar-list"),
    path(
        "aar/<int:aar>/vedtag/",
        views_budgetaar.budgetaar_vedtag,
        name="budgetaar-vedtag",
    ),
    path("aar/<int:aar>/luk/", views_budgetaar.budgetaar_luk, name="budgetaar-luk"),
    path("afregning/", views_afregning.afregning, name="afregning"),
    path(
        "afregning/<int:aar>/<int:maaned>/",
        views_afregning.afregning_maaned,
        name="afregning-maaned",
    ),
    path(
        "afregning/<int:aar>/<int:maaned>/kommune/<str:kommunekode>/",
        views_afregning.afregning_kommune,
        name="afregning-kommune",
    ),
    path(
        "afregning/<int:aar>/<int:maaned>/debitorlinjer.csv",
        views_afregning.afregning_csv,
        name="afregning-csv",
    ),
    path(
        "afregning/<int:aar>/<int:maaned>/faktureret/",
        views_afregning.afregning_faktureret,
        name="afregning-faktureret",
    ),
    path(
        "afregning/ophold/<int:pk>/",
        views_afregning.koebsbeskrivelse,
        name="koebsbeskrivelse",
    ),
    path("scenarier/", views_scenarie.scenarie_list, name="scenarie-list"),
    path(
        "scenarier/sammenlign/",
        views_scenarie.scenarie_sammenlign,
        name="scenarie-sammenlign",
    ),
    path("scenarier/<int:pk>/", views_scenarie.scenarie_detail, name="scenarie-detail"),
    path(
        "scenarier/<int:pk>/delete/",
        views_scenarie.scenarie_delete,
        name="scenarie-delete",
    ),
    path(
        "scenarier/<int:pk>/kopi/",
        views_scenarie.scenarie_kopi,
        name="scenarie-kopi",
    ),
    path(
        "scenarier/<int:pk>/vedtag/",
        views_scenarie.scenarie_vedtag,
        name="scenarie-vedtag",
    ),
    path(
        "scenarier/<int:pk>/aendringer/<int:aendring_pk>/ret/",
        views_scenarie.scenarie_aendring_update,
        name="scenarie-aendring-update",
    ),
    path(
        "scenarier/<int:pk>/aendringer/<int:aendring_pk>/delete/",
        views_scenarie.scenarie_aendring_delete,
        name="scenarie-aendring-delete",
    ),
]
