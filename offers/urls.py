from django.urls import path

from offers import (
    views,
    views_annullering,
    views_progression,
    views_tillaeg,
    views_venteliste,
)

app_name = "offers"
urlpatterns = [
    path("borgere/", views.borger_list, name="borger-list"),
    path("borgere/cpr/", views.borger_cpr_search, name="borger-cpr-search"),
    path("borgere/create/", views.borger_create, name="borger-create"),
    path("borgere/<int:pk>/", views.borger_detail, name="borger-detail"),
    path(
        "borgere/<int:pk>/doegnskema/create/",
        views.doegnskema_create,
        name="doegnskema-create",
    ),
    path("doegnskemaer/<int:pk>/", views.doegnskema_detail, name="doegnskema-detail"),
    path(
        "borgere/<int:pk>/indplacering/create/",
        views.indplacering_create,
        name="indplacering-create",
    ),
    path(
        "borgere/<int:pk>/tilgang/create/", views.tilgang_create, name="tilgang-create"
    ),
    path("borgere/<int:pk>/afgang/create/", views.afgang_create, name="afgang-create"),
    path(
        "borgere/<int:pk>/omplacering/create/",
        views.omplacering_create,
        name="omplacering-create",
    ),
    path(
        "borgere/<int:pk>/betalingskommune/create/",
        views.betalingskommune_create,
        name="betalingskommune-create",
    ),
    path(
        "borgere/<int:pk>/annuller/",
        views_annullering.annullering_create,
        name="annullering-create",
    ),
    path(
        "borgere/<int:pk>/tillaeg/create/",
        views_tillaeg.tillaeg_create_view,
        name="tillaeg-create",
    ),
    path(
        "borgere/<int:pk>/tillaeg/<int:tillaeg_pk>/slut/",
        views_tillaeg.tillaeg_slut_view,
        name="tillaeg-slut",
    ),
    path(
        "borgere/<int:pk>/indplacering/<int:indplacering_pk>/opfoelgning/",
        views_progression.opfoelgning_update_view,
        name="opfoelgning-update",
    ),
    path("tilbud/<int:pk>/", views.tilbud_detail, name="tilbud-detail"),
    path(
        "tilbud/<int:pk>/progression/",
        views_progression.tilbud_progression_view,
        name="tilbud-progression",
    ),
    path(
        "tilbud/<int:pk>/venteliste/",
        views_venteliste.venteliste_list,
        name="venteliste-list",
    ),
    path(
        "tilbud/<int:pk>/venteliste/create/",
        views_venteliste.venteliste_create,
        name="venteliste-create",
    ),
    path(
        "venteliste/<int:pk>/update/",
        views_venteliste.venteliste_update,
        name="venteliste-update",
    ),
    path(
        "venteliste/<int:pk>/delete/",
        views_venteliste.venteliste_delete,
        name="venteliste-delete",
    ),
]
