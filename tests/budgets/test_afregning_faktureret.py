"""An invoiced month never moves (issue 18): its lines are stored with the mark,
and a later difference is an efterregulering in the next un-invoiced month.

Figures from tests/afregning_data.py: level 1 døgntakst 1,515.94 kr., level 2
2,500.08 kr. Anna (751) lives in tilbud A at level 2 from 10 March 2026, afgang
20 August.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from budgets.engine.afregning import Afregningslinje, efterregulering
from budgets.models import AfregningFaktureretLinje
from budgets.selectors.faktureret import efterregulering_af, opgoerelse_for
from budgets.services.afregning import (
    afregning_faktureret_fjern,
    afregning_faktureret_marker,
)
from offers import services
from offers.services.betalingskommune import betalingskommune_set
from offers.services.tillaeg import tillaeg_create
from tests.afregning_data import D, solgte_pladser
from tests.api.conftest import client_for


@pytest.fixture
def solgt(tilbud_a, faste_a, niveau, raadgiver):
    return solgte_pladser(tilbud_a, niveau, raadgiver)


def _marker(kode, aar, maaned, user):
    return afregning_faktureret_marker(
        kommunekode=kode, aar=aar, maaned=maaned, acting_user=user
    )


@pytest.fixture
def april_faktureret_saa_niveau_1(solgt, niveau, raadgiver, oekonomichef):
    """April invoiced to 751 (30 × 2,500.08 = 75,002.40), then Anna's level 1
    from 11 April registered on 3 May."""
    _marker("751", 2026, 4, oekonomichef)
    services.indplacering_create(
        borger=solgt["anna"].borger,
        gyldig_fra=D(2026, 4, 11),
        takstniveau=niveau["1"],
        begrundelse="Mindre behov efter genvurdering.",
        registreret=D(2026, 5, 3),
        acting_user=raadgiver,
    )


def test_marking_stores_the_months_lines(solgt, oekonomichef):
    # March: 10-31 March = 22 × 2,500.08 = 55,001.76 kr.
    mark = _marker("751", 2026, 3, oekonomichef)
    (linje,) = mark.linjer.all()
    assert (linje.fra, linje.til, linje.dage) == (D(2026, 3, 10), D(2026, 3, 31), 22)
    assert (linje.basistakst + linje.servicetakst, linje.beloeb) == (
        Decimal("2500.08"),
        Decimal("55001.76"),
    )
    assert "010190-xxxx" in linje.borger


def test_an_invoiced_month_keeps_its_lines_after_a_late_level_change(
    april_faktureret_saa_niveau_1, oekonomichef
):
    k = opgoerelse_for(2026, 4, oekonomichef).kommune("751")
    assert k.faktureret
    assert [(li.niveau_kode, li.dage) for li in k.linjer] == [("2", 30)]
    assert k.beloeb == Decimal("75002.40")


def test_the_invoiced_month_shows_how_much_a_recomputation_differs(
    april_faktureret_saa_niveau_1, oekonomichef
):
    # Now: 1-10 April 10 × 2,500.08 = 25,000.80 + 11-30 April 20 × 1,515.94 =
    # 30,318.80 = 55,319.60; invoiced 75,002.40; difference −19,682.80
    # (= 20 × (2,500.08 − 1,515.94) = 20 × 984.14).
    assert efterregulering_af("751", 2026, 4, oekonomichef) == Decimal("-19682.80")


def test_the_difference_is_invoiced_in_the_next_uninvoiced_month(
    april_faktureret_saa_niveau_1, oekonomichef
):
    # May: 31 × 1,515.94 = 46,994.14 + Efterregulering af april 2026 −19,682.80
    # = 27,311.34 kr.
    k = opgoerelse_for(2026, 5, oekonomichef).kommune("751")
    assert k.beloeb_linjer == Decimal("46994.14")
    (e,) = k.efterreguleringer
    assert (e.aar, e.maaned, e.beloeb) == (2026, 4, Decimal("-19682.80"))
    assert k.beloeb == Decimal("27311.34")


def test_an_invoiced_efterregulering_is_not_invoiced_again(
    april_faktureret_saa_niveau_1, oekonomichef
):
    mark = _marker("751", 2026, 5, oekonomichef)
    stored = mark.linjer.get(reguleret_aar=2026)
    assert (stored.reguleret_maaned, stored.beloeb) == (4, Decimal("-19682.80"))
    # June: 30 × 1,515.94 = 45,478.20 kr. and nothing more.
    k = opgoerelse_for(2026, 6, oekonomichef).kommune("751")
    assert (k.efterreguleringer, k.beloeb) == ((), Decimal("45478.20"))
    assert efterregulering_af("751", 2026, 4, oekonomichef) == 0


def test_a_month_regulated_later_cannot_be_unmarked(
    april_faktureret_saa_niveau_1, oekonomichef
):
    _marker("751", 2026, 5, oekonomichef)
    with pytest.raises(ValidationError) as err:
        afregning_faktureret_fjern(
            kommunekode="751", aar=2026, maaned=4, acting_user=oekonomichef
        )
    assert "efterregulering af 04.2026" in str(err.value)
    assert AfregningFaktureretLinje.objects.filter(faktureret__maaned=4).count() == 1


def test_unmarking_takes_the_lines_with_it_and_keeps_their_history(solgt, oekonomichef):
    _marker("751", 2026, 3, oekonomichef)
    afregning_faktureret_fjern(
        kommunekode="751", aar=2026, maaned=3, acting_user=oekonomichef
    )
    assert not AfregningFaktureretLinje.objects.exists()
    typer = [h.history_type for h in AfregningFaktureretLinje.history.order_by("pk")]
    assert typer == ["+", "-"]


@override_settings(AFREGNING_AFLOEB="afgang")
def test_a_late_afgang_after_march_was_invoiced(
    tilbud_a, faste_a, niveau, raadgiver, oekonomichef
):
    """Carl (760) from 1 February at level 2; March invoiced (31 × 2,500.08 =
    77,502.48); afgang 10 March registered 5 April. With the afgang rule March
    is now 1-9 March = 9 × 2,500.08 = 22,500.72: efterregulering −55,001.76
    (22 × 2,500.08) on April, where Carl has no lines."""
    carl = services.borger_create(cpr="030370-3456", navn="Carl", acting_user=raadgiver)
    services.borger_tilgang(
        borger=carl,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    betalingskommune_set(
        borger=carl, kommunekode="760", gyldig_fra=D(2026, 2, 1), acting_user=raadgiver
    )
    _marker("760", 2026, 3, oekonomichef)
    services.borger_afgang(
        borger=carl,
        dato=D(2026, 3, 10),
        registreret=D(2026, 4, 5),
        acting_user=raadgiver,
    )
    assert opgoerelse_for(2026, 3, oekonomichef).kommune("760").beloeb == Decimal(
        "77502.48"
    )
    k = opgoerelse_for(2026, 4, oekonomichef).kommune("760")
    assert k.linjer == ()
    assert [(e.maaned, e.beloeb) for e in k.efterreguleringer] == [
        (3, Decimal("-55001.76"))
    ]


# ------------------------------------------------------------ exports and API


def test_the_csv_has_the_efterregulering_line(
    client, april_faktureret_saa_niveau_1, oekonomichef
):
    client.force_login(oekonomichef)
    svar = client.get(reverse("budgets:afregning-csv", args=[2026, 5]))
    raekker = list(csv.reader(io.StringIO(svar.content.decode()), delimiter=";"))
    regulering = [r for r in raekker if r[3].startswith("Efterregulering af april")]
    assert [(r[0], r[1], r[2]) for r in regulering] == [("751", "2026-05", "-19682.80")]


def test_the_statement_page_shows_the_efterregulering(
    client, april_faktureret_saa_niveau_1, oekonomichef
):
    client.force_login(oekonomichef)
    url = reverse("budgets:afregning-kommune", args=[2026, 5, "751"])
    tekst = client.get(url).content.decode()
    assert "Efterregulering af april 2026" in tekst
    assert "27.311,34 kr." in tekst


def test_the_api_lists_the_efterregulering(april_faktureret_saa_niveau_1, oekonomichef):
    data = client_for(oekonomichef).get("/api/v1/afregning/2026/5/").json()
    (k,) = [k for k in data["kommuner"] if k["kommunekode"] == "751"]
    assert k["beloeb"] == "27311.34"
    assert k["efterreguleringer"][0]["beloeb"] == "-19682.80"
    assert k["efterreguleringer"][0]["maaned"] == 4


# ------------------------------------------------------------------ the engine


def _li(ophold_id, dage, doegntakst):
    return Afregningslinje(
        "751",
        1,
        "A",
        ophold_id,
        "B",
        D(2026, 4, 1),
        D(2026, 4, dage),
        "2",
        None,
        Decimal(0),
        Decimal(doegntakst),
    )


def test_efterregulering_is_now_less_invoiced_less_regulated_per_borger():
    # Ophold 1: now 10 × 100 = 1,000, invoiced 30 × 100 = 3,000 → −2,000.
    # Ophold 2: unchanged (5 × 50 both) → no line.
    nu = [_li(1, 10, "100"), _li(2, 5, "50")]
    faktureret = [_li(1, 30, "100"), _li(2, 5, "50")]
    (e,) = efterregulering("751", 2026, 4, nu, faktureret)
    assert (e.ophold_id, e.beloeb) == (1, Decimal("-2000"))
    assert efterregulering("751", 2026, 4, nu, faktureret, [e]) == ()


def test_the_excel_statement_has_the_efterregulering_row(
    client, april_faktureret_saa_niveau_1, oekonomichef
):
    import openpyxl

    client.force_login(oekonomichef)
    url = reverse("budgets:afregning-maaned", args=[2026, 5])
    bog = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {"format": "xlsx"}).content)
    )
    ark = bog["Kommune 751 05.2026"]
    raekker = [[c.value for c in r] for r in ark.iter_rows()]
    (regulering,) = [r for r in raekker if r[4] == "Efterregulering af april 2026"]
    # Beløb is the 11th column (issue 18 #3 added "Efterregulering i taksten").
    assert Decimal(str(regulering[10])) == Decimal("-19682.80")


def test_a_month_without_takstmodel_cannot_be_marked(niveau, oekonomichef):
    with pytest.raises(ValidationError) as err:
        _marker("751", 2030, 3, oekonomichef)
    assert "Måneden kan ikke afregnes" in str(err.value)


def test_an_invoiced_tillaeg_line_reads_back_with_its_reason_and_amount(
    solgt, raadgiver, oekonomichef
):
    # Anna gets a tillæg of 250 kr. per døgn from 16 April to 1 May:
    # 15 × 250 = 3,750 kr. on its own line, beside 30 × 2,500.08 = 75,002.40.
    anna = solgt["anna"]
    tillaeg_create(
        borger=anna.borger,
        ophold=anna,
        fra=D(2026, 4, 16),
        til=D(2026, 5, 1),
        kr_pr_doegn=Decimal("250"),
        begrundelse="Ekstra nattevagt",
        acting_user=raadgiver,
    )
    _marker("751", 2026, 4, oekonomichef)
    k = opgoerelse_for(2026, 4, oekonomichef).kommune("751")
    niveau, tillaeg = k.linjer
    assert (niveau.beloeb, tillaeg.beloeb) == (Decimal("75002.40"), Decimal("3750"))
    assert (tillaeg.tillaeg, tillaeg.dage) == ("Ekstra nattevagt", 15)
