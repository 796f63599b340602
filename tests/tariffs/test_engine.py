"""DOMAIN.md §2-§5: timepris, takstmodel, basistakst and indplacering."""

from decimal import Decimal

import pytest

from tariffs.engine import (
    FRAVAER,
    TIDSANVENDELSE,
    DoegnskemaPost,
    Enhed,
    Linje,
    Niveau,
    Timeprisgrundlag,
    Ugepost,
    basistakst_pr_doegn,
    dage_i_aaret,
    direkte_timer,
    doegntakst,
    foreslaaet_niveau,
    fravaer_timer,
    fremmoede_timer,
    indirekte_timer,
    med_linje,
    servicetakst_pr_doegn,
    stoettetimer_pr_doegn,
    takstgivende_default,
    timepris_direkte,
    timepris_fremmoede,
    timepris_hvis,
    timepriser,
    timer_pr_doegn,
)


def eksempel() -> Timeprisgrundlag:
    """DOMAIN.md §2 worked example."""
    return Timeprisgrundlag(
        aarsloen=Decimal("480000"),
        aarsnorm_timer=Decimal("1924"),
        fravaer=(
            Linje("ferie", procent=Decimal("17")),
            Linje("egen_sygdom", procent=Decimal("5")),
        ),
        tidsanvendelse=(Linje("pauser", procent=Decimal("35")),),
    )


def niveauer_2025() -> tuple[Niveau, ...]:
    """DOMAIN.md §3: 8 levels of 2 hours per døgn plus 2 særtakster."""
    faste = tuple(
        Niveau(str(n), f"Niveau {n}", Decimal(2 * n - 2), Decimal(2 * n))
        for n in range(1, 9)
    )
    saer = (
        Niveau("S1", "Særtakst 1", Decimal(16), None, saertakst=True),
        Niveau("S2", "Særtakst 2", Decimal(16), None, saertakst=True),
    )
    return faste + saer


# --- §2 Timepris ---


def test_fravaer_in_percent_of_norm_matches_worked_example():
    assert fravaer_timer(eksempel()) == Decimal("423.28")


def test_fremmoede_matches_worked_example():
    assert fremmoede_timer(eksempel()) == Decimal("1500.72")


def test_tidsanvendelse_in_percent_of_fremmoede_matches_worked_example():
    assert indirekte_timer(eksempel()) == Decimal("525.252")


def test_direkte_timer_matches_worked_example():
    assert direkte_timer(eksempel()) == Decimal("975.468")


def test_timepris_fremmoede_matches_worked_example():
    assert timepris_fremmoede(eksempel()) == Decimal("319.85")


def test_timepris_direkte_matches_worked_example():
    assert timepris_direkte(eksempel()) == Decimal("492.07")


def test_lines_in_hours_are_taken_as_they_are():
    g = Timeprisgrundlag(
        Decimal("480000"),
        Decimal("1924"),
        fravaer=(Linje("ferie", timer=Decimal("222")),),
        tidsanvendelse=(Linje("pauser", timer=Decimal("100.5")),),
    )
    assert direkte_timer(g) == Decimal("1601.5")


def test_timepriser_holds_every_figure():
    t = timepriser(eksempel())
    assert (t.direkte_timer, t.timepris_direkte) == (
        Decimal("975.468"),
        Decimal("492.07"),
    )


def test_no_direct_time_is_refused_in_danish():
    g = Timeprisgrundlag(
        Decimal("480000"),
        Decimal("1924"),
        tidsanvendelse=(Linje("pauser", procent=Decimal("100")),),
    )
    with pytest.raises(ValueError, match="direkte timer"):
        timepris_direkte(g)


def test_line_needs_exactly_one_of_timer_and_procent():
    with pytest.raises(ValueError, match="enten timer eller procent"):
        Linje("ferie", timer=Decimal("1"), procent=Decimal("1"))


def test_hvis_sick_leave_up_one_percent_raises_timepris_direkte():
    hvis = timepris_hvis(
        eksempel(), fravaer={"egen_sygdom": Linje("egen_sygdom", procent=Decimal("6"))}
    )
    assert hvis.efter.timepris_direkte == Decimal("498.46")


def test_hvis_forskel_is_efter_minus_foer():
    hvis = timepris_hvis(
        eksempel(), fravaer={"egen_sygdom": Linje("egen_sygdom", procent=Decimal("6"))}
    )
    assert hvis.forskel.timepris_direkte == Decimal("6.39")


def test_hvis_keeps_the_original_as_foer():
    hvis = timepris_hvis(eksempel(), aarsloen=Decimal("500000"))
    assert hvis.foer.timepris_direkte == Decimal("492.07")


def test_hvis_new_aarsloen_changes_timepris_direkte():
    hvis = timepris_hvis(eksempel(), aarsloen=Decimal("500000"))
    assert hvis.efter.timepris_direkte == Decimal("512.57")


def test_med_linje_replaces_the_line_of_the_same_kategori():
    g = med_linje(eksempel(), FRAVAER, Linje("ferie", timer=Decimal("200")))
    assert g.fravaer[0] == Linje("ferie", timer=Decimal("200"))


def test_med_linje_adds_a_new_kategori_at_the_end():
    g = med_linje(eksempel(), TIDSANVENDELSE, Linje("mus", timer=Decimal("3")))
    assert len(g.tidsanvendelse) == 2


def test_hvis_refuses_a_line_under_another_kategori():
    with pytest.raises(ValueError, match="kategorien"):
        timepris_hvis(eksempel(), fravaer={"ferie": Linje("mus", timer=Decimal("1"))})


# --- §3 Takstmodel ---


def test_takstgivende_default_is_middle_of_span():
    assert takstgivende_default(Decimal("2"), Decimal("4")) == Decimal("3")


def test_minutes_per_doegn_convert_to_hours():
    assert timer_pr_doegn(Decimal("90"), Enhed.MINUTTER_PR_DOEGN) == Decimal("1.5")


def test_hours_per_week_convert_to_hours_per_doegn():
    assert timer_pr_doegn(Decimal("21"), Enhed.TIMER_PR_UGE) == Decimal("3")


def test_servicetakst_is_takstgivende_hours_times_timepris_direkte():
    niveau = niveauer_2025()[1]  # 2-4 h, takstgivende 3 h
    takst = servicetakst_pr_doegn(niveau, Enhed.TIMER_PR_DOEGN, Decimal("492.07"))
    assert takst == Decimal("1476.21")


def test_servicetakst_uses_explicit_takstgivende():
    niveau = Niveau("1", "Niveau 1", Decimal(0), Decimal(2), Decimal("1.25"))
    takst = servicetakst_pr_doegn(niveau, Enhed.TIMER_PR_DOEGN, Decimal("492.07"))
    assert takst == Decimal("615.09")


def test_servicetakst_in_hours_per_week_is_rounded_once():
    niveau = Niveau("1", "Niveau 1", Decimal(0), Decimal(10))  # takstgivende 5 h/uge
    takst = servicetakst_pr_doegn(niveau, Enhed.TIMER_PR_UGE, Decimal("492.07"))
    assert takst == Decimal("351.48")


def test_saertakst_uses_the_placements_hours_per_doegn():
    saer = niveauer_2025()[8]
    takst = servicetakst_pr_doegn(
        saer, Enhed.TIMER_PR_DOEGN, Decimal("492.07"), Decimal("20")
    )
    assert takst == Decimal("9841.40")


def test_saertakst_without_hours_is_refused_in_danish():
    with pytest.raises(ValueError, match="kræver timer pr. døgn"):
        servicetakst_pr_doegn(niveauer_2025()[8], Enhed.TIMER_PR_DOEGN, Decimal("1"))


# --- §4 Basistakst and døgntakst ---


def test_basistakst_matches_worked_example():
    takst = basistakst_pr_doegn(Decimal("2900000"), 8, 365, Decimal("97"))
    assert takst == Decimal("1023.87")


def test_doegntakst_is_basistakst_plus_servicetakst():
    assert doegntakst(Decimal("1023.87"), Decimal("1476.21")) == Decimal("2500.08")


def test_leap_year_has_366_days():
    assert dage_i_aaret(2028) == 366


def test_ordinary_year_has_365_days():
    assert dage_i_aaret(2025) == 365


# --- §5 Indplacering ---


def test_stoettetimer_adds_daily_minutes_and_a_seventh_of_weekly_minutes():
    poster = [
        DoegnskemaPost("morgen", "Egenomsorg", 60),
        DoegnskemaPost("aften", "Praktiske opgaver", 45),
    ]
    ugeposter = [Ugepost("Samfundsliv", 105)]
    assert stoettetimer_pr_doegn(poster, ugeposter) == Decimal("2")


def test_suggested_level_holds_the_total():
    niveau = foreslaaet_niveau(niveauer_2025(), Decimal("4.5"), Enhed.TIMER_PR_DOEGN)
    assert niveau is not None and niveau.kode == "3"


def test_total_exactly_on_a_bound_goes_to_the_higher_level():
    niveau = foreslaaet_niveau(niveauer_2025(), Decimal("4"), Enhed.TIMER_PR_DOEGN)
    assert niveau is not None and niveau.kode == "3"


def test_total_on_a_bound_via_weekly_minutes_goes_to_the_higher_level():
    # 600 min per week = 10 hours per week; the levels are per week, 0-10 and 10-20.
    niveauer = (
        Niveau("1", "Niveau 1", Decimal(0), Decimal(10)),
        Niveau("2", "Niveau 2", Decimal(10), Decimal(20)),
    )
    timer = stoettetimer_pr_doegn([], [Ugepost("Samfundsliv", 600)])
    niveau = foreslaaet_niveau(niveauer, timer, Enhed.TIMER_PR_UGE)
    assert niveau is not None and niveau.kode == "2"


def test_suggested_level_in_minutes_per_doegn():
    niveauer = (
        Niveau("1", "Niveau 1", Decimal(0), Decimal(120)),
        Niveau("2", "Niveau 2", Decimal(120), Decimal(240)),
    )
    niveau = foreslaaet_niveau(niveauer, Decimal("2.5"), Enhed.MINUTTER_PR_DOEGN)
    assert niveau is not None and niveau.kode == "2"


def test_above_the_top_level_suggests_the_first_saertakst():
    niveau = foreslaaet_niveau(niveauer_2025(), Decimal("17"), Enhed.TIMER_PR_DOEGN)
    assert niveau is not None and niveau.kode == "S1"


def test_above_the_top_level_without_saertakst_suggests_the_top_level():
    faste = niveauer_2025()[:8]
    niveau = foreslaaet_niveau(faste, Decimal("17"), Enhed.TIMER_PR_DOEGN)
    assert niveau is not None and niveau.kode == "8"


def test_below_every_level_suggests_nothing():
    niveauer = (Niveau("1", "Niveau 1", Decimal(1), Decimal(2)),)
    assert foreslaaet_niveau(niveauer, Decimal("0.5"), Enhed.TIMER_PR_DOEGN) is None


def test_sygefravaer_plus_one_point_raises_the_worked_timepris():
    from tariffs.engine import Linje, Timeprisgrundlag, sygefravaer_plus, timepris_hvis

    g = Timeprisgrundlag(
        Decimal("480000"),
        Decimal("1924"),
        fravaer=(
            Linje("ferie", procent=Decimal("17")),
            Linje("egen_sygdom", procent=Decimal("5")),
        ),
        tidsanvendelse=(Linje("pauser", procent=Decimal("35")),),
    )
    linje = sygefravaer_plus(g, Decimal("1"))
    hvis = timepris_hvis(g, fravaer={"egen_sygdom": linje})
    assert linje.procent == Decimal("6")
    assert hvis.foer.timepris_direkte == Decimal("492.07")
    assert hvis.efter.timepris_direkte > hvis.foer.timepris_direkte


def test_sygefravaer_plus_on_an_hours_line_adds_the_hours_of_the_point():
    from tariffs.engine import Linje, Timeprisgrundlag, sygefravaer_plus

    g = Timeprisgrundlag(
        Decimal("480000"),
        Decimal("1924"),
        fravaer=(Linje("egen_sygdom", timer=Decimal("100")),),
    )
    assert sygefravaer_plus(g, Decimal("1")).timer == Decimal("119.24")


# --- Valid levels (issue 12 item 12) -------------------------------------------


def _niveau(kode, nedre, oevre, takstgivende=None, saertakst=False) -> Niveau:
    def tal(v):
        return None if v is None else Decimal(v)

    return Niveau(
        kode, f"Niveau {kode}", Decimal(nedre), tal(oevre), tal(takstgivende), saertakst
    )


def _stige_2025() -> list[Niveau]:
    """DOMAIN.md §3: 8 levels of 2 hours per døgn, then 2 særtakster."""
    faste = [_niveau(str(i), 2 * (i - 1), 2 * i) for i in range(1, 9)]
    return faste + [
        _niveau("S1", "16", None, saertakst=True),
        _niveau("S2", "16", None, saertakst=True),
    ]


def test_the_2025_ladder_has_no_errors():
    from tariffs.engine import niveau_fejl

    assert niveau_fejl(_stige_2025()) == []


def test_overlapping_spans_are_an_error_on_the_upper_levels_nedre():
    from tariffs.engine import OVERLAP, niveau_fejl

    # Niveau 2 runs to 4,5 and niveau 3 starts at 4: [4; 4,5) would be in both.
    niveauer = [
        _niveau("1", "0", "2"),
        _niveau("2", "2", "4.5"),
        _niveau("3", "4", "6"),
    ]
    assert niveau_fejl(niveauer) == [
        (2, "nedre", OVERLAP.format(forrige="2", oevre="4,5"))
    ]


def test_a_gap_between_spans_is_an_error_on_the_upper_levels_nedre():
    from tariffs.engine import HUL, niveau_fejl

    # Niveau 1 ends at 2 and niveau 2 starts at 3: [2; 3) would have no level.
    niveauer = [_niveau("1", "0", "2"), _niveau("2", "3", "4")]
    assert niveau_fejl(niveauer) == [(1, "nedre", HUL.format(forrige="1", oevre="2"))]


def test_spans_out_of_order_are_an_overlap():
    from tariffs.engine import OVERLAP, niveau_fejl

    niveauer = [_niveau("2", "2", "4"), _niveau("1", "0", "2")]
    assert niveau_fejl(niveauer) == [
        (1, "nedre", OVERLAP.format(forrige="2", oevre="4"))
    ]


def test_lower_bound_above_upper_is_an_error_on_oevre():
    from tariffs.engine import OEVRE_IKKE_OVER_NEDRE, niveau_fejl

    assert niveau_fejl([_niveau("1", "4", "2")]) == [
        (0, "oevre", OEVRE_IKKE_OVER_NEDRE)
    ]


def test_a_negative_lower_bound_is_an_error_on_nedre():
    from tariffs.engine import NEDRE_NEGATIV, niveau_fejl

    assert niveau_fejl([_niveau("1", "-1", "2")]) == [(0, "nedre", NEDRE_NEGATIV)]


def test_takstgivende_above_the_span_is_an_error_on_takstgivende():
    from tariffs.engine import TAKSTGIVENDE_UDENFOR, niveau_fejl

    niveauer = [_niveau("1", "0", "2"), _niveau("2", "2", "4", takstgivende="5")]
    assert niveau_fejl(niveauer) == [
        (1, "takstgivende", TAKSTGIVENDE_UDENFOR.format(nedre="2", oevre="4"))
    ]


def test_takstgivende_on_the_upper_bound_is_outside_the_span():
    from tariffs.engine import TAKSTGIVENDE_UDENFOR, niveau_fejl

    # The upper bound is exclusive: 4 belongs to the next level.
    assert niveau_fejl([_niveau("2", "2", "4", takstgivende="4")]) == [
        (0, "takstgivende", TAKSTGIVENDE_UDENFOR.format(nedre="2", oevre="4"))
    ]


def test_takstgivende_on_the_lower_bound_is_inside_the_span():
    from tariffs.engine import niveau_fejl

    assert niveau_fejl([_niveau("2", "2", "4", takstgivende="2")]) == []


def test_top_level_takstgivende_below_its_lower_bound_is_an_error():
    from tariffs.engine import TAKSTGIVENDE_UNDER_NEDRE, niveau_fejl

    niveauer = [_niveau("1", "0", "2"), _niveau("2", "2", None, takstgivende="1.5")]
    assert niveau_fejl(niveauer) == [
        (1, "takstgivende", TAKSTGIVENDE_UNDER_NEDRE.format(nedre="2"))
    ]


def test_top_level_without_upper_bound_needs_takstgivende():
    from tariffs.engine import TAKSTGIVENDE_MANGLER, niveau_fejl

    assert niveau_fejl([_niveau("1", "0", None)]) == [
        (0, "takstgivende", TAKSTGIVENDE_MANGLER)
    ]


def test_only_the_top_level_may_lack_an_upper_bound():
    from tariffs.engine import KUN_TOPPEN_AABEN, niveau_fejl

    niveauer = [_niveau("1", "0", None, takstgivende="1"), _niveau("2", "2", "4")]
    assert niveau_fejl(niveauer) == [(0, "oevre", KUN_TOPPEN_AABEN)]


def test_saertakst_levels_stand_outside_the_ladder():
    from tariffs.engine import niveau_fejl

    # S1 sits between 1 and 2 and overlaps both; it has no fixed hours.
    niveauer = [
        _niveau("1", "0", "2"),
        _niveau("S1", "1", None, saertakst=True),
        _niveau("2", "2", "4"),
    ]
    assert niveau_fejl(niveauer) == []


def test_the_same_code_twice_is_an_error_on_the_second_kode():
    from tariffs.engine import KODE_TO_GANGE, niveau_fejl

    niveauer = [_niveau("1", "0", "2"), _niveau("1", "2", "4")]
    assert niveau_fejl(niveauer) == [(1, "kode", KODE_TO_GANGE.format(kode="1"))]
