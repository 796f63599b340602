"""Issue 13 #3 on the økonomichef's pages: a change of the year's takster takes
"gyldig fra", "Vis virkning" shows the effect per tilbud and in total without
saving, and "Gem ændringen" saves it with the takster from before.

conftest's 2026: timepris_direkte 480.000 / 975,468 = 492,07 kr.; niveau 2 has 3
takstgivende timer: 3 × 492,07 = 1.476,21 kr. pr. døgn. An årsløn of 500.000 kr.
gives 500.000 / 975,468 = 512,57 kr. and niveau 2 3 × 512,57 = 1.537,71 kr.
Anna lives in tilbud A (hybrid) at niveau 2 from 1 February 2026: 334 financed
days (365 − 31).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import Budgetstatus, Maanedstal, MaanedstalAar
from budgets.services import AAR_LAAST
from tariffs.models import Fravaerslinje, Takstniveau, Takstskift, Timeprismodel
from tariffs.services import (
    GYLDIG_FRA_KRAEVES,
    GYLDIG_FRA_UDEN_FOR_AARET,
    timeprismodel_kopier,
)
from tests.factories import BudgetaarFactory
from tests.ui.test_takstniveauer import NIVEAUER, _post_data


def _timepris_data(knap: str, aarsloen: str = "500.000", gyldig_fra: str = "") -> dict:
    return {
        "navn": "Timepris 2026",
        "aarsloen": aarsloen,
        "aarsnorm_timer": "1924",
        "fravaer_ferie_procent": "17",
        "fravaer_egen_sygdom_procent": "5",
        "tidsanvendelse_pauser_procent": "35",
        "gyldig_fra": gyldig_fra,
        knap: "1",
    }


def _post_timepris(client, takstmodel, data):
    url = reverse("tariffs:timepris-update", args=[takstmodel.pk])
    return client.post(url, data)


def _post_niveauer(client, takstmodel, knap: str, takstgivende_2="3,5", dato=""):
    niveauer = [*NIVEAUER]
    niveauer[1] = ("2", "Niveau 2", "2", "4", takstgivende_2)
    data = {**_post_data(niveauer), "gyldig_fra": dato, knap: "1"}
    url = reverse("tariffs:takstmodel-update", args=[takstmodel.pk])
    return client.post(url, data)


def _raekker() -> tuple:
    return (
        Takstskift.objects.count(),
        Timeprismodel.history.count(),
        Fravaerslinje.history.count(),
        Takstniveau.history.count(),
        # the stored monthly figures: no year's version raised, no row rewritten
        tuple(MaanedstalAar.objects.order_by("aar").values_list("aar", "version")),
        tuple(Maanedstal.objects.order_by("pk").values_list("pk", "beregnet")),
    )


@pytest.fixture
def chef(client, oekonomichef):
    client.force_login(oekonomichef)
    return client


# --- Timepris --------------------------------------------------------------------


def test_the_timepris_page_has_a_gyldig_fra_field(chef, takstmodel_2026):
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    assert 'name="gyldig_fra"' in chef.get(url).content.decode()


def test_vis_virkning_shows_each_tilbud_and_the_total_in_danish(
    chef, takstmodel_2026, anna_i_a
):
    # 334 × 1.476,21 = 493.054,14 kr. before; 334 × 1.537,71 = 513.595,14 kr.
    # after (from 1 January); 334 × 61,50 = 20.541,00 kr. more.
    data = _timepris_data("vis_virkning", gyldig_fra="2026-01-01")
    side = _post_timepris(chef, takstmodel_2026, data).content.decode()
    assert "Bofællesskabet Ahorn" in side
    assert 'id="virkning-foer">493.054,14 kr.' in side
    assert 'id="virkning-efter">513.595,14 kr.' in side
    assert 'id="virkning-forskel">+20.541,00 kr.' in side
    assert 'name="gem"' in side  # "Gem ændringen" confirms


def test_vis_virkning_saves_nothing(chef, takstmodel_2026, anna_i_a):
    foer = _raekker()
    data = _timepris_data("vis_virkning", gyldig_fra="2026-07-01")
    assert _post_timepris(chef, takstmodel_2026, data).status_code == 200
    assert _raekker() == foer
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_the_first_page_offers_no_save_before_the_effect_is_shown(
    chef, takstmodel_2026
):
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    side = chef.get(url).content.decode()
    assert 'name="vis_virkning"' in side and 'name="gem"' not in side


def test_gem_aendringen_saves_it_with_the_takster_from_before(chef, takstmodel_2026):
    data = _timepris_data("gem", gyldig_fra="2026-07-01")
    assert _post_timepris(chef, takstmodel_2026, data).status_code == 302
    skift = Takstskift.objects.get()
    assert (skift.gyldig_fra, skift.timepris_direkte) == (
        datetime.date(2026, 7, 1),
        Decimal("492.07"),
    )
    assert skift.servicetakster.get(kode="2").servicetakst == Decimal("1476.21")


def test_a_vedtaget_year_requires_gyldig_fra_on_the_page(chef, takstmodel_2026):
    BudgetaarFactory(aar=2026, status=Budgetstatus.VEDTAGET)
    response = _post_timepris(chef, takstmodel_2026, _timepris_data("gem"))
    assert response.context["form"].errors["gyldig_fra"] == [
        GYLDIG_FRA_KRAEVES.format(aar=2026)
    ]
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_gyldig_fra_outside_the_year_is_shown_on_the_field(chef, takstmodel_2026):
    data = _timepris_data("vis_virkning", gyldig_fra="2027-02-01")
    response = _post_timepris(chef, takstmodel_2026, data)
    assert response.context["form"].errors["gyldig_fra"] == [
        GYLDIG_FRA_UDEN_FOR_AARET.format(aar=2026)
    ]
    assert response.context["virkning"] is None


def test_a_lukket_year_refuses_the_save_in_danish(chef, takstmodel_2026):
    BudgetaarFactory(aar=2026, status=Budgetstatus.LUKKET)
    data = _timepris_data("gem", gyldig_fra="2026-07-01")
    response = _post_timepris(chef, takstmodel_2026, data)
    assert AAR_LAAST.format(aar=2026) in response.content.decode()
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_a_lukket_year_offers_no_change(chef, takstmodel_2026):
    BudgetaarFactory(aar=2026, status=Budgetstatus.LUKKET)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    assert 'name="vis_virkning"' not in chef.get(url).content.decode()


def test_raadgiver_may_not_see_the_effect(client, raadgiver, takstmodel_2026):
    client.force_login(raadgiver)
    data = _timepris_data("vis_virkning", gyldig_fra="2026-07-01")
    assert _post_timepris(client, takstmodel_2026, data).status_code == 403


# --- Takstniveauer ---------------------------------------------------------------


def test_vis_virkning_of_a_level_change_shows_the_total(
    chef, takstmodel_2026, anna_i_a
):
    # Niveau 2 at 3,5 timer: 3,5 × 492,07 = 1.722,245 → 1.722,25 kr.; 334 days ×
    # (1.722,25 − 1.476,21 = 246,04) = 82.177,36 kr. more.
    response = _post_niveauer(chef, takstmodel_2026, "vis_virkning", dato="2026-01-01")
    assert 'id="virkning-forskel">+82.177,36 kr.' in response.content.decode()


def test_vis_virkning_of_a_level_change_saves_nothing(chef, takstmodel_2026, anna_i_a):
    foer = _raekker()
    _post_niveauer(chef, takstmodel_2026, "vis_virkning", dato="2026-07-01")
    assert _raekker() == foer
    assert Takstniveau.objects.get(kode="2").takstgivende == 3


def test_gem_aendringen_of_levels_stores_the_old_servicetakst(chef, takstmodel_2026):
    response = _post_niveauer(chef, takstmodel_2026, "gem", dato="2026-07-01")
    assert response.status_code == 302
    skift = Takstskift.objects.get()
    assert skift.servicetakster.get(kode="2").servicetakst == Decimal("1476.21")
    assert Takstniveau.objects.get(kode="2").takstgivende == Decimal("3.5")


def test_a_vedtaget_year_requires_gyldig_fra_for_levels(chef, takstmodel_2026):
    BudgetaarFactory(aar=2026, status=Budgetstatus.VEDTAGET)
    response = _post_niveauer(chef, takstmodel_2026, "gem")
    assert response.context["aendring"].errors["gyldig_fra"] == [
        GYLDIG_FRA_KRAEVES.format(aar=2026)
    ]
    assert Takstniveau.objects.get(kode="2").takstgivende == 3


def test_level_gyldig_fra_outside_the_year_is_shown_on_the_field(chef, takstmodel_2026):
    response = _post_niveauer(chef, takstmodel_2026, "gem", dato="2025-12-31")
    assert response.context["aendring"].errors["gyldig_fra"] == [
        GYLDIG_FRA_UDEN_FOR_AARET.format(aar=2026)
    ]


def test_a_lukket_year_refuses_a_level_change(chef, takstmodel_2026):
    BudgetaarFactory(aar=2026, status=Budgetstatus.LUKKET)
    response = _post_niveauer(chef, takstmodel_2026, "gem", dato="2026-07-01")
    assert response.context["formset"].non_form_errors() == [AAR_LAAST.format(aar=2026)]
    assert Takstniveau.objects.get(kode="2").takstgivende == 3


# --- Issue 17: a tilbud's own timeprismodel is dated the same way -----------------


def _egen(oekonomichef, takstmodel) -> Timeprismodel:
    return timeprismodel_kopier(
        acting_user=oekonomichef, kilde=takstmodel.timeprismodel, navn="Egen 2026"
    )


def _post_egen(client, model, data):
    url = reverse("tariffs:timeprismodel-egen", args=[model.pk])
    return client.post(url, {**data, "navn": model.navn})


def test_an_own_models_page_saves_the_change_dated(chef, oekonomichef, takstmodel_2026):
    """The copy prices as the takstmodel's (492,07 kr., niveau 2 1.476,21 kr.);
    its takster before 1 July are stored under its own name."""
    egen = _egen(oekonomichef, takstmodel_2026)
    data = _timepris_data("gem", gyldig_fra="2026-07-01")
    assert _post_egen(chef, egen, data).status_code == 302
    skift = Takstskift.objects.get()
    assert (skift.timeprismodel, skift.timepris_direkte) == (egen, Decimal("492.07"))
    assert skift.servicetakster.get(kode="2").servicetakst == Decimal("1476.21")


def test_an_own_model_in_a_vedtaget_year_requires_gyldig_fra(
    chef, oekonomichef, takstmodel_2026
):
    egen = _egen(oekonomichef, takstmodel_2026)
    BudgetaarFactory(aar=2026, status=Budgetstatus.VEDTAGET)
    response = _post_egen(chef, egen, _timepris_data("gem"))
    assert response.context["form"].errors["gyldig_fra"] == [
        GYLDIG_FRA_KRAEVES.format(aar=2026)
    ]
    egen.refresh_from_db()
    assert egen.aarsloen == Decimal("480000")
