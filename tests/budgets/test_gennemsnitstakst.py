"""Issue 17: a gennemsnitstakst, one takst for every borger of a tilbud
(DOMAIN.md §1: one average takst per tilbud), as basistakst + one service part.

Worked example. Tilbud A (hybrid): faste udgifter 2.900.000 kr., 8 pladser, 97 %
→ basistakst 2.900.000 / (8 × 365 × 0,97) = 1.023,87 kr. (DOMAIN.md §4).
Gennemsnitstakst, servicedel 1.234,56 kr. pr. døgn; døgntakst 1.023,87 +
1.234,56 = 2.258,43 kr. Anna comes 10 March 2026 on niveau 3 (whose own takst
is 5 × 492,07 = 2.460,35 kr.) and leaves 20 August: financed through 30
September, the end of the month after the afgang month (DOMAIN.md §6).

Days × 1.234,56 per month:
  March 10-31 22 days  27.160,32    June      30 days  37.036,80
  April       30 days  37.036,80    July      31 days  38.271,36
  May         31 days  38.271,36    August    31 days  38.271,36
  September   30 days  37.036,80    the rest           0
Year: 205 days × 1.234,56 = 253.084,80 kr.
"""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from budgets.engine import Indplacering, Ophold, TilbudGrundlag
from budgets.engine.scenarie_laes import Art
from budgets.engine.vektor import Tilbudsdata, maaneder_for_aaret
from budgets.models import TilbudAar
from budgets.selectors import central_for, takstblad_for, tilbud_resultat
from budgets.selectors.scenarie import scenario_resultat
from budgets.services import scenarie as scenario_services
from budgets.services import tilbud_aar_save, tilbud_save
from offers import services
from offers.models import Tilbud
from tests.budgets.test_engine_properties import prisliste
from tests.budgets.test_vektor_lige import forskelle, reference
from tests.scenarier import tilfoej

D = datetime.date
GENNEMSNIT = Decimal("1234.56")
IDAG = D(2026, 6, 30)
NUL = Decimal(0)
MAANEDER = (
    NUL,
    NUL,
    Decimal("27160.32"),
    Decimal("37036.80"),
    Decimal("38271.36"),
    Decimal("37036.80"),
    Decimal("38271.36"),
    Decimal("38271.36"),
    Decimal("37036.80"),
    NUL,
    NUL,
    NUL,
)


def _saet(tilbud, oekonomichef, **felter):
    """The year's settings of 2026 as the page and the API set them."""
    tilbud_aar_save(
        tilbud=tilbud,
        aar=2026,
        pladser=tilbud.pladser,
        tildelingsprincip=felter.pop("tildelingsprincip", "hybrid"),
        forudsat_belaegning=Decimal(97),
        reguleringsandel=Decimal(100),
        acting_user=oekonomichef,
        **felter,
    )


@pytest.fixture
def gennemsnit_a(tilbud_a, faste_a, oekonomichef):
    _saet(tilbud_a, oekonomichef, gennemsnitstakst=GENNEMSNIT)
    return tilbud_a


def _placer(borger, tilbud, niveau, raadgiver, tilgang, afgang=None, **kwargs):
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=tilgang,
        takstniveau=niveau,
        acting_user=raadgiver,
        **kwargs,
    )
    if afgang:
        services.borger_afgang(borger=borger, dato=afgang, acting_user=raadgiver)


def test_every_month_is_days_times_the_gennemsnitstakst(
    gennemsnit_a, anna, niveau, raadgiver
):
    _placer(anna, gennemsnit_a, niveau["3"], raadgiver, D(2026, 3, 10), D(2026, 8, 20))
    budget = tilbud_resultat(gennemsnit_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret == MAANEDER


def test_the_year_is_205_days_times_the_gennemsnitstakst(
    gennemsnit_a, anna, niveau, raadgiver
):
    _placer(anna, gennemsnit_a, niveau["3"], raadgiver, D(2026, 3, 10), D(2026, 8, 20))
    budget = tilbud_resultat(gennemsnit_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret_aar == Decimal("253084.80")


def test_a_saertakst_borger_is_financed_at_the_gennemsnitstakst_too(
    gennemsnit_a, anna, niveau, raadgiver
):
    # 8 særtakst hours would be 8 × 492,07 = 3.936,56 kr.; the tilbud has one
    # takst: December 1-31 = 31 × 1.234,56 = 38.271,36.
    _placer(
        anna,
        gennemsnit_a,
        niveau["S1"],
        raadgiver,
        D(2026, 12, 1),
        saertakst_timer=Decimal(8),
    )
    budget = tilbud_resultat(gennemsnit_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[11] == Decimal("38271.36")


def test_aktivitet_finances_basistakst_plus_the_gennemsnitstakst(
    tilbud_a, faste_a, oekonomichef, anna, niveau, raadgiver
):
    """Aktivitet with reguleringsandel 100 %: the whole døgntakst is activity.
    March: 22 days × 2.258,43 = 49.685,46."""
    _saet(
        tilbud_a,
        oekonomichef,
        tildelingsprincip="aktivitet",
        gennemsnitstakst=GENNEMSNIT,
    )
    _placer(anna, tilbud_a, niveau["3"], raadgiver, D(2026, 3, 10), D(2026, 8, 20))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[2] == Decimal("49685.46")


def test_without_a_gennemsnitstakst_the_level_prices_as_before(
    tilbud_a, faste_a, anna, niveau, raadgiver
):
    # Niveau 3: 2.460,35 × 22 days in March = 54.127,70.
    _placer(anna, tilbud_a, niveau["3"], raadgiver, D(2026, 3, 10), D(2026, 8, 20))
    budget = tilbud_resultat(tilbud_a, 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[2] == Decimal("54127.70")


def test_the_takstblad_gives_every_level_the_gennemsnitstakst(gennemsnit_a):
    blad = takstblad_for(gennemsnit_a, 2026)
    service = {n.kode: n.servicetakst_pr_doegn for n in blad.niveauer}
    assert service == {kode: GENNEMSNIT for kode in ("1", "2", "3", "S1")}


def test_the_takstblad_doegntakst_is_basistakst_plus_the_gennemsnitstakst(
    gennemsnit_a,
):
    blad = takstblad_for(gennemsnit_a, 2026)
    assert (blad.gennemsnitstakst_pr_doegn, blad.niveauer[0].doegntakst) == (
        GENNEMSNIT,
        Decimal("2258.43"),
    )


def test_the_years_history_keeps_the_change(gennemsnit_a, oekonomichef):
    _saet(gennemsnit_a, oekonomichef, gennemsnitstakst=None)
    raekke = TilbudAar.objects.get(tilbud=gennemsnit_a, budgetaar__aar=2026)
    historik = raekke.history.order_by("history_date")
    assert [h.gennemsnitstakst for h in historik][-2:] == [GENNEMSNIT, None]


def test_setting_it_on_the_tilbud_sets_it_for_the_open_years(
    tilbud_a, faste_a, oekonomichef
):
    tilbud_save(acting_user=oekonomichef, tilbud=tilbud_a, gennemsnitstakst=GENNEMSNIT)
    raekke = TilbudAar.objects.get(tilbud=tilbud_a, budgetaar__aar=2026)
    assert (
        Tilbud.objects.get(pk=tilbud_a.pk).gennemsnitstakst,
        raekke.gennemsnitstakst,
    ) == (
        GENNEMSNIT,
        GENNEMSNIT,
    )


def test_the_vectorised_engine_prices_it_as_the_reference_does():
    """Both engines read the takst through Prisliste.servicetakst."""
    tilbud = TilbudGrundlag(
        id=1,
        navn="Gennemsnit",
        pladser=8,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal(97),
        reguleringsandel=Decimal(100),
        faste_udgifter=Decimal("2900000"),
        gennemsnitstakst=GENNEMSNIT,
    )
    ophold = Ophold(
        id=1,
        borger="Borger",
        tilgang=D(2026, 3, 10),
        afgang=D(2026, 8, 20),
        indplaceringer=(Indplacering(D(2026, 3, 10), "3"),),
    )
    pl = dataclasses.replace(prisliste(2026), gennemsnitstakst=GENNEMSNIT)
    data = Tilbudsdata(tilbud, (ophold,), pl)
    (vektor,) = maaneder_for_aaret([data], 2026)
    assert (
        vektor.aktivitet_korrigeret,
        forskelle(reference(data, 2026, None), vektor),
    ) == (
        MAANEDER,
        {},
    )


def test_a_scenario_prices_the_tilbud_at_its_gennemsnitstakst(
    gennemsnit_a, anna, niveau, raadgiver, oekonomichef
):
    """The scenario inputs (budgets.selectors.scenarie) carry it too; a higher
    sick leave moves the timepris, not the gennemsnitstakst.
    April (all 30 days): 30 × 1.234,56 = 37.036,80."""
    _placer(anna, gennemsnit_a, niveau["3"], raadgiver, D(2026, 3, 10), D(2026, 8, 20))
    scenario = scenario_services.scenario_create(
        navn="Sygefravær", aar=2026, grundlag="aktuelt", acting_user=oekonomichef
    )
    tilfoej(
        scenario, oekonomichef, Art.FRAVAER_LINJE, kategori="egen_sygdom", procent="6"
    )
    resultat = scenario_resultat(scenario)
    base, efter = next((b, s) for b, s in resultat.tilbud if s.id == gennemsnit_a.pk)
    assert (base.aktivitet[3], efter.aktivitet[3]) == (
        Decimal("37036.80"),
        Decimal("37036.80"),
    )


def test_the_central_model_reads_the_gennemsnitstakst_from_the_stored_months(
    gennemsnit_a, anna, niveau, raadgiver, oekonomichef
):
    """The central model's stored monthly figures (budgets.services.maanedstal)
    are recomputed with it: 205 days × 1.234,56 = 253.084,80."""
    _placer(anna, gennemsnit_a, niveau["3"], raadgiver, D(2026, 3, 10), D(2026, 8, 20))
    central = central_for(oekonomichef, 2026, IDAG)
    (tal,) = [t for g, t in central.raekker if g.id == gennemsnit_a.pk]
    assert tal.aktivitet_korrigeret_aar == Decimal("253084.80")


def test_beside_a_tilbud_priced_by_level_the_arrays_take_its_gennemsnitstakst():
    """Two tilbud at once, the first priced by level: the plain ophold (a
    borger id, no return) go through the arrays (vektor_raa), and the second
    tilbud's must still be priced at its gennemsnitstakst: the months above."""
    grundlag = TilbudGrundlag(
        id=1,
        navn="Niveau",
        pladser=8,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal(97),
        reguleringsandel=Decimal(100),
        faste_udgifter=Decimal("2900000"),
    )
    gennemsnit = dataclasses.replace(
        grundlag, id=2, navn="Gennemsnit", gennemsnitstakst=GENNEMSNIT
    )

    def ophold(id_):
        return Ophold(
            id=id_,
            borger=f"Borger {id_}",
            tilgang=D(2026, 3, 10),
            afgang=D(2026, 8, 20),
            indplaceringer=(Indplacering(D(2026, 3, 10), "3"),),
            borger_id=id_,
        )

    pl = prisliste(2026)
    data = [
        Tilbudsdata(grundlag, (ophold(1),), pl),
        Tilbudsdata(
            gennemsnit,
            (ophold(2),),
            dataclasses.replace(pl, gennemsnitstakst=GENNEMSNIT),
        ),
    ]
    niveau, gns = maaneder_for_aaret(data, 2026)
    assert gns.aktivitet_korrigeret == MAANEDER
    assert forskelle(reference(data[1], 2026, None), gns) == {}
    assert forskelle(reference(data[0], 2026, None), niveau) == {}
