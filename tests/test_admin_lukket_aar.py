"""Issue 13 #2: the admin refuses every save or delete that would move a lukket
year's figures, with the Danish message, and writes nothing.

``lukket_2025`` (tests/conftest.py): 2025 lukket, 2026 a forslag; Bent lives in
tilbud A from 1 March 2025 at niveau 2.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.models import (
    Budgetaar,
    FastUdgift,
    Forbrug,
    LeveretTid,
    Rammeforudsaetning,
)
from offers.models import Annullering, Borger, Indplacering, Ophold, Tilbud
from tariffs.lukkede_aar import AAR_LAAST, AAR_LAAST_FRA
from tariffs.models import Takstmodel, Takstniveau, Timeprismodel

D = datetime.date
LAAST_2025 = AAR_LAAST.format(aar=2025)


def _fra(dato: str) -> str:
    return AAR_LAAST_FRA.format(aar=2025, dato=dato, fra="01.01.2026")


def _vaerdi(v) -> object:
    if v is None:
        return ""
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def _formdata(response) -> dict:
    """What the admin's change page would post back unchanged: the form and
    every inline formset (with its management form)."""
    data = {}
    form = response.context["adminform"].form
    formularer = [form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(
            {
                formset.management_form.add_prefix(k): v
                for k, v in formset.management_form.initial.items()
            }
        )
        formularer.extend(formset.forms)
    for f in formularer:
        for navn in f.fields:
            vaerdi = f[navn].value()
            if vaerdi is False:
                continue  # an unticked checkbox is not posted
            data[f.add_prefix(navn)] = "on" if vaerdi is True else _vaerdi(vaerdi)
    return data


def _ret(admin_client, obj, **aendret):
    meta = obj._meta
    url = f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"
    return admin_client.post(url, {**_formdata(admin_client.get(url)), **aendret})


def _slet(admin_client, obj):
    meta = obj._meta
    url = f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/delete/"
    return admin_client.post(url, {"post": "yes"})


def _fejl(response) -> list[str]:
    return response.context["adminform"].form.non_field_errors()


@pytest.fixture
def fast_2025(lukket_2025, tilbud_a):
    return FastUdgift.objects.create(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get(aar=2025),
        kategori="ledelse",
        beloeb=Decimal("1000000"),
    )


# --- budgets ---------------------------------------------------------------------


@pytest.fixture
def leveret_2025(lukket_2025, tilbud_a):
    bent = Borger.objects.get(navn="Bent")
    return LeveretTid.objects.create(
        borger=bent, tilbud=tilbud_a, aar=2025, maaned=3, timer=Decimal("11.50")
    )


def test_leveret_tid_of_the_lukket_year_is_not_changed(admin_client, leveret_2025):
    response = _ret(admin_client, leveret_2025, timer="20")
    assert _fejl(response) == [LAAST_2025]
    leveret_2025.refresh_from_db()
    assert leveret_2025.timer == Decimal("11.50")


def test_leveret_tid_of_the_lukket_year_is_not_deleted(admin_client, leveret_2025):
    response = _slet(admin_client, leveret_2025)
    assert LAAST_2025 in response.content.decode()
    assert LeveretTid.objects.filter(pk=leveret_2025.pk).exists()


def test_a_fast_udgift_of_the_lukket_year_is_not_changed(admin_client, fast_2025):
    response = _ret(admin_client, fast_2025, beloeb="2000000")
    assert _fejl(response) == [LAAST_2025]
    fast_2025.refresh_from_db()
    assert fast_2025.beloeb == Decimal("1000000")


def test_a_fast_udgift_cannot_be_moved_into_the_lukket_year(
    admin_client, faste_a, lukket_2025
):
    aar_2025 = Budgetaar.objects.get(aar=2025)
    response = _ret(admin_client, faste_a, budgetaar=aar_2025.pk)
    assert _fejl(response) == [LAAST_2025]
    assert FastUdgift.objects.get(pk=faste_a.pk).budgetaar.aar == 2026


def test_a_fast_udgift_of_the_lukket_year_is_not_deleted(admin_client, fast_2025):
    response = _slet(admin_client, fast_2025)
    assert LAAST_2025 in response.content.decode()
    assert FastUdgift.objects.filter(pk=fast_2025.pk).exists()


def test_a_ramme_is_not_added_to_the_lukket_year(admin_client, tilbud_a, lukket_2025):
    data = {
        "tilbud": tilbud_a.pk,
        "budgetaar": Budgetaar.objects.get(aar=2025).pk,
        "rammebeloeb": "1000000",
        "dimensioneret_pladser": "8",
        "tillaeg_pr_borger_pr_maaned": "0",
        "forventede_borgere": "8",
        "timer_pr_borger_pr_doegn": "2",
    }
    response = admin_client.post("/admin/budgets/rammeforudsaetning/add/", data)
    assert _fejl(response) == [LAAST_2025]
    assert not Rammeforudsaetning.objects.exists()


def test_the_delete_action_leaves_forbrug_of_the_lukket_year(
    admin_client, tilbud_a, lukket_2025
):
    forbrug = Forbrug.objects.create(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get(aar=2025),
        maaned=3,
        art="loen",
        beloeb=Decimal("1000"),
    )
    response = admin_client.post(
        "/admin/budgets/forbrug/",
        {"action": "delete_selected", "_selected_action": [forbrug.pk], "post": "yes"},
    )
    assert LAAST_2025 in response.content.decode()
    assert Forbrug.objects.filter(pk=forbrug.pk).exists()


def test_the_lukket_budget_year_itself_is_not_deleted(admin_client, lukket_2025):
    response = _slet(admin_client, Budgetaar.objects.get(aar=2025))
    assert LAAST_2025 in response.content.decode()
    assert Budgetaar.objects.get(aar=2025).status == "lukket"


# --- offers ----------------------------------------------------------------------


def test_an_afgang_in_the_lukket_year_is_not_saved(admin_client, lukket_2025):
    response = _ret(admin_client, lukket_2025, afgang="2025-11-30")
    assert _fejl(response) == [_fra("30.11.2025")]
    assert Ophold.objects.get(pk=lukket_2025.pk).afgang is None


def test_an_afgang_after_the_lukket_year_is_saved(admin_client, lukket_2025):
    response = _ret(admin_client, lukket_2025, afgang="2026-01-31")
    assert response.status_code == 302
    assert Ophold.objects.get(pk=lukket_2025.pk).afgang == D(2026, 1, 31)


def test_a_stay_in_the_lukket_year_is_not_deleted(admin_client, lukket_2025):
    response = _slet(admin_client, lukket_2025)
    assert _fra("01.03.2025") in response.content.decode()
    assert Ophold.objects.filter(pk=lukket_2025.pk).exists()


def test_a_level_in_the_lukket_year_is_not_changed(admin_client, lukket_2025):
    indplacering = lukket_2025.indplaceringer.get()
    niveau_3 = indplacering.takstniveau.takstmodel.niveauer.get(kode="3")
    response = _ret(admin_client, indplacering, takstniveau=niveau_3.pk)
    assert _fejl(response) == [_fra("01.03.2025")]
    assert Indplacering.objects.get(pk=indplacering.pk).takstniveau.kode == "2"


def test_a_tilbud_with_figures_in_the_lukket_year_is_not_deleted(
    admin_client, tilbud_b, lukket_2025
):
    # No stay protects tilbud B, but its 2025 faste udgifter would go with it.
    FastUdgift.objects.create(
        tilbud=tilbud_b,
        budgetaar=Budgetaar.objects.get(aar=2025),
        kategori="ledelse",
        beloeb=Decimal("1000000"),
    )
    response = _slet(admin_client, tilbud_b)
    assert LAAST_2025 in response.content.decode()
    assert Tilbud.objects.filter(pk=tilbud_b.pk).exists()


def test_a_borger_with_a_stay_in_the_lukket_year_is_not_deleted(
    admin_client, lukket_2025
):
    response = _slet(admin_client, lukket_2025.borger)
    assert _fra("01.03.2025") in response.content.decode()
    assert Borger.objects.filter(pk=lukket_2025.borger_id).exists()


def test_an_annulment_in_the_lukket_year_is_not_deleted(
    admin_client, lukket_2025, raadgiver
):
    annullering = Annullering.objects.create(
        borger=lukket_2025.borger,
        haendelse="afgang",
        ophold=lukket_2025,
        begrundelse="Forkert dato.",
        registreret=D(2025, 6, 1),
        annulleret_af=raadgiver,
        dato=D(2025, 5, 1),
    )
    response = _slet(admin_client, annullering)
    assert _fra("01.05.2025") in response.content.decode()
    assert Annullering.objects.filter(pk=annullering.pk).exists()


# --- tariffs ---------------------------------------------------------------------


def test_the_lukket_years_timeprismodel_is_not_changed(admin_client, lukket_2025):
    model = Timeprismodel.objects.get(aar=2025)
    response = _ret(admin_client, model, aarsloen="500000")
    assert _fejl(response) == [LAAST_2025]
    assert Timeprismodel.objects.get(pk=model.pk).aarsloen == 480000


def test_the_lukket_years_takstmodel_is_not_changed(admin_client, lukket_2025):
    model = Takstmodel.objects.get(aar=2025)
    response = _ret(admin_client, model, navn="Ny")
    assert _fejl(response) == [LAAST_2025]
    assert Takstmodel.objects.get(pk=model.pk).navn == "Takstmodel 2025"


def test_a_level_of_the_lukket_year_is_not_changed(admin_client, lukket_2025):
    niveau = Takstniveau.objects.get(takstmodel__aar=2025, kode="1")
    response = _ret(admin_client, niveau, takstgivende="1.5")
    assert _fejl(response) == [LAAST_2025]
    assert Takstniveau.objects.get(pk=niveau.pk).takstgivende == 1


def test_the_lukket_years_takstmodel_is_not_deleted(admin_client, lukket_2025):
    model = Takstmodel.objects.get(aar=2025)
    response = _slet(admin_client, model)
    assert LAAST_2025 in response.content.decode()
    assert Takstmodel.objects.filter(pk=model.pk).exists()
