"""The efterregulering is used, not only shown (issue 18 #3): booked when the
year is lukket, into the next year's frame and a later year's døgntakst.

The worked example (tests/budgets/test_efterregulering.py): tilbud A, hybrid,
8 pladser, 97 % forudsat belægning, no borgere in 2026. Takstfinansieret 2026 =
the korrigeret budget = faste udgifter 2,900,000 kr.; realiseret = forbrug
12 × 200,000 + 326,000 = 2,726,000 kr. Overskud 174,000 = 6 % of 2,900,000.
Band 5 % = 145,000 kr. → the frame of 2027; the rest 29,000 kr. (1 %) → the
takst of 2028.

2027: faste udgifter 3,000,000 kr.; fast budget after the booking
3,000,000 + 145,000 = 3,145,000 kr.

2028 (366 days): faste udgifter 2,900,000 kr.; forudsatte døgn
8 × 366 × 0.97 = 2,840.16.
  basistakst = 2,900,000 / 2,840.16 = 1,021.0692… → 1,021.07 kr.
  the line   = −29,000 / 2,840.16 = −10.2107… → −10.21 kr. per døgn
  level 2    = 3 takstgivende hours × timepris 492.07 = 1,476.21 kr.
  døgntakst level 2 = 1,021.07 + 1,476.21 − 10.21 = 2,487.07 kr.
A borger sold to kommune 751 from 1 March 2028 on level 2: March =
31 × 2,487.07 = 77,099.17 kr. (without the line 31 × 2,497.28 = 77,415.68).
The hybrid fast budget 2028 (the line is in the basistakst part): faste
udgifter − til_takst = 2,900,000 − 29,000 = 2,871,000 kr.
"""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from budgets.models import Efterregulering, Maanedstal
from budgets.selectors.afregning import afregning_for
from budgets.selectors.efterregulering import efterregulering_for
from budgets.selectors.resultater import tilbud_resultat
from budgets.services import maanedstal as maanedstal_service
from budgets.services.budgetaar import luk, vedtag
from budgets.services.efterregulering import efterregulering_bogfoer
from budgets.tabeller import takstblad_tabel
from config.lib import datastamp
from offers import services
from offers.doegntakst import doegntakst_paa
from offers.services.betalingskommune import betalingskommune_set
from tests.budgets.test_efterregulering import _forbrug
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory, FastUdgiftFactory

D = datetime.date


def _fast_aar(tilbud, aar: int) -> Decimal:
    """The year's stored fast budget (budgets.Maanedstal), summed."""
    rows = Maanedstal.objects.filter(tilbud=tilbud, aar=aar)
    assert rows.count() == 12
    return rows.aggregate(s=Sum("fast"))["s"]


@pytest.fixture
def tre_aar(tilbud_a, faste_a, oekonomichef, raadgiver):
    """2026 with its forbrug (vedtaget), 2027 and 2028 as forslag with their
    takstmodel and faste udgifter, and a borger sold to 751 from 1.3.2028."""
    _forbrug(tilbud_a, oekonomichef)
    make_takstmodel(2027, oekonomichef)
    model_2028 = make_takstmodel(2028, oekonomichef)
    FastUdgiftFactory(
        tilbud=tilbud_a,
        budgetaar=BudgetaarFactory(aar=2027),
        beloeb=Decimal("3000000"),
    )
    FastUdgiftFactory(
        tilbud=tilbud_a,
        budgetaar=BudgetaarFactory(aar=2028),
        beloeb=Decimal("2900000"),
    )
    niveau = {n.kode: n for n in model_2028.niveauer.all()}
    borger = services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    ophold = services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=D(2028, 3, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    betalingskommune_set(
        borger=borger,
        kommunekode="751",
        gyldig_fra=D(2028, 3, 1),
        acting_user=raadgiver,
    )
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    # The stored figures of every year, in step before the closing.
    maanedstal_service.opdater([tilbud_a.pk])
    return ophold


@pytest.fixture
def lukket(tre_aar, tilbud_a, oekonomichef):
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    return tre_aar


def test_closing_books_the_split_once(lukket, tilbud_a, oekonomichef):
    post = Efterregulering.objects.get(tilbud=tilbud_a, aar=2026)
    assert (post.til_ramme, post.ramme_aar, post.ramme_bogfoert) == (
        Decimal("145000.00"),
        2027,
        True,
    )
    assert (post.til_takst, post.takst_aar, post.takst_bogfoert) == (
        Decimal("29000.00"),
        2028,
        True,
    )
    # Idempotent: booking again adds nothing and moves nothing.
    assert efterregulering_bogfoer(aar=2026, acting_user=oekonomichef) == []
    assert Efterregulering.objects.filter(tilbud=tilbud_a, aar=2026).count() == 1


def test_the_frame_of_2027_gets_the_5_percent(tre_aar, tilbud_a, oekonomichef):
    # Before: the fast budget 2027 is the faste udgifter, 3,000,000.
    assert _fast_aar(tilbud_a, 2027) == Decimal("3000000.00")
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    # 3,000,000 + 145,000 = 3,145,000: recomputed in the closing's own path.
    assert _fast_aar(tilbud_a, 2027) == Decimal("3145000.00")
    r = tilbud_resultat(tilbud_a, 2027, D(2027, 6, 1))
    assert sum(r.budget.fast) == Decimal("3145000.00")


@pytest.mark.django_db(transaction=True)
def test_the_closing_moves_the_central_models_cache_stamp(tre_aar, oekonomichef):
    """On PostgreSQL the stamp moves at COMMIT: a transactional test."""
    stempel = datastamp.current()
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    assert datastamp.current() > stempel


def test_the_2028_takst_carries_the_line(lukket, tilbud_a):
    r = tilbud_resultat(tilbud_a, 2028, D(2028, 3, 31))
    assert r.prisliste.basistakst == Decimal("1021.07")
    assert r.prisliste.efterregulering == Decimal("-10.21")
    # 1,021.07 + 1,476.21 − 10.21 = 2,487.07
    (o,) = r.opholdene
    assert r.prisliste.doegntakst(o.indplaceringer[0]) == Decimal("2487.07")
    # Hybrid: the line is in the fixed part, so the fast budget moves by
    # −til_takst: 2,900,000 − 29,000 = 2,871,000.
    assert sum(r.budget.fast) == Decimal("2871000.00")
    assert _fast_aar(tilbud_a, 2028) == Decimal("2871000.00")


def test_the_sold_income_2028_is_days_times_the_regulated_takst(lukket, tilbud_a):
    r = tilbud_resultat(tilbud_a, 2028, D(2028, 3, 31))
    # 1 March – 31 December 2028: 31+30+31+30+31+31+30+31+30+31 = 306 days;
    # 306 × 2,487.07 = 746,121.00 + 14,922.42 = 761,043.42
    assert r.noegletal.indtaegt_salg == Decimal("761043.42")


def test_the_afregning_of_march_2028_includes_the_line(lukket, oekonomichef):
    k = afregning_for(2028, 3, oekonomichef).kommune("751")
    (linje,) = k.linjer
    assert (linje.basistakst, linje.efterregulering_pr_doegn, linje.servicetakst) == (
        Decimal("1021.07"),
        Decimal("-10.21"),
        Decimal("1476.21"),
    )
    assert linje.doegntakst == Decimal("2487.07")
    # 31 × 2,487.07 = 77,099.17
    assert (linje.dage, k.beloeb) == (31, Decimal("77099.17"))


def test_the_borger_page_price_includes_the_line(lukket):
    d = doegntakst_paa(lukket, D(2028, 3, 15))
    assert (d.efterregulering, d.doegntakst) == (Decimal("-10.21"), Decimal("2487.07"))


def test_the_takstblad_table_shows_the_line_and_the_doegntakst(lukket, tilbud_a):
    from budgets.selectors.grundlag import aarsgrundlag_for

    r = tilbud_resultat(tilbud_a, 2028, D(2028, 3, 31))
    tabel = takstblad_tabel(r, aarsgrundlag_for(2028))
    navne = [k.navn for k in tabel.kolonner]
    assert "Efterregulering pr. døgn" in navne
    raekke = next(x for x in tabel.raekker if x[0] == "2")
    linje = raekke[navne.index("Efterregulering pr. døgn")]
    assert (linje, raekke[navne.index("Døgntakst")]) == (
        Decimal("-10.21"),
        Decimal("2487.07"),
    )


def test_a_lukket_2027_keeps_its_figures(tre_aar, tilbud_a, oekonomichef, client):
    vedtag(aar=2027, acting_user=oekonomichef, idag=D(2026, 12, 10))
    luk(aar=2027, acting_user=oekonomichef, idag=D(2028, 2, 1))
    foer = _fast_aar(tilbud_a, 2027)
    assert foer == Decimal("3000000.00")
    luk(aar=2026, acting_user=oekonomichef, idag=D(2028, 3, 15))
    post = Efterregulering.objects.get(tilbud=tilbud_a, aar=2026)
    assert (post.ramme_bogfoert, post.ramme_status) == (False, "lukket")
    assert _fast_aar(tilbud_a, 2027) == foer
    r = tilbud_resultat(tilbud_a, 2027, D(2027, 6, 1))
    assert sum(r.budget.fast) == Decimal("3000000.00")
    # Pending, with the reason, on the efterregulering page.
    client.force_login(oekonomichef)
    url = reverse("budgets:efterregulering", args=[tilbud_a.pk])
    tekst = client.get(url, {"aar": "2026"}).content.decode()
    assert "Rammedelen for 2027 er ikke bogført: 2027 var lukket" in tekst
    assert "Beløbet afventer." in tekst


def test_a_vedtaget_2027_is_not_moved_either(tre_aar, tilbud_a, oekonomichef):
    vedtag(aar=2027, acting_user=oekonomichef, idag=D(2026, 12, 10))
    foer = _fast_aar(tilbud_a, 2027)
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    post = Efterregulering.objects.get(tilbud=tilbud_a, aar=2026)
    assert (post.ramme_bogfoert, post.takst_bogfoert) == (False, True)
    assert _fast_aar(tilbud_a, 2027) == foer
    opg = efterregulering_for(tilbud_a, 2026)
    assert opg.afventer == (
        "Rammedelen for 2027 er ikke bogført: 2027 var vedtaget, da 2026 blev "
        "lukket, og et vedtaget eller lukket års tal flyttes ikke. Beløbet afventer.",
    )


def test_a_scenario_of_2028_starts_from_the_regulated_budget(lukket, tilbud_a):
    from budgets.selectors.scenarie import base_for

    _ind, resultat = base_for(2028, "aktuelt")
    (t,) = [t for t in resultat.tilbud if t.id == tilbud_a.pk]
    # 2,900,000 − 29,000 = 2,871,000 (the fixed part the basistakst finances)
    assert sum(t.fast) == Decimal("2871000.00")


def test_the_api_says_what_was_booked(tre_aar, tilbud_a, oekonomichef):
    from tests.api.conftest import client_for

    vedtag(aar=2027, acting_user=oekonomichef, idag=D(2026, 12, 10))
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    url = f"/api/v1/tilbud/{tilbud_a.pk}/efterregulering/"
    data = client_for(oekonomichef).get(url, {"aar": 2026}).json()
    assert (data["ramme_bogfoert"], data["takst_bogfoert"]) == (False, True)
    assert data["afventer"][0].startswith("Rammedelen for 2027 er ikke bogført")


def test_a_tilbud_without_forbrug_is_not_booked(tilbud_a, faste_a, oekonomichef):
    """No forbrug imported for 2026: its "overskud" would be the whole budget
    (2,900,000 − 0); the split is kept, nothing is booked, and the page says
    why."""
    make_takstmodel(2027, oekonomichef)
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    luk(aar=2026, acting_user=oekonomichef, idag=D(2027, 3, 15))
    post = Efterregulering.objects.get(tilbud=tilbud_a, aar=2026)
    assert (post.ramme_bogfoert, post.takst_bogfoert) == (False, False)
    r = tilbud_resultat(tilbud_a, 2027, D(2027, 6, 1))
    assert sum(r.budget.fast) == 0  # no faste udgifter 2027, nothing booked
    assert efterregulering_for(tilbud_a, 2026).afventer == (
        "Der var intet forbrug indlæst for 2026, da året blev lukket: "
        "efterreguleringen er ikke bogført i rammen eller taksten.",
    )
