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


@pytest.mark.django_db
def test_a_scenario_is_renamed_in_the_admin_and_its_changes_only_shown(
    admin_client, oekonomichef, tilbud_a, takstmodel_2026
):
    """A change's value is checked by the service against the year's data; the
    admin shows it read-only, so it cannot store one the result page would fail on."""
    from tests.scenarier import flere_pladser

    scenario, aendring = flere_pladser(oekonomichef, tilbud_a)
    url = f"/admin/budgets/scenario/{scenario.pk}/change/"
    side = admin_client.get(url).content.decode()
    assert 'name="aendringer-0-vaerdi"' not in side  # read-only, not a field
    assert "Tilføj endnu en" not in side
    data = {
        "navn": "Ti pladser i Ahorn",
        "aendringer-TOTAL_FORMS": "1",
        "aendringer-INITIAL_FORMS": "1",
        "aendringer-MIN_NUM_FORMS": "0",
        "aendringer-MAX_NUM_FORMS": "1000",
        "aendringer-0-id": str(scenario.aendringer.get().pk),
        "aendringer-0-scenario": str(scenario.pk),
    }
    assert admin_client.post(url, data).status_code == 302
    scenario.refresh_from_db()
    assert scenario.navn == "Ti pladser i Ahorn"
    assert scenario.aendringer.get().vaerdi["pladser"] == 10
    assert admin_client.get("/admin/budgets/scenario/add/").status_code == 403
