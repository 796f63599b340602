"""The leder's and økonomichef's pages show the engine's numbers, Danish style."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.urls import reverse

from budgets.forklaring import regulering_tekst
from budgets.models import Kommentar
from budgets.selectors import (
    aarsgrundlag_for,
    bemanding_for,
    central_for,
    tilbud_resultat,
)
from config.lib.formatting import format_kr, format_tal

IDAG = datetime.date(2026, 6, 30)


def _tekst(response) -> str:
    return response.content.decode()


def test_tilbud_page_shows_the_engine_figures_in_danish_format(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    r = tilbud_resultat(tilbud_a, 2026, IDAG)
    side = _tekst(response)
    assert format_kr(r.noegletal.fast_aar) in side  # "2.900.000,00 kr."
    assert format_kr(r.budget.aktivitet_korrigeret_aar) in side
    assert format_kr(r.noegletal.forventet_regnskab) in side
    assert "1.023,87 kr." in side  # DOMAIN.md §4 worked basistakst


def test_tilbud_page_shows_the_resident_with_level_and_doegntakst(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    # Niveau 2: 1.476,21 servicetakst + 1.023,87 basistakst.
    assert "Anna (010190-xxxx)" in _tekst(response)
    assert "2.500,08 kr." in _tekst(response)


def test_tilbud_page_shows_the_regulation_of_the_tilgang(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    (regulering,) = tilbud_resultat(tilbud_a, 2026, IDAG).budget.ledger
    assert regulering_tekst(regulering) in _tekst(response)


def test_tilbud_page_shows_staffing_from_the_engine(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    r = tilbud_resultat(tilbud_a, 2026, IDAG)
    bemanding = bemanding_for(r, aarsgrundlag_for(2026))
    assert format_tal(bemanding.aarsvaerk, 2) in _tekst(response)


def test_year_selector_defaults_to_the_current_year(
    client, leder_a, tilbud_a, faste_a, idag_2026
):
    client.force_login(leder_a)
    response = client.get(reverse("budgets:tilbud-detail", args=[tilbud_a.pk]))
    assert response.context["aar"] == 2026


def test_monthly_table_exports_real_numbers_to_excel(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    url = reverse("budgets:tilbud-detail", args=[tilbud_a.pk])
    response = client.get(url, {"format": "xlsx"})
    ark = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    r = tilbud_resultat(tilbud_a, 2026, IDAG)
    assert ark["A1"].value == "Måned"
    assert ark["D3"].value == float(r.noegletal.aktivitet_korrigeret[1])  # February
    assert ark["D3"].number_format == "#,##0.00"


def test_comment_is_kept_with_author(client, leder_a, tilbud_a, faste_a, idag_2026):
    client.force_login(leder_a)
    url = reverse("budgets:kommentar-create", args=[tilbud_a.pk])
    response = client.post(url, {"maaned": 3, "tekst": "Ekstra vikarer."}, follow=True)
    kommentar = Kommentar.objects.get()
    assert (kommentar.forfatter, kommentar.maaned) == (leder_a, 3)
    assert "Ekstra vikarer." in _tekst(response)


def test_empty_comment_gives_a_danish_error_and_writes_nothing(
    client, leder_a, tilbud_a, faste_a, idag_2026
):
    client.force_login(leder_a)
    url = reverse("budgets:kommentar-create", args=[tilbud_a.pk])
    response = client.post(url, {"maaned": 3, "tekst": ""}, follow=True)
    assert "Kommentaren blev ikke gemt: Dette felt er påkrævet." in _tekst(response)
    assert not Kommentar.objects.exists()


def test_central_page_shows_the_total_of_the_engine(
    client, oekonomichef, tilbud_a, tilbud_b, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:central"))
    central = central_for(oekonomichef, 2026, IDAG)
    assert format_kr(central.total.total_korrigeret_aar) in _tekst(response)
    assert tilbud_b.navn in _tekst(response)


def test_central_page_sorts_by_a_column(
    client, oekonomichef, tilbud_a, tilbud_b, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    url = reverse("budgets:central")
    params = {"kolonnevalg": "valgt", "kolonner": "pladser"}  # not shown by default
    response = client.get(url, {**params, "sort": "pladser", "retning": "ned"})
    navne = [raekke[0] for raekke in response.context["tabel"].raekker]
    assert navne == [tilbud_b.navn, tilbud_a.navn]  # 12 pladser before 8


def test_central_excel_has_numeric_cells(
    client, oekonomichef, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:central"), {"format": "xlsx"})
    ark = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert isinstance(ark["F2"].value, (int, float))


def test_takstblad_shows_basistakst_servicetakst_and_doegntakst(
    client, oekonomichef, tilbud_a, faste_a, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:takstblad", args=[tilbud_a.pk]))
    side = _tekst(response)
    assert "1.023,87 kr." in side and "1.476,21 kr." in side and "2.500,08 kr." in side
    assert "97,0 %" in side


def test_explanation_of_korrigeret_lists_the_events(
    client, leder_a, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(leder_a)
    url = reverse("budgets:forklaring", args=[tilbud_a.pk, "aktivitet_korrigeret"])
    side = _tekst(client.get(url))
    # The takster it is priced by (niveau 2: 3 h × 492,07 = 1.476,21 kr.), not the
    # whole timeprismodel (issue 15: only what this figure is made of).
    assert "Takstmodel 2026" in side and "1.476,21 kr." in side
    assert "Timepris 2026" not in side
    assert "Anna (010190-xxxx)" in side


def test_what_if_sick_leave_plus_one_shows_the_new_timepris(
    client, oekonomichef, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:hvis"), {"sygefravaer": "1"})
    hvis = response.context["hvis"]
    assert "492,07 kr." in _tekst(response)
    assert format_kr(hvis.timepriser.efter.timepris_direkte) in _tekst(response)
    assert hvis.timepriser.efter.timepris_direkte > Decimal("492.07")


def test_what_if_reprices_each_tilbuds_activity_with_the_new_servicetakst(
    client, oekonomichef, tilbud_a, anna_i_a, idag_2026
):
    client.force_login(oekonomichef)
    hvis = client.get(reverse("budgets:hvis"), {"sygefravaer": "1"}).context["hvis"]
    ((_, foer), (_, efter)) = hvis.tilbud[0]
    (ny_servicetakst,) = [e for kode, _, _, e in hvis.servicetakster if kode == "2"]
    # Anna at niveau 2 from 1 February: 334 days at 1,476.21 kr. before, the new
    # takst after.
    assert foer.aktivitet_korrigeret_aar == 334 * Decimal("1476.21")
    assert (
        efter.aktivitet_korrigeret_aar
        == 334 * ny_servicetakst
        > 334 * Decimal("1476.21")
    )


def test_what_if_with_text_gives_a_danish_error(client, oekonomichef, takstmodel_2026):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:hvis"), {"sygefravaer": "meget"})
    assert "Skriv et tal, fx 1.234,56." in _tekst(response)


def test_timepris_form_shows_every_derived_figure(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    side = _tekst(client.get(url))
    assert "492,07 kr." in side and "319,85 kr." in side and "975,47" in side


def test_timepris_form_keeps_typed_input_on_error(
    client, oekonomichef, takstmodel_2026
):
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    data = {
        "navn": "Timepris 2026",
        "aarsloen": "mange penge",
        "aarsnorm_timer": "1924",
        "gem": "1",
    }
    response = client.post(url, data)
    assert "Skriv et tal, fx 1.234,56." in _tekst(response)
    assert 'value="mange penge"' in _tekst(response)


def test_timepris_form_saves_a_new_sick_leave(client, oekonomichef, takstmodel_2026):
    from tariffs.selectors import timepriser_for

    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    data = {
        "navn": "Timepris 2026",
        "aarsloen": "480.000",
        "aarsnorm_timer": "1924",
        "fravaer_ferie_procent": "17",
        "fravaer_egen_sygdom_procent": "6",
        "tidsanvendelse_pauser_procent": "35",
        "gem": "1",
    }
    client.post(url, data)
    takstmodel_2026.timeprismodel.refresh_from_db()
    assert timepriser_for(takstmodel_2026.timeprismodel).timepris_direkte > Decimal(
        "492.07"
    )
