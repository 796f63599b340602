from django.urls import path

from tariffs import views

app_name = "tariffs"
urlpatterns = [
    path("", views.takstmodel_list, name="takstmodel-list"),
    path("<int:pk>/timepris/", views.timeprismodel_update, name="timepris-update"),
    path("<int:pk>/niveauer/", views.takstmodel_update, name="takstmodel-update"),
]
