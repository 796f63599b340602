"""Issue 17: the økonomichef deletes an own timeprismodel without the admin.

Only one no tilbud has chosen and that is not the takstmodel's: then nothing it
priced is left and no figure moves. A lukket year keeps its models.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.models import Budgetaar, Budgetstatus
from tariffs.lukkede_aar import AarLaast
from tariffs.models import Fravaerslinje, Timeprismodel
from tariffs.services import timeprismodel_kopier, timeprismodel_slet
from tests.api.conftest import client_for
from tests.conftest import vaelg_timeprismodel as _vaelg


@pytest.fixture
def egen(takstmodel_2026, oekonomichef) -> Timeprismodel:
    return timeprismodel_kopier(
        acting_user=oekonomichef,
        kilde=takstmodel_2026.timeprismodel,
        navn="Bostøtte 2026",
    )


def test_the_page_deletes_an_unused_model_with_its_lines(egen, oekonomichef):
    client = client_for(oekonomichef)
    url = reverse("tariffs:timeprismodel-slet", args=[egen.pk])
    side = client.get(url)
    assert side.status_code == 200
    assert "Slet timeprismodellen Bostøtte 2026" in side.content.decode()

    svar = client.post(url)

    assert svar.status_code == 302
    assert svar.url == reverse("tariffs:takstmodel-list")
    assert not Timeprismodel.objects.filter(pk=egen.pk).exists()
    assert not Fravaerslinje.objects.filter(timeprismodel_id=egen.pk).exists()
    # The history keeps who deleted it.
    slettet = Timeprismodel.history.filter(id=egen.pk, history_type="-").get()
    assert slettet.history_user == oekonomichef


def test_a_model_a_tilbud_has_chosen_is_kept_with_a_danish_message(
    egen, tilbud_b, oekonomichef
):
    _vaelg(tilbud_b, egen, oekonomichef)
    client = client_for(oekonomichef)

    svar = client.post(reverse("tariffs:timeprismodel-slet", args=[egen.pk]))

    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert "bruges af" in tekst and tilbud_b.navn in tekst
    assert "kan ikke slettes" in tekst
    assert Timeprismodel.objects.filter(pk=egen.pk).exists()


def test_the_takstmodels_model_is_never_deleted(takstmodel_2026, oekonomichef):
    with pytest.raises(ValidationError, match="takstmodellens"):
        timeprismodel_slet(
            acting_user=oekonomichef, model=takstmodel_2026.timeprismodel
        )
    assert Timeprismodel.objects.filter(pk=takstmodel_2026.timeprismodel_id).exists()


def test_a_lukket_years_model_is_kept(egen, oekonomichef):
    Budgetaar.objects.update_or_create(
        aar=2026, defaults={"status": Budgetstatus.LUKKET}
    )
    with pytest.raises(AarLaast):
        timeprismodel_slet(acting_user=oekonomichef, model=egen)
    assert Timeprismodel.objects.filter(pk=egen.pk).exists()


def test_only_oekonomi_may_delete(egen, leder_a, raadgiver):
    url = reverse("tariffs:timeprismodel-slet", args=[egen.pk])
    for bruger in (leder_a, raadgiver):
        assert client_for(bruger).post(url).status_code == 403
    assert Timeprismodel.objects.filter(pk=egen.pk).exists()


def test_the_own_models_page_links_to_the_deletion(egen, oekonomichef, leder_a):
    url = reverse("tariffs:timeprismodel-egen", args=[egen.pk])
    slet = reverse("tariffs:timeprismodel-slet", args=[egen.pk])
    assert slet in client_for(oekonomichef).get(url).content.decode()
    assert slet not in client_for(leder_a).get(url).content.decode()


def test_the_page_answers_a_lukket_year_in_danish(egen, oekonomichef):
    Budgetaar.objects.update_or_create(
        aar=2026, defaults={"status": Budgetstatus.LUKKET}
    )
    svar = client_for(oekonomichef).post(
        reverse("tariffs:timeprismodel-slet", args=[egen.pk])
    )
    assert svar.status_code == 200
    assert "Budgetåret 2026 er lukket" in svar.content.decode()
    assert Timeprismodel.objects.filter(pk=egen.pk).exists()
