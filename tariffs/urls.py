from django.urls import path

from tariffs import views

app_name = "tariffs"
urlpatterns = [
    path("", views.takstmodel_list, name="takstmodel-list"),
    path("<int:pk>/timepris/", views.timeprismodel_update, name="timepris-update"),
    path("<int:pk>/niveauer/", views.takstmodel_update, name="takstmodel-update"),
    path("<int:pk>/timepris/ny/", views.timeprismodel_ny, name="timeprismodel-ny"),
    path(
        "timeprismodel/<int:pk>/",
        views.timeprismodel_egen_update,
        name="timeprismodel-egen",
    ),
    path(
        "timeprismodel/<int:pk>/slet/",
        views.timeprismodel_slet_side,
        name="timeprismodel-slet",
    ),
]
