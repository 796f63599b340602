"""Issue 17 on the økonomichef's pages: tiers, salary items and time use per
fremmødeuge/-dag typed in the timepris form, shown on the takstmodel page, the
takstblad (and its Excel) and the explanation of a budget figure.

The form below gives conftest's 2026 model (DOMAIN.md §2: fremmøde 1.500,72 t)
vikar 12.000 and dagpengerefusion −8.000: løn 480.000 + 4.000 = 484.000 kr.;
pauser 0,5 t pr. fremmødedag: 1.500,72 / 37 = 40,56 uger × 5 = 202,8 dage
× 0,5 = 101,4 t; direkte 1.500,72 − 101,4 = 1.399,32 t;
timepris_direkte 484.000 / 1.399,32 = 345,8823… -> 345,88 kr.
Tier niveau 2+ at 62 %: 1.500,72 × 0,62 = 930,4464 t;
484.000 / 930,4464 = 520,1803… -> 520,18 kr.; niveau 2 (3 t) = 1.560,54 kr.
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from tariffs.models import Loenpost, Timeprisgruppe
from tariffs.selectors import servicetakster_for, takstmodel_for_aar

FORM = {
    "navn": "Timepris 2026",
    "aarsloen": "480.000",
    "aarsnorm_timer": "1924",
    "fravaer_ferie_procent": "17",
    "fravaer_egen_sygdom_procent": "5",
    "tidsanvendelse_pauser_timer_pr_dag": "0,5",
    "loenpost_vikar": "12.000",
    "loenpost_dagpengerefusion": "-8.000",
    "gruppe_0_fra": "2",
    "gruppe_0_direkte_procent": "62",
    "gem": "1",
}


def _tekst(response) -> str:
    return response.content.decode()


@pytest.fixture
def gemt(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    return client.post(url, FORM)


def test_the_form_saves_the_tier(gemt):
    assert gemt.status_code == 302
    assert [(g.fra, g.til) for g in Timeprisgruppe.objects.all()] == [(2, None)]


def test_the_form_saves_the_salary_items(gemt):
    assert {p.kategori: p.beloeb for p in Loenpost.objects.all()} == {
        "vikar": Decimal("12000"),
        "dagpengerefusion": Decimal("-8000"),
    }


def test_the_form_prices_the_tiers_levels(gemt):
    # niveau 1 (no tier): 1 t × 345,88; niveau 2: 3 t × 520,18 = 1.560,54
    takster = servicetakster_for(takstmodel_for_aar(2026))
    assert (takster["1"], takster["2"]) == (Decimal("345.88"), Decimal("1560.54"))


def test_the_form_shows_each_tiers_timepris(client, gemt, takstmodel_2026):
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    side = _tekst(client.get(url))
    assert "Timepris niveau 2+" in side and "520,18 kr." in side


def test_beregn_shows_the_tier_without_saving(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    data = {k: v for k, v in FORM.items() if k != "gem"}
    side = _tekst(client.post(url, {**data, "beregn": "1"}))
    assert "520,18 kr." in side
    assert not Timeprisgruppe.objects.exists()


def test_a_positive_dagpengerefusion_is_a_danish_form_error(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    side = _tekst(client.post(url, {**FORM, "loenpost_dagpengerefusion": "8.000"}))
    assert "Dagpengerefusion skal være negativ" in side
    assert not Loenpost.objects.exists()


def test_a_line_in_two_forms_is_a_danish_form_error(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    data = {**FORM, "tidsanvendelse_pauser_procent": "35"}
    assert "Angiv linjen på én måde" in _tekst(client.post(url, data))


def test_the_takstmodel_page_lists_the_levels_of_each_tier(
    client, gemt, takstmodel_2026
):
    url = reverse("tariffs:takstmodel-update", args=[takstmodel_2026.pk])
    side = _tekst(client.get(url))
    assert 'id="timepristrin"' in side and "2, 3" in side


def test_the_takstblad_shows_the_tier(client, gemt, tilbud_a, faste_a):
    url = reverse("budgets:takstblad", args=[tilbud_a.pk])
    side = _tekst(client.get(url, {"aar": 2026}))
    assert 'id="timepristrin"' in side and "520,18 kr." in side


def test_the_takstblad_excel_has_the_tier_sheet(client, gemt, tilbud_a, faste_a):
    url = reverse("budgets:takstblad", args=[tilbud_a.pk])
    response = client.get(url, {"aar": 2026, "format": "xlsx"})
    bog = openpyxl.load_workbook(io.BytesIO(response.content))
    ark = bog.worksheets[1]
    # Excel keeps a percent as its fraction: 62 % is 0,62.
    raekke = [c.value for c in ark[2]][:4]
    assert raekke == ["2+", 0.62, pytest.approx(930.4464), 520.18]


def test_the_explanation_of_the_activity_budget_shows_salary_items_and_tiers(
    client, gemt, tilbud_a, faste_a
):
    # Løn i alt 480.000 + 12.000 − 8.000 = 484.000 kr.
    url = reverse("budgets:forklaring", args=[tilbud_a.pk, "aktivitet_oprindeligt"])
    side = _tekst(client.get(url, {"aar": 2026}))
    assert "484.000,00 kr." in side and "520,18 kr." in side


def test_a_changed_tier_shows_on_the_history_page(client, gemt, takstmodel_2026):
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    client.post(url, {**FORM, "gruppe_0_direkte_procent": "63"})
    side = _tekst(client.get(reverse("historik"), {"model": "timeprisgruppe"}))
    assert "62 → 63" in side


def test_a_refund_above_the_salary_is_a_form_error_not_a_500(
    client, oekonomichef, takstmodel_2026
):
    # 480.000 + 12.000 − 500.000 < 0 kr.
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    data = {**FORM, "loenpost_dagpengerefusion": "-500.000", "beregn": "1"}
    del data["gem"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Lønnen i alt (årsløn + lønposter) skal være større end 0." in _tekst(
        response
    )
