from django.urls import path

from budgets import views_import

app_name = "imports"
urlpatterns = [
    path("", views_import.import_list, name="list"),
    path("<int:pk>/", views_import.import_detail, name="detail"),
    path("<int:pk>/status/", views_import.import_status, name="status"),
    path("<int:pk>/godkend/", views_import.import_godkend, name="godkend"),
    path("<int:pk>/annuller/", views_import.import_annuller, name="annuller"),
    path(
        "takster/<int:aar>/eksport/",
        views_import.takster_eksport,
        name="takster-eksport",
    ),
]
