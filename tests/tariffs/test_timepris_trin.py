"""Issue 17: tiered timepriser, time use as the sources give it, salary items.

The worked example, computed by hand (DOMAIN.md §2 style):

    årsløn 450.000 + vikar 12.000 − dagpengerefusion 8.000 = 454.000 kr.
    årsnorm 1.924 t; a fremmødeuge is 1.924 / 52 = 37 t, a fremmødedag 7,4 t
    fravær: ferie 185 t + egen sygdom 6 % of 1.924 = 115,44 t   -> 300,44 t
    fremmøde: 1.924 − 300,44 = 1.623,56 t = 1.623,56 / 37 = 43,88 fremmødeuger
    tidsanvendelse:
      pauser 0,5 t pr. fremmødedag: 0,5 × 43,88 × 5 = 0,5 × 219,4 = 109,7 t
      personalemøder 1,5 t pr. fremmødeuge: 1,5 × 43,88        =  65,82 t
      dokumentation 5 % of fremmøde: 0,05 × 1.623,56            =  81,178 t
      uddannelse 1 % of the norm: 0,01 × 1.924                  =  19,24 t
      MUS 4 t pr. år                                             =   4 t
      indirekte = 109,7 + 65,82 + 81,178 + 19,24 + 4           = 279,938 t
    direkte = 1.623,56 − 279,938 = 1.343,622 t
    timepris_direkte   = 454.000 / 1.343,622 = 337,8926… -> 337,89 kr.
    timepris_fremmoede = 454.000 / 1.623,56  = 279,6324… -> 279,63 kr.
    tiers (direct share of fremmøde):
      niveau 2–4  62 %: 1.623,56 × 0,62 = 1.006,6072 t; 454.000 / 1.006,6072
                        = 451,0200… -> 451,02 kr.
      niveau 5–16 64 %: 1.623,56 × 0,64 = 1.039,0784 t; 454.000 / 1.039,0784
                        = 436,9256… -> 436,93 kr.
      niveau 17+  68 %: 1.623,56 × 0,68 = 1.104,0208 t; 454.000 / 1.104,0208
                        = 411,2241… -> 411,22 kr.
    servicetakster (levels of 2 hours per døgn, takstgivende the middle):
      niveau 1 (no tier): 1 t × 337,89 =    337,89 kr.
      niveau 3  (2–4):    5 t × 451,02 =  2.255,10 kr.
      niveau 8  (5–16):  15 t × 436,93 =  6.553,95 kr.
      niveau 17 (17+):   33 t × 411,22 = 13.570,26 kr.
"""

from decimal import Decimal

import pytest

from tariffs.engine import (
    DAGPENGEREFUSION,
    GRUPPE_OVERLAP,
    Enhed,
    Linje,
    Loenpost,
    Niveau,
    Timeprisgrundlag,
    Timeprisgruppe,
    direkte_timer,
    direkte_timer_gruppe,
    fravaer_timer,
    fremmoedeuger,
    gruppe_fejl,
    indirekte_timer,
    loen_i_alt,
    servicetakster,
    timepris_direkte,
    timepris_for_niveau,
    timepris_fremmoede,
    timepris_gruppe,
    timer_af_pr_fremmoededag,
    timer_af_pr_fremmoedeuge,
    timer_af_procent,
)

D = Decimal
TRIN = (
    Timeprisgruppe(2, 4, D("62")),
    Timeprisgruppe(5, 16, D("64")),
    Timeprisgruppe(17, None, D("68")),
)


def eksempel(grupper=TRIN) -> Timeprisgrundlag:
    return Timeprisgrundlag(
        aarsloen=D("450000"),
        aarsnorm_timer=D("1924"),
        fravaer=(
            Linje("ferie", timer=D("185")),
            Linje("egen_sygdom", procent=D("6")),
        ),
        tidsanvendelse=(
            Linje("pauser", timer_pr_dag=D("0.5")),
            Linje("personalemoeder", timer_pr_uge=D("1.5")),
            Linje("dokumentation", procent=D("5")),
            Linje("uddannelse", procent_aarsnorm=D("1")),
            Linje("mus", timer=D("4")),
        ),
        loenposter=(
            Loenpost("vikar", D("12000")),
            Loenpost(DAGPENGEREFUSION, D("-8000")),
        ),
        grupper=grupper,
    )


def stige() -> list[Niveau]:
    """17 levels of 2 hours per døgn (the top open, 33 hours) and a særtakst."""
    niveauer = [
        Niveau(str(n), f"Niveau {n}", D(2 * n - 2), D(2 * n)) for n in range(1, 17)
    ]
    niveauer.append(Niveau("17", "Niveau 17", D(32), None, takstgivende=D(33)))
    niveauer.append(Niveau("S1", "Særtakst", D(34), None, saertakst=True))
    return niveauer


# --- The conversions, one rule each --------------------------------------------


def test_percent_of_a_base_is_that_share_of_its_hours():
    # 5 % of 1.623,56 = 81,178
    assert timer_af_procent(D("5"), D("1623.56")) == D("81.178")


def test_fremmoedeuger_are_fremmoede_over_a_52nd_of_the_norm():
    # 1.623,56 / (1.924 / 52) = 1.623,56 / 37 = 43,88
    assert fremmoedeuger(D("1623.56"), D("1924")) == D("43.88")


def test_hours_per_fremmoedeuge_times_the_weeks_attended():
    # 1,5 × 43,88 = 65,82
    assert timer_af_pr_fremmoedeuge(D("1.5"), D("1623.56"), D("1924")) == D("65.82")


def test_hours_per_fremmoededag_times_five_days_a_week_attended():
    # 0,5 × 5 × 43,88 = 109,7
    assert timer_af_pr_fremmoededag(D("0.5"), D("1623.56"), D("1924")) == D("109.7")


def test_a_line_in_two_forms_is_refused():
    with pytest.raises(ValueError):
        Linje("pauser", timer=D("10"), timer_pr_dag=D("0.5"))


def test_fravaer_per_fremmoededag_is_refused_fremmoede_comes_after_it():
    g = Timeprisgrundlag(
        D("450000"), D("1924"), fravaer=(Linje("ferie", timer_pr_dag=D("1")),)
    )
    with pytest.raises(ValueError):
        fravaer_timer(g)


def test_dagpengerefusion_must_be_negative():
    with pytest.raises(ValueError):
        Loenpost(DAGPENGEREFUSION, D("8000"))


def test_vikar_must_not_be_negative():
    with pytest.raises(ValueError):
        Loenpost("vikar", D("-1"))


# --- The worked example ----------------------------------------------------------


def test_salary_items_are_added_to_the_aarsloen():
    # 450.000 + 12.000 − 8.000 = 454.000
    assert loen_i_alt(eksempel()) == D("454000")


def test_fravaer_of_the_example():
    # 185 + 0,06 × 1.924 = 185 + 115,44 = 300,44
    assert fravaer_timer(eksempel()) == D("300.44")


def test_indirekte_timer_mix_every_entry_form():
    # 109,7 + 65,82 + 81,178 + 19,24 + 4 = 279,938
    assert indirekte_timer(eksempel()) == D("279.938")


def test_direkte_timer_of_the_example():
    # 1.623,56 − 279,938 = 1.343,622
    assert direkte_timer(eksempel()) == D("1343.622")


def test_timepris_direkte_divides_the_salary_with_its_items():
    # 454.000 / 1.343,622 = 337,8926… -> 337,89
    assert timepris_direkte(eksempel()) == D("337.89")


def test_timepris_fremmoede_divides_the_salary_with_its_items():
    # 454.000 / 1.623,56 = 279,6324… -> 279,63
    assert timepris_fremmoede(eksempel()) == D("279.63")


def test_a_tiers_direct_hours_are_its_share_of_fremmoede():
    # 1.623,56 × 62 % = 1.006,6072
    assert direkte_timer_gruppe(eksempel(), TRIN[0]) == D("1006.6072")


@pytest.mark.parametrize(
    ("gruppe", "forventet"),
    [
        (TRIN[0], D("451.02")),  # 454.000 / 1.006,6072 = 451,0200…
        (TRIN[1], D("436.93")),  # 454.000 / 1.039,0784 = 436,9256…
        (TRIN[2], D("411.22")),  # 454.000 / 1.104,0208 = 411,2241…
    ],
)
def test_each_tier_has_its_own_timepris(gruppe, forventet):
    assert timepris_gruppe(eksempel(), gruppe) == forventet


@pytest.mark.parametrize(
    ("raekkefoelge", "forventet"),
    [
        (1, D("337.89")),  # in no tier: timepris_direkte
        (2, D("451.02")),
        (4, D("451.02")),
        (5, D("436.93")),
        (16, D("436.93")),
        (17, D("411.22")),
        (30, D("411.22")),  # 17+ is open upwards
    ],
)
def test_a_level_uses_the_timepris_of_its_tier(raekkefoelge, forventet):
    assert timepris_for_niveau(eksempel(), raekkefoelge) == forventet


@pytest.mark.parametrize(
    ("kode", "forventet"),
    [
        ("1", D("337.89")),  # 1 t × 337,89
        ("3", D("2255.10")),  # 5 t × 451,02
        ("8", D("6553.95")),  # 15 t × 436,93
        ("17", D("13570.26")),  # 33 t × 411,22
    ],
)
def test_servicetakst_is_takstgivende_timer_times_the_tiers_timepris(kode, forventet):
    takster = servicetakster(eksempel(), stige(), Enhed.TIMER_PR_DOEGN)
    assert takster[kode] == forventet


def test_servicetakster_leave_out_the_saertakst():
    assert "S1" not in servicetakster(eksempel(), stige(), Enhed.TIMER_PR_DOEGN)


def test_without_tiers_every_level_uses_timepris_direkte():
    # niveau 17: 33 t × 337,89 = 11.150,37
    takster = servicetakster(eksempel(grupper=()), stige(), Enhed.TIMER_PR_DOEGN)
    assert takster["17"] == D("11150.37")


def test_overlapping_tiers_are_refused():
    grupper = (Timeprisgruppe(2, 5, D("62")), Timeprisgruppe(5, None, D("64")))
    assert gruppe_fejl(grupper) == [GRUPPE_OVERLAP.format(niveau=5)]


def test_valid_tiers_have_no_errors():
    assert gruppe_fejl(TRIN) == []


def test_a_refund_above_the_salary_is_refused():
    # 450.000 − 450.000 = 0 kr.: no salary to divide
    g = Timeprisgrundlag(
        D("450000"), D("1924"), loenposter=(Loenpost(DAGPENGEREFUSION, D("-450000")),)
    )
    with pytest.raises(ValueError):
        timepris_direkte(g)
