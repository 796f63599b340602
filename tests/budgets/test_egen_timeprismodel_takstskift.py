"""Issue 17: a tilbud on its own timeprismodel keeps the year's dated changes.

A change of the own model with a gyldig_fra stores the own model's takster
before the date (a Takstskift naming the model), so the days before keep the
old timepris; the takstmodel's takster (tilbud A) do not move.

Worked example (tests.budgets.test_egen_timeprismodel): "Bostøtte 2026" has
885,4248 direct hours and årsløn 480.000 kr.: 480.000 / 885,4248 = 542,11 kr.;
niveau 2 (3 timer) 3 × 542,11 = 1.626,33 kr. per døgn. Tilbud B names it; its
borger (paid by 751) is on niveau 2 from 1 February.

On 15 March 2026 the own model's årsløn becomes 500.000 kr.:
    500.000 / 885,4248 = 564,7007 → 564,70 kr.; niveau 2: 3 × 564,70 = 1.694,10
    February: 28 × 1.626,33                         = 45.537,24 kr.
    March:    14 × 1.626,33 + 17 × 1.694,10
            = 22.768,62 + 28.799,70                 = 51.568,32 kr.
    April:    30 × 1.694,10                         = 50.823,00 kr.
Tilbud A (the takstmodel's 492,07 kr.; 3 × 492,07 = 1.476,21) in March:
    31 × 1.476,21 = 45.762,51 kr.

Then from 1 June the takstmodel's niveau 2 counts 3,5 timer: both models'
takster move, and each keeps its own before the date:
    B May:  31 × 1.694,10 = 52.517,10 kr.
    B June: 30 × (3,5 × 564,70 = 1.976,45) = 59.293,50 kr.
    A May:  31 × 1.476,21 = 45.762,51 kr.; A June: 30 × (3,5 × 492,07 =
            1.722,245 → 1.722,25) = 51.667,50 kr.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.models import Budgetaar, Budgetstatus
from budgets.selectors import takstblad_for, tilbud_resultat
from budgets.selectors.afregning import afregning_for
from budgets.selectors.maanedstal import maaneder_beregnet, maaneder_vektor
from tariffs.models import Takstskift, Timeprismodel
from tariffs.services import takstmodel_save, timeprismodel_save
from tests.budgets.test_egen_timeprismodel import (
    IDAG,
    TRANSPORT,
    _borger,
    _bostoette,
    _vaelg,
)
from tests.conftest import FRAVAER_EKSEMPEL, TIDSANVENDELSE_EKSEMPEL

D = datetime.date
K = Decimal
SKIFT = D(2026, 3, 15)
NY_LOEN = K("500000")


@pytest.fixture
def to_tilbud(tilbud_a, tilbud_b, takstmodel_2026, niveau, raadgiver, oekonomichef):
    """A on the takstmodel's model, B on "Bostøtte 2026"; one borger each on
    niveau 2 from 1 February (B's paid by 751)."""
    _vaelg(tilbud_b, _bostoette(2026, oekonomichef), oekonomichef)
    _borger(tilbud_a, niveau, raadgiver, "010190-1234", D(2026, 2, 1))
    _borger(
        tilbud_b,
        niveau,
        raadgiver,
        "020290-1234",
        D(2026, 2, 1),
        betalingskommune="751",
    )
    return tilbud_a, tilbud_b


def _ny_loen(user, gyldig_fra=SKIFT, aarsloen=NY_LOEN) -> Timeprismodel:
    model = Timeprismodel.objects.get(navn="Bostøtte 2026")
    return timeprismodel_save(
        acting_user=user,
        timeprismodel=model,
        aar=2026,
        navn=model.navn,
        aarsloen=aarsloen,
        aarsnorm_timer=model.aarsnorm_timer,
        fravaer=FRAVAER_EKSEMPEL,
        tidsanvendelse=[*TIDSANVENDELSE_EKSEMPEL, TRANSPORT],
        gyldig_fra=gyldig_fra,
    )


def _niveau_2_fra_juni(user, takstmodel) -> None:
    niveauer = [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": n.nedre,
            "oevre": n.oevre,
            "takstgivende": K("3.5") if n.kode == "2" else n.takstgivende,
            "saertakst": n.saertakst,
        }
        for n in takstmodel.niveauer.order_by("raekkefoelge")
    ]
    takstmodel_save(
        acting_user=user,
        takstmodel=takstmodel,
        aar=2026,
        navn=takstmodel.navn,
        enhed=takstmodel.enhed,
        timeprismodel=takstmodel.timeprismodel,
        niveauer=niveauer,
        gyldig_fra=D(2026, 6, 1),
    )


def test_the_own_models_change_is_dated(to_tilbud, oekonomichef):
    _ny_loen(oekonomichef)
    skift = Takstskift.objects.get()
    assert (skift.timeprismodel.navn, skift.gyldig_fra) == ("Bostøtte 2026", SKIFT)
    assert skift.timepris_direkte == K("542.11")
    assert skift.servicetakster.get(kode="2").servicetakst == K("1626.33")
    a, b = (tilbud_resultat(t, 2026, IDAG).budget for t in to_tilbud)
    assert b.aktivitet_korrigeret[1:4] == (
        K("45537.24"),  # 28 × 1.626,33
        K("51568.32"),  # 14 × 1.626,33 + 17 × 1.694,10
        K("50823.00"),  # 30 × 1.694,10
    )
    assert a.aktivitet_korrigeret[2] == K("45762.51")  # 31 × 1.476,21


def test_the_engines_agree_on_the_dated_change(to_tilbud, oekonomichef):
    _ny_loen(oekonomichef)
    ids = [t.pk for t in to_tilbud]
    vektor = maaneder_vektor(ids, 2026)
    assert vektor == maaneder_beregnet(ids, 2026)
    assert vektor[to_tilbud[1].pk].aktivitet_korrigeret[2] == K("51568.32")


def test_the_afregning_bills_march_at_both_takster(to_tilbud, oekonomichef):
    _ny_loen(oekonomichef)
    k = afregning_for(2026, 3, oekonomichef).kommune("751")
    assert (k.dage, k.beloeb) == (31, K("51568.32"))  # 22.768,62 + 28.799,70


def test_the_takstblad_shows_the_newest_own_takst(to_tilbud, oekonomichef):
    _ny_loen(oekonomichef)
    blad = takstblad_for(to_tilbud[1], 2026)
    linje = next(n for n in blad.niveauer if n.kode == "2")
    assert (blad.timepris_direkte, linje.servicetakst_pr_doegn) == (
        K("564.70"),
        K("1694.10"),
    )


def test_a_takstmodel_change_dates_the_own_models_takster_too(
    to_tilbud, oekonomichef, takstmodel_2026
):
    _ny_loen(oekonomichef)
    _niveau_2_fra_juni(oekonomichef, takstmodel_2026)
    juni = Takstskift.objects.filter(gyldig_fra=D(2026, 6, 1))
    assert sorted((s.timeprismodel_id is None, s.timepris_direkte) for s in juni) == [
        (False, K("564.70")),
        (True, K("492.07")),
    ]
    a, b = (tilbud_resultat(t, 2026, IDAG).budget for t in to_tilbud)
    assert b.aktivitet_korrigeret[2:6] == (
        K("51568.32"),
        K("50823.00"),
        K("52517.10"),  # 31 × 1.694,10
        K("59293.50"),  # 30 × 3,5 × 564,70
    )
    assert a.aktivitet_korrigeret[4:6] == (K("45762.51"), K("51667.50"))


def test_a_vedtaget_year_needs_the_date_for_an_own_model(to_tilbud, oekonomichef):
    Budgetaar.objects.update_or_create(
        aar=2026, defaults={"status": Budgetstatus.VEDTAGET}
    )
    with pytest.raises(ValidationError) as err:
        _ny_loen(oekonomichef, gyldig_fra=None)
    assert "gyldig_fra" in err.value.message_dict
    assert not Takstskift.objects.exists()


def test_an_undated_change_in_a_forslag_reprices_the_whole_year(
    to_tilbud, oekonomichef
):
    _ny_loen(oekonomichef, gyldig_fra=None)
    assert not Takstskift.objects.exists()
    budget = tilbud_resultat(to_tilbud[1], 2026, IDAG).budget
    assert budget.aktivitet_korrigeret[1] == K("47434.80")  # 28 × 1.694,10
