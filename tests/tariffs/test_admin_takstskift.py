"""Issue 13 #3 in the admin: a change of a year's takster takes gyldig_fra as the
services do, and stores the takster before it.

conftest's 2026: timepris_direkte 480.000 / 975,468 = 492,07 kr.; niveau 2 has
3 takstgivende timer: 3 × 492,07 = 1.476,21 kr. An årsløn of 500.000 kr. gives
500.000 / 975,468 = 512,57 kr.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.models import Budgetstatus
from budgets.services import AAR_LAAST
from tariffs.models import Takstniveau, Takstskift, Timeprismodel
from tariffs.selectors import takstskift_for_aar
from tariffs.services import GYLDIG_FRA_KRAEVES, GYLDIG_FRA_UDEN_FOR_AARET
from tests.factories import BudgetaarFactory


def _linjer(prefix: str, linjer) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": len(linjer),
        f"{prefix}-INITIAL_FORMS": len(linjer),
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for i, linje in enumerate(linjer):
        felter = {
            "id": linje.pk,
            "timeprismodel": linje.timeprismodel_id,
            "kategori": linje.kategori,
            "timer": "" if linje.timer is None else linje.timer,
            "procent": "" if linje.procent is None else linje.procent,
        }
        data.update({f"{prefix}-{i}-{k}": v for k, v in felter.items()})
    return data


def _ret_timepris(admin_client, model: Timeprismodel, **aendret):
    data = {
        "aar": model.aar,
        "navn": model.navn,
        "aarsloen": model.aarsloen,
        "aarsnorm_timer": model.aarsnorm_timer,
        **_linjer("fravaer", list(model.fravaer.all())),
        **_linjer("tidsanvendelse", list(model.tidsanvendelse.all())),
        **aendret,
    }
    url = f"/admin/tariffs/timeprismodel/{model.pk}/change/"
    return admin_client.post(url, data)


@pytest.fixture
def timepris(takstmodel_2026):
    return takstmodel_2026.timeprismodel


def test_admin_stores_the_takster_before_a_dated_change(admin_client, timepris):
    response = _ret_timepris(
        admin_client, timepris, aarsloen="500000", gyldig_fra="2026-07-01"
    )
    assert response.status_code == 302
    (skift,) = takstskift_for_aar(2026)
    assert (skift.gyldig_fra, skift.timepris_direkte, skift.servicetakster["2"]) == (
        datetime.date(2026, 7, 1),
        Decimal("492.07"),
        Decimal("1476.21"),
    )


def test_admin_change_of_a_line_is_a_takst_change_too(admin_client, timepris):
    # egen_sygdom 5 % → 6 %: the line is saved by the inline, after the model.
    data = _linjer("fravaer", list(timepris.fravaer.order_by("kategori")))
    i = next(i for i in range(2) if data[f"fravaer-{i}-kategori"] == "egen_sygdom")
    data[f"fravaer-{i}-procent"] = "6"
    _ret_timepris(admin_client, timepris, gyldig_fra="2026-07-01", **data)
    assert Takstskift.objects.get().timepris_direkte == Decimal("492.07")


def test_admin_requires_gyldig_fra_in_a_vedtaget_year(admin_client, timepris):
    BudgetaarFactory(aar=2026, status=Budgetstatus.VEDTAGET)
    response = _ret_timepris(admin_client, timepris, aarsloen="500000")
    form = response.context["adminform"].form
    assert form.errors["gyldig_fra"] == [GYLDIG_FRA_KRAEVES.format(aar=2026)]
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_admin_refuses_gyldig_fra_outside_the_year(admin_client, timepris):
    response = _ret_timepris(
        admin_client, timepris, aarsloen="500000", gyldig_fra="2025-07-01"
    )
    form = response.context["adminform"].form
    assert form.errors["gyldig_fra"] == [GYLDIG_FRA_UDEN_FOR_AARET.format(aar=2026)]


def test_admin_refuses_a_change_in_a_lukket_year(admin_client, timepris):
    BudgetaarFactory(aar=2026, status=Budgetstatus.LUKKET)
    response = _ret_timepris(
        admin_client, timepris, aarsloen="500000", gyldig_fra="2026-07-01"
    )
    # above the form, as every admin page shows a lukket year (tariffs/admin.py)
    assert response.context["adminform"].form.non_field_errors() == [
        AAR_LAAST.format(aar=2026)
    ]
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_admin_refuses_a_single_level_change_in_a_lukket_year(admin_client, niveau):
    BudgetaarFactory(aar=2026, status=Budgetstatus.LUKKET)
    n = niveau["2"]
    data = {
        "takstmodel": n.takstmodel_id,
        "kode": n.kode,
        "navn": n.navn,
        "raekkefoelge": n.raekkefoelge,
        "nedre": n.nedre,
        "oevre": n.oevre,
        "takstgivende": "3.5",
        "ydelsesbeskrivelse": "",
    }
    response = admin_client.post(f"/admin/tariffs/takstniveau/{n.pk}/change/", data)
    assert AAR_LAAST.format(aar=2026) in response.content.decode()
    assert Takstniveau.objects.get(pk=n.pk).takstgivende == 3


def test_admin_shows_a_takstaendring_but_never_changes_it(admin_client, timepris):
    _ret_timepris(admin_client, timepris, aarsloen="500000", gyldig_fra="2026-07-01")
    skift = Takstskift.objects.get()
    assert (
        admin_client.get(f"/admin/tariffs/takstskift/{skift.pk}/change/").status_code
        == 200
    )
    response = admin_client.get(f"/admin/tariffs/takstskift/{skift.pk}/delete/")
    assert response.status_code == 403
