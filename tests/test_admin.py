import pytest
from django.apps import apps
from django.contrib import admin

APPS = ["tariffs", "offers", "budgets"]


@pytest.mark.parametrize(
    "model",
    [
        m
        for a in APPS
        for m in apps.get_app_config(a).get_models()
        if not m.__name__.startswith("Historical")
    ],
    ids=lambda m: m.__name__,
)
def test_every_domain_model_is_in_the_admin(model):
    """Registered itself, or edited as an inline of its parent (e.g. døgnskema)."""
    inlines = {i.model for a in admin.site._registry.values() for i in a.inlines}
    assert admin.site.is_registered(model) or model in inlines


@pytest.mark.django_db
def test_admin_changelists_open_for_a_superuser(admin_client):
    for model in admin.site._registry:
        if model._meta.app_label in APPS:
            meta = model._meta
            url = f"/admin/{meta.app_label}/{meta.model_name}/"
            assert admin_client.get(url).status_code == 200, url
