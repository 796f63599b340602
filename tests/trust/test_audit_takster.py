"""Issue 13 #3: the history shows the old and new value of every changed field of
the timeprismodel, its fravær and tidsanvendelse lines and the takstniveauer."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tariffs.models import Timeprismodel
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL


def _gem_timepris(user, model: Timeprismodel, **aendret) -> None:
    felter = {
        "aarsloen": model.aarsloen,
        "aarsnorm_timer": model.aarsnorm_timer,
        "fravaer": FRAVAER_EKSEMPEL,
        "tidsanvendelse": TIDSANVENDELSE_EKSEMPEL,
        **aendret,
    }
    timeprismodel_save(
        acting_user=user,
        timeprismodel=model,
        aar=model.aar,
        navn=model.navn,
        **felter,
    )


def _historik(client, model: str) -> str:
    return client.get(reverse("historik"), {"model": model}).content.decode()


@pytest.fixture
def chef(client, oekonomichef):
    client.force_login(oekonomichef)
    return client


def test_a_changed_sick_leave_shows_old_and_new_procent(
    chef, oekonomichef, takstmodel_2026
):
    fravaer = [FRAVAER_EKSEMPEL[0], {"kategori": "egen_sygdom", "procent": "6"}]
    _gem_timepris(oekonomichef, takstmodel_2026.timeprismodel, fravaer=fravaer)
    assert "procent: 5 → 6" in _historik(chef, "fravaerslinje")


def test_a_changed_tidsanvendelse_line_shows_old_and_new_value(
    chef, oekonomichef, takstmodel_2026
):
    tidsanvendelse = [{"kategori": "pauser", "procent": Decimal("33.5")}]
    _gem_timepris(
        oekonomichef, takstmodel_2026.timeprismodel, tidsanvendelse=tidsanvendelse
    )
    assert "procent: 35 → 33,5" in _historik(chef, "tidsanvendelseslinje")


def test_a_line_changed_from_procent_to_timer_shows_both_fields(
    chef, oekonomichef, takstmodel_2026
):
    fravaer = [FRAVAER_EKSEMPEL[0], {"kategori": "egen_sygdom", "timer": "80"}]
    _gem_timepris(oekonomichef, takstmodel_2026.timeprismodel, fravaer=fravaer)
    side = _historik(chef, "fravaerslinje")
    assert "timer pr. år: – → 80" in side and "procent: 5 → –" in side


def test_a_changed_aarsloen_shows_old_and_new_value(
    chef, oekonomichef, takstmodel_2026
):
    _gem_timepris(
        oekonomichef, takstmodel_2026.timeprismodel, aarsloen=Decimal("500000")
    )
    assert "årsløn inkl. pension: 480.000 → 500.000" in _historik(chef, "timeprismodel")


def test_a_change_of_lines_only_leaves_no_empty_timeprismodel_row(
    oekonomichef, takstmodel_2026
):
    model = takstmodel_2026.timeprismodel
    foer = model.history.count()
    fravaer = [FRAVAER_EKSEMPEL[0], {"kategori": "egen_sygdom", "procent": "6"}]
    _gem_timepris(oekonomichef, model, fravaer=fravaer)
    assert model.history.count() == foer


def test_a_changed_takstniveau_shows_old_and_new_takstgivende(
    chef, oekonomichef, takstmodel_2026
):
    niveauer = [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": n.nedre,
            "oevre": n.oevre,
            "takstgivende": Decimal("3.5") if n.kode == "2" else n.takstgivende,
            "saertakst": n.saertakst,
        }
        for n in takstmodel_2026.niveauer.order_by("raekkefoelge")
    ]
    takstmodel_save(
        acting_user=oekonomichef,
        takstmodel=takstmodel_2026,
        aar=2026,
        navn=takstmodel_2026.navn,
        enhed=takstmodel_2026.enhed,
        timeprismodel=takstmodel_2026.timeprismodel,
        niveauer=niveauer,
    )
    side = _historik(chef, "takstniveau")
    assert "takstgivende timer: 3 → 3,5" in side
    # Only niveau 2 changed: one "Ændret" row, not one per level.
    assert side.count("<td>Ændret</td>") == 1


def test_a_new_level_order_shows_old_and_new_raekkefoelge(
    chef, oekonomichef, takstmodel_2026
):
    niveauer = [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": n.nedre,
            "oevre": n.oevre,
            "takstgivende": n.takstgivende,
            "saertakst": n.saertakst,
        }
        for n in takstmodel_2026.niveauer.order_by("raekkefoelge")
    ]
    niveauer = [niveauer[3], *niveauer[:3]]  # the særtakst first
    takstmodel_save(
        acting_user=oekonomichef,
        takstmodel=takstmodel_2026,
        aar=2026,
        navn=takstmodel_2026.navn,
        enhed=takstmodel_2026.enhed,
        timeprismodel=takstmodel_2026.timeprismodel,
        niveauer=niveauer,
    )
    side = _historik(chef, "takstniveau")
    assert "rækkefølge: 4 → 1" in side and "rækkefølge: 1 → 2" in side
    assert "1001" not in side  # the temporary order never shows


@pytest.mark.parametrize("model", ["fravaerslinje", "tidsanvendelseslinje"])
def test_the_lines_have_a_history_page(chef, takstmodel_2026, model):
    assert chef.get(reverse("historik"), {"model": model}).status_code == 200
