"""load_demo_data: the demo municipality loads fully, consistently and safely twice.

The load takes ~10-15 s, so it runs once per module inside a transaction that is
rolled back at the end; each test runs in a savepoint inside it (pytest-django's
``db``), so nothing leaks into other modules or between tests.
"""

import io
import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Sum
from django.urls import reverse
from django.utils import timezone

from budgets.demo import DEMO_BRUGERE, DEMO_PASSWORD, IKKE_TOM
from budgets.demo.bostoette import BOSTOETTE_NAVN, TILLAEG_TILBUD
from budgets.demo.dagspris import DAGTILBUD_NAVN, STU_NAVN
from budgets.demo.katalog import HISTORIK_TIL, MARKOER, TILBUD
from budgets.demo.opfoelgning import SIDST_FULGT_OP
from budgets.models import (
    FastUdgift,
    Forbrug,
    LeveretTid,
    Rammeforudsaetning,
    TilbudAar,
)
from budgets.selectors import central_for, tilbud_resultat
from config.lib.roles import MYNDIGHED, OEKONOMI, TILBUDSLEDER
from offers.models import Borger, Indplacering, Ophold, Tilbud, Tillaegstakst
from offers.selectors_progression import opfoelgninger_due, tilbud_progression
from tariffs.models import Takstmodel
from tariffs.selectors import timepriser_for

# The ten residential tilbud the counts below are about (not issue 17's STU
# and dagtilbud, tested at the end).
BOLIGER = [spec.navn for spec in TILBUD]

TAELLES = (Tilbud, Borger, Ophold, Indplacering, Forbrug, User)


def _antal() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TAELLES}


def _kald() -> str:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield {"output": _kald(), "antal": _antal()}
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def test_demo_has_10_tilbud_with_154_places(demo_db):
    # Plus one STU and one dagtilbud priced per day (issue 17, demo.dagspris)
    # and one bostøtte § 85 (demo.bostoette).
    assert Tilbud.objects.count() == 13
    boliger = Tilbud.objects.filter(navn__in=BOLIGER)
    assert boliger.aggregate(s=Sum("pladser"))["s"] == 154


def test_demo_has_about_160_borgere(demo_db):
    # Plus issue 17's 15 STU students, 14 in the dagtilbud and 8 in bostøtte.
    boliger = Borger.objects.filter(ophold__tilbud__navn__in=BOLIGER).distinct()
    assert 140 <= boliger.count() <= 170
    assert Borger.objects.exclude(pk__in=boliger).count() == 15 + 14 + 8


def test_exactly_45_borgere_are_paid_for_by_other_municipalities(demo_db):
    eksterne = [b for b in Borger.objects.all() if b.er_ekstern]
    assert len(eksterne) == 45


def test_every_borger_has_a_doegnskema(demo_db):
    assert not Borger.objects.annotate(n=Count("doegnskemaer")).filter(n=0).exists()


def test_no_borger_has_overlapping_ophold(demo_db):
    for borger in Borger.objects.prefetch_related("ophold"):
        ophold = sorted(borger.ophold.all(), key=lambda o: o.tilgang)
        for foer, efter in itertools.pairwise(ophold):
            assert foer.afgang is not None and foer.afgang <= efter.tilgang


def test_no_tilbud_is_overfilled_on_any_tilgang(demo_db):
    for ophold in Ophold.objects.select_related("tilbud"):
        beboere = Ophold.objects.filter(
            tilbud=ophold.tilbud, tilgang__lte=ophold.tilgang
        )
        beboere = beboere.exclude(afgang__lte=ophold.tilgang).count()
        assert beboere <= ophold.tilbud.pladser


def test_occupancy_on_1_january_2025_is_90_to_97_percent(demo_db):
    dato = date(2025, 1, 1)
    beboere = Ophold.objects.filter(tilgang__lte=dato, tilbud__navn__in=BOLIGER)
    beboere = beboere.exclude(afgang__lte=dato).count()
    assert 0.90 <= beboere / 154 <= 0.97


def test_15_to_25_new_borgere_arrive_in_2025_2026(demo_db):
    nye = Ophold.objects.filter(
        tilgang__gte=date(2025, 1, 1),
        omplaceret_fra__isnull=True,
        tilbud__navn__in=BOLIGER,
    )
    assert 15 <= nye.count() <= 25


def test_15_to_25_borgere_leave(demo_db):
    afgange = Ophold.objects.filter(
        afgang__isnull=False, omplaceret_til__isnull=True, tilbud__navn__in=BOLIGER
    )
    assert 15 <= afgange.count() <= 25


def test_4_to_6_borgere_are_moved_between_tilbud(demo_db):
    assert 4 <= Ophold.objects.filter(omplaceret_fra__isnull=False).count() <= 6


def test_about_20_level_changes_happen_within_ophold(demo_db):
    skift = Indplacering.objects.filter(ophold__tilbud__navn__in=BOLIGER)
    skift = skift.exclude(gyldig_fra=F("ophold__tilgang")).count()
    assert 15 <= skift <= 25


def test_some_events_are_registered_weeks_late(demo_db):
    sene = [
        i
        for i in Indplacering.objects.all()
        if (i.registreret - i.gyldig_fra).days >= 14
    ]
    assert len(sene) >= 2


def test_overridden_levels_carry_a_begrundelse(demo_db):
    overstyret = Indplacering.objects.exclude(takstniveau=F("foreslaaet_niveau"))
    assert not overstyret.filter(begrundelse="").exists()


def test_a_few_levels_are_overridden(demo_db):
    overstyret = Indplacering.objects.exclude(takstniveau=F("foreslaaet_niveau"))
    assert 2 <= overstyret.count() <= 20


def test_saertakst_borgere_have_their_hours_on_the_placement(demo_db):
    saertakst = Indplacering.objects.filter(takstniveau__saertakst=True)
    assert 1 <= saertakst.count() <= 3
    assert not saertakst.filter(saertakst_timer__isnull=True).exists()


def test_timepris_2026_is_the_worked_example(demo_db):
    model = Takstmodel.objects.get(aar=2026)
    assert timepriser_for(model.timeprismodel).timepris_direkte == Decimal("492.07")


def test_takstmodel_2026_has_8_levels_and_2_saertakster(demo_db):
    niveauer = Takstmodel.objects.get(aar=2026).niveauer.all()
    assert [n.kode for n in niveauer] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "S1",
        "S2",
    ]


def test_every_tilbud_has_six_fixed_cost_lines_per_budget_year(demo_db):
    assert FastUdgift.objects.count() == 10 * 2 * 6


def test_every_tilbud_has_its_settings_for_each_budget_year(demo_db):
    # 13 tilbud × 2 budget years (2025, 2026), each year as the tilbud is set up
    # (the bostøtte tilbud's rows name its own timeprismodel, issue 17).
    raekker = TilbudAar.objects.select_related("tilbud")
    assert raekker.count() == 13 * 2
    assert all(r.pladser == r.tilbud.pladser for r in raekker)


def test_the_ramme_tilbud_has_a_rammeforudsaetning_per_year(demo_db):
    ramme = Rammeforudsaetning.objects.filter(tilbud__tildelingsprincip="ramme")
    assert sorted(r.budgetaar.aar for r in ramme) == [2025, 2026]


def test_forbrug_covers_2025_and_2026_through_october(demo_db):
    maaneder = set(Forbrug.objects.values_list("budgetaar__aar", "maaned").distinct())
    assert maaneder == {(2025, m) for m in range(1, 13)} | {
        (2026, m) for m in range(1, 11)
    }


@pytest.mark.parametrize(
    ("username", "rolle"),
    [
        ("oekonomi", OEKONOMI),
        ("raadgiver", MYNDIGHED),
        ("raadgiver2", MYNDIGHED),
        ("leder1", TILBUDSLEDER),
        ("leder10", TILBUDSLEDER),
    ],
)
def test_demo_user_has_their_role(demo_db, username, rolle):
    assert User.objects.get(username=username).groups.filter(name=rolle).exists()


@pytest.mark.parametrize("username", ["oekonomi", "raadgiver", "leder1", "admin"])
def test_demo_user_can_log_in_with_the_demo_password(demo_db, client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_admin_is_a_superuser(demo_db):
    assert User.objects.get(username="admin").is_superuser


def test_each_leder_leads_their_tilbud(demo_db):
    for bruger in DEMO_BRUGERE:
        if bruger.tilbud:
            tilbud = Tilbud.objects.get(navn=bruger.tilbud)
            assert list(tilbud.ledere.values_list("username", flat=True)) == [
                bruger.username
            ]


def test_summary_prints_the_logins_and_the_password(demo_db):
    assert DEMO_PASSWORD in demo_db["output"]
    assert all(b.username in demo_db["output"] for b in DEMO_BRUGERE)


def test_second_run_changes_no_counts(demo_db):
    _kald()
    assert _antal() == demo_db["antal"]


def test_second_run_prints_the_same_counts(demo_db):
    foerste = demo_db["output"].splitlines()[1:]
    assert _kald().splitlines()[1:] == foerste


def test_load_refuses_a_database_with_other_data(demo_db):
    Tilbud.objects.filter(navn=MARKOER).update(navn="Et andet tilbud")
    with pytest.raises(CommandError, match=IKKE_TOM):
        _kald()


def test_oekonomi_can_create_2027_from_2026_on_the_page(demo_db, client):
    """Issue 13 #4 in the demo: 2025 and 2026 are budget years, 2027 is next."""
    client.login(username="oekonomi", password=DEMO_PASSWORD)
    url = reverse("budgets:budgetaar-create")
    side = client.get(url).content.decode()
    assert 'name="aar" value="2027"' in side
    assert '<option value="2026" selected>2026</option>' in side
    svar = client.post(
        url,
        {
            "aar": "2027",
            "kopier_fra": "2026",
            "fremskrivning_loen_pct": "2,5",
            "fremskrivning_oevrige_pct": "2,0",
        },
    )
    assert svar.status_code == 302  # no level code disappears: no second step
    model = Takstmodel.objects.get(aar=2027)
    # DOMAIN.md §2's 975,468 direkte timer: 480.000 × 1,025 = 492.000 kr. /
    # 975,468 = 504,373… → 504,37 kr.
    assert timepriser_for(model.timeprismodel).timepris_direkte == Decimal("504.37")
    # every demo line is whole hundreds, so × 1,02 needs no rounding
    faste = {
        a: FastUdgift.objects.filter(budgetaar__aar=a).aggregate(s=Sum("beloeb"))
        for a in (2026, 2027)
    }
    assert faste[2027]["s"] == faste[2026]["s"] * Decimal("1.02")
    assert (
        len(central_for(None, 2027, date(2026, 11, 20)).raekker) == 13
    )  # the ten, the STU, the dagtilbud, the bostøtte


def _dag(history_date) -> date:
    return timezone.localtime(history_date).date()


def test_the_history_is_dated_by_the_events_not_by_the_load(demo_db):
    """Issue 15: a tilgang's history row carries the day it was registered, an
    afgang's the day the afgang was, and a borger's record is no younger than
    their first stay."""
    for ophold in Ophold.alle.all():
        rows = ophold.history.order_by("history_date")
        assert _dag(rows.first().history_date) == ophold.tilgang_registreret
        if ophold.afgang:
            med_afgang = rows.filter(afgang__isnull=False).first()
            assert _dag(med_afgang.history_date) == ophold.afgang_registreret
    for borger in Borger.objects.all():
        oprettet = borger.history.get(history_type="+").history_date
        foerste = Ophold.history.filter(borger_id=borger.pk).earliest("history_date")
        assert oprettet < foerste.history_date


def test_the_demo_stu_is_a_frame_for_10_at_640_kr_and_640_kr_above(demo_db):
    """Issue 17. STU Vestegnen 2026: 640 kr. per student-day, dimensioned for 10.
    Enrolled: 11 from 1 January (the intakes of 2023, 2024, 2025: 3 + 4 + 4);
    the 2023 intake leaves 1 July (financed through 31 August); 4 start 3 August.
    Student-days above 10: 1 Jan–30 Jun 181 days × 1 = 181; 1 Jul–2 Aug 33 × 1 =
    33; 3–31 Aug 29 × 5 = 145; 1 Sep–31 Dec 122 × 2 = 244; in all 603 × 640 =
    385.920 kr. August: 2 × 1 + 29 × 5 = 147 × 640 = 94.080 kr. Frame: 10 × 640 ×
    365 = 2.336.000 kr.; June 10 × 640 × 30 = 192.000 kr."""
    r = tilbud_resultat(Tilbud.objects.get(navn=STU_NAVN), 2026, date(2026, 11, 20))
    assert r.budget.fast_aar == Decimal("2336000.00")
    assert r.budget.fast[5] == Decimal("192000.00")
    assert r.budget.overkapacitet[7] == Decimal("94080.00")
    assert r.budget.overkapacitet_aar == Decimal("385920.00")
    assert Ophold.objects.filter(tilbud__navn=STU_NAVN, tilgang__month=8).count() == 15


def test_the_demo_dagtilbud_pays_half_and_full_places_per_weekday(demo_db):
    """Issue 17. Dagtilbuddet Værkstedet, August 2026 (21 weekdays) at 500 kr.:
    10 full places (one of them half until 1 March) and 3 half places (one
    borger left 15 May, financed through June): 10 × 500 × 21 + 3 × 250 × 21 =
    105.000 + 15.750 = 120.750 kr."""
    tilbud = Tilbud.objects.get(navn=DAGTILBUD_NAVN)
    r = tilbud_resultat(tilbud, 2026, date(2026, 11, 20))
    assert r.budget.aktivitet_korrigeret[7] == Decimal("120750.00")
    halve = Indplacering.objects.filter(
        ophold__tilbud=tilbud, pladsandel=Decimal("0.5")
    )
    assert halve.count() == 4


def test_the_central_model_groups_the_demo_by_tilbudstype(demo_db):
    """Issue 17: one group per tilbudstype in use; the subtotals sum to the total."""
    central = central_for(None, 2026, date(2026, 11, 20))
    grupper = central.grupper()
    assert {g.tilbudstype for g in grupper} == {
        "botilbud_107",
        "botilbud_108",
        "bofaellesskab",
        "stu",
        "dagtilbud_104",
        "bostoette_85",
    }
    assert sum(g.subtotal.total_korrigeret_aar for g in grupper) == (
        central.total.total_korrigeret_aar
    )


def test_the_demo_bostoette_is_budgeted_by_visiterede_hours(demo_db):
    """Issue 17. Bostøtten Nord has its own timeprismodel "Bostøtte 2026": the
    area's (årsløn 480.000, norm 1.924, fravær 22 %, tidsanvendelse 35 %) plus
    6 % transport: fremmøde 1.924 × 0,78 = 1.500,72; direkte 1.500,72 × 0,59 =
    885,4248; timepris 480.000 / 885,4248 = 542,1127 → 542,11 kr. (the area's
    492,07), and no basistakst. In October 2026 (31 days) seven borgere live
    there (one left 15 June: the one of 4 hours), visiteret 2, 4,5 (3 until 1
    April), 3,5, 5, 2,5, 6 and 3 hours per week. Per døgn, each rounded to
    øre: 2 × 542,11 / 7 = 154,8886 → 154,89; 4,5 h: 348,4993 → 348,50;
    3,5 h: 271,055 → 271,06; 5 h: 387,2214 → 387,22; 2,5 h: 193,6107 →
    193,61; 6 h: 464,6657 → 464,67; 3 h: 232,3329 → 232,33; Σ 2.052,28 × 31
    = 63.620,68 kr."""
    tilbud = Tilbud.objects.get(navn=BOSTOETTE_NAVN)
    r = tilbud_resultat(tilbud, 2026, date(2026, 11, 20))
    assert r.prisliste.timepris_direkte == Decimal("542.11")
    assert r.prisliste.egen_timeprismodel
    assert r.budget.aktivitet_korrigeret[9] == Decimal("63620.68")
    aaret = TilbudAar.objects.get(tilbud=tilbud, budgetaar__aar=2026)
    assert aaret.timeprismodel.navn == "Bostøtte 2026"
    assert TilbudAar.objects.get(
        tilbud=tilbud, budgetaar__aar=2025
    ).timeprismodel.navn == ("Bostøtte 2025")
    # Leveret tid for every month each borger lived there, January-November.
    assert LeveretTid.objects.filter(tilbud=tilbud, aar=2026).count() > 50


def test_the_demo_has_a_tillaegstakst_in_the_ledger(demo_db):
    """Issue 17: 1,5 timer × 492,07 = 738,105 → 738,11 kr. per døgn in
    Solbakken from 1 September to 1 December 2026: September 30 × 738,11 =
    22.143,30 kr. more than the level alone."""
    (tillaeg,) = Tillaegstakst.objects.all()
    assert tillaeg.ophold.tilbud.navn == TILLAEG_TILBUD
    assert (tillaeg.fra, tillaeg.til) == (date(2026, 9, 1), date(2026, 12, 1))


def test_the_demo_due_list_has_overdue_and_soon_due_follow_ups(demo_db):
    """Issue 19: yearly follow-ups (budgets.demo.opfoelgning). On the last day of
    the history some are overdue (anniversaries from 25.10.2026) and some due in
    the 30 days after; the rest lie later, so the list stays short."""
    raadgiver = User.objects.get(username="raadgiver")
    idag = HISTORIK_TIL
    due = opfoelgninger_due(raadgiver, idag)
    overskredne = [o for o in due if o.dato < idag]
    assert overskredne and len(overskredne) < len(due) < 40
    assert all(o.dato >= SIDST_FULGT_OP for o in due)


def test_the_demo_has_borgere_reassessed_with_a_new_level(demo_db):
    """Issue 19: borgere with two døgnskemaer scoring funktionsevne at least a
    year apart, whose scores changed and whose level changed in between."""
    fundet = 0
    for borger in Borger.objects.prefetch_related("doegnskemaer__funktionsevner"):
        skemaer = sorted(borger.doegnskemaer.all(), key=lambda s: s.dato)
        scores = [{f.tema_id: f.score for f in s.funktionsevner.all()} for s in skemaer]
        niveauer = set(
            Indplacering.objects.filter(ophold__borger=borger).values_list(
                "takstniveau__kode", flat=True
            )
        )
        if (
            len(skemaer) >= 2
            and (skemaer[-1].dato - skemaer[0].dato).days >= 365
            and scores[-1] != scores[0]
            and len(niveauer) >= 2
        ):
            fundet += 1
    assert fundet >= 5


def test_the_demo_tilbud_show_level_movement(demo_db):
    """Issue 19: over the 12 months to the history's end, some borgere went up
    and some down in at least one tilbud."""
    resultater = [
        tilbud_progression(t, HISTORIK_TIL).bevaegelse for t in Tilbud.objects.all()
    ]
    assert sum(b.op for b in resultater) >= 1
    assert sum(b.ned for b in resultater) >= 1


def test_the_demo_has_a_waiting_list_with_anonymous_needs(demo_db, client):
    """Issue 19 #3: 5-8 places across the tilbud, some anonymous, shown on the
    waiting-list and capacity pages."""
    from offers.models import Ventelisteplads

    pladser = Ventelisteplads.objects.all()
    assert 5 <= pladser.count() <= 8
    assert pladser.filter(borger__isnull=True).count() >= 2
    assert pladser.values("tilbud").distinct().count() >= 4
    client.force_login(User.objects.get(username="oekonomi"))
    solbakken = Tilbud.objects.get(navn=MARKOER)
    side = client.get(reverse("offers:venteliste-list", args=[solbakken.pk]))
    assert "Ung mand med autisme" in side.content.decode()
    oversigt = client.get(reverse("budgets:kapacitet-oversigt"))
    assert oversigt.status_code == 200
    assert 'id="venteliste-i-alt">7<' in oversigt.content.decode()
