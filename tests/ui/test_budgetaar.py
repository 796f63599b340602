"""The økonomichef's Budgetår page: vedtag and luk with a confirmation step, and
the year's status beside the year heading on the budget pages (issue 13 #2).

Tilbud A (hybrid) has faste udgifter of 2.900.000 kr. in 2026; Anna lives there
from 1 June 2025 at niveau 2: 3 timer × 492,07 = 1.476,21 kr. pr. døgn, all 365
days of 2026 = 538.816,65 kr. The oprindeligt budget stored at vedtagelse is
2.900.000 + 538.816,65 = 3.438.816,65 kr.
"""

import datetime

import pytest
from django.urls import reverse

from budgets.models import Budgetaar, VedtagetBudget
from budgets.services.budgetaar import ALLEREDE, LUK_KRAEVER_VEDTAGET, vedtag
from budgets.views_budgetaar import LUK_BETYDER, LUKKET, VEDTAG_BETYDER, VEDTAGET
from offers import services
from tests.conftest import make_takstmodel

D = datetime.date
LISTE = reverse("budgets:budgetaar-list")


def _vedtag_url(aar: int = 2026) -> str:
    return reverse("budgets:budgetaar-vedtag", args=[aar])


def _luk_url(aar: int = 2026) -> str:
    return reverse("budgets:budgetaar-luk", args=[aar])


def _tekst(response) -> str:
    return response.content.decode()


@pytest.fixture
def anna_fra_2025(anna, tilbud_a, faste_a, raadgiver, oekonomichef):
    model_2025 = make_takstmodel(2025, oekonomichef)
    return services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2025, 6, 1),
        takstniveau=model_2025.niveauer.get(kode="2"),
        acting_user=raadgiver,
    )


@pytest.fixture
def oekonomi(client, oekonomichef):
    client.force_login(oekonomichef)
    return client


# --- The page --------------------------------------------------------------------


def test_the_page_lists_each_year_with_its_status(oekonomi, anna_fra_2025):
    tekst = _tekst(oekonomi.get(LISTE))
    # 2026 (faste udgifter: a row) and 2025 (a takstmodel only): both forslag.
    assert 'id="aar-2026"' in tekst and 'id="aar-2025"' in tekst
    assert tekst.count('data-aar-status="forslag"') == 2
    assert f'href="{_vedtag_url()}"' in tekst


def test_a_vedtaget_year_offers_luk(oekonomi, anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    tekst = _tekst(oekonomi.get(LISTE))
    raekke = tekst.split('id="aar-2026"')[1].split("</tr>")[0]
    assert 'data-aar-status="vedtaget"' in raekke and "10.12.2025" in raekke
    assert f'href="{_luk_url()}"' in raekke


def test_the_navigation_shows_budgetaar_to_oekonomi(oekonomi, anna_fra_2025):
    assert 'id="nav-budgetaar"' in _tekst(oekonomi.get(reverse("start")))


def test_the_navigation_hides_budgetaar_from_a_raadgiver(client, raadgiver):
    client.force_login(raadgiver)
    assert 'id="nav-budgetaar"' not in _tekst(client.get(reverse("start")))


@pytest.mark.parametrize(
    "url", [LISTE, "/budget/aar/2026/vedtag/", "/budget/aar/2026/luk/"]
)
def test_a_leder_may_not_open_the_pages(client, leder_a, anna_fra_2025, url):
    client.force_login(leder_a)
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    assert "/login/" in client.get(LISTE)["Location"]


# --- Vedtag ------------------------------------------------------------------------


def test_the_confirmation_says_what_vedtagelse_means(oekonomi, anna_fra_2025):
    tekst = _tekst(oekonomi.get(_vedtag_url()))
    assert VEDTAG_BETYDER.format(aar=2026) in tekst
    assert 'id="total-oprindeligt">3.438.816,65 kr.<' in tekst
    assert 'id="aktivitet">538.816,65 kr.<' in tekst
    assert not VedtagetBudget.objects.exists()  # showing it stores nothing


def test_confirming_vedtager_the_year(oekonomi, anna_fra_2025, tilbud_a):
    response = oekonomi.post(_vedtag_url(), follow=True)
    assert VEDTAGET.format(aar=2026) in _tekst(response)
    assert Budgetaar.objects.get(aar=2026).status == "vedtaget"
    assert VedtagetBudget.objects.filter(tilbud=tilbud_a).count() == 12


def test_a_second_vedtag_shows_the_danish_error(oekonomi, anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    response = oekonomi.post(_vedtag_url())
    assert ALLEREDE.format(aar=2026, status="vedtaget") in _tekst(response)
    assert VedtagetBudget.objects.count() == 12
    assert Budgetaar.objects.get(aar=2026).vedtaget == D(2025, 12, 10)


def test_a_year_that_cannot_be_priced_offers_no_vedtag(
    oekonomi, anna_fra_2025, oekonomichef
):
    from tests.factories import TakstmodelFactory

    TakstmodelFactory(aar=2027)  # no niveau 2, which Anna is on in 2027
    tekst = _tekst(oekonomi.get(_vedtag_url(2027)))
    assert 'id="kan-ikke"' in tekst
    assert 'id="vedtag-form"' not in tekst


def test_an_unknown_year_is_404(oekonomi, anna_fra_2025):
    assert oekonomi.get(_vedtag_url(2031)).status_code == 404


# --- Luk ---------------------------------------------------------------------------


def test_the_luk_confirmation_says_what_closing_means(
    oekonomi, anna_fra_2025, oekonomichef
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    tekst = _tekst(oekonomi.get(_luk_url()))
    assert LUK_BETYDER.format(aar=2026) in tekst
    assert 'id="luk-form"' in tekst


def test_confirming_lukker_the_year(oekonomi, anna_fra_2025, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    response = oekonomi.post(_luk_url(), follow=True)
    assert LUKKET.format(aar=2026) in _tekst(response)
    assert Budgetaar.objects.get(aar=2026).status == "lukket"


def test_luk_of_a_forslag_shows_the_danish_error(oekonomi, anna_fra_2025):
    response = oekonomi.post(_luk_url())
    assert LUK_KRAEVER_VEDTAGET.format(aar=2026) in _tekst(response)
    assert Budgetaar.objects.get(aar=2026).status == "forslag"


# --- The status beside the year heading --------------------------------------------


@pytest.mark.parametrize(
    "side",
    [
        "budgets:central",
        "budgets:tilbud-detail",
        "budgets:takstblad",
        "tariffs:takstmodel-list",
    ],
)
def test_the_budget_pages_show_the_years_status(
    oekonomi, anna_fra_2025, oekonomichef, tilbud_a, side
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    args = [tilbud_a.pk] if side.startswith("budgets:t") else []
    tekst = _tekst(oekonomi.get(reverse(side, args=args), {"aar": 2026}))
    assert 'data-aar-status="vedtaget"' in tekst


def test_the_takst_pages_show_the_years_status(
    oekonomi, anna_fra_2025, oekonomichef, takstmodel_2026
):
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    for side in ("tariffs:timepris-update", "tariffs:takstmodel-update"):
        tekst = _tekst(oekonomi.get(reverse(side, args=[takstmodel_2026.pk])))
        assert 'data-aar-status="vedtaget"' in tekst, side
