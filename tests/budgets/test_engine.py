"""DOMAIN.md §6-§8: financed periods, principles, ledger, key figures.

Simple takster keep the expected figures readable: servicetakst 100, 200 and 300
kr. per døgn for levels 1-3, basistakst 1,000 kr.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    Ramme,
    TilbudGrundlag,
    aarstotal,
    bemanding,
    bidrag,
    bidrag_oprindeligt,
    central_budget,
    finansieret_til,
    noegletal,
    overlap_days,
    paakraevede_timer,
    tilbud_budget,
)
from budgets.forklaring import regulering_tekst

AAR = 2025
PRISLISTE = Prisliste(
    aar=AAR,
    timepris_direkte=Decimal("492.07"),
    servicetakster={"1": Decimal("100"), "2": Decimal("200"), "3": Decimal("300")},
    basistakst=Decimal("1000"),
)


def ophold(
    id: int = 1,
    tilgang: date = date(2024, 6, 1),
    afgang: date | None = None,
    niveauer: tuple[tuple[date, str], ...] | None = None,
    **kwargs,
) -> Ophold:
    """An ophold; by default a 1 January resident at level 1 since its tilgang."""
    niveauer = niveauer if niveauer is not None else ((tilgang, "1"),)
    indplaceringer = tuple(Indplacering(dato, kode) for dato, kode in niveauer)
    return Ophold(id, f"Borger {id}", tilgang, afgang, indplaceringer, **kwargs)


def tilbud(princip: str = "hybrid", **kwargs) -> TilbudGrundlag:
    felter = {
        "id": 1,
        "navn": "Bofællesskabet",
        "pladser": 2,
        "tildelingsprincip": princip,
        "forudsat_belaegning": Decimal("100"),
        "reguleringsandel": Decimal("50"),
        "faste_udgifter": Decimal("2900000"),
        "ramme": None,
    }
    return TilbudGrundlag(**(felter | kwargs))


RAMME = Ramme(
    rammebeloeb=Decimal("1200000"),
    dimensioneret_pladser=2,
    tillaeg_pr_borger_pr_maaned=Decimal("10500"),
    forventede_borgere=Decimal("2"),
    timer_pr_borger_pr_doegn=Decimal("3"),
)


def service(o: Ophold, aar: int = AAR) -> tuple[Decimal, ...]:
    return bidrag(o, PRISLISTE, aar, inkl_basistakst=False)


# --- Financed period and segments (§6, §8) ---


def test_overlap_days_counts_both_ends():
    assert (
        overlap_days(date(2025, 3, 1), date(2025, 3, 10), date(2025, 3, 5), None) == 6
    )


def test_overlap_days_of_disjoint_intervals_is_zero():
    days = overlap_days(date(2025, 1, 1), date(2025, 1, 31), date(2025, 3, 1), None)
    assert days == 0


def test_afgang_10_march_is_financed_through_30_april():
    assert finansieret_til(date(2025, 3, 10)) == date(2025, 4, 30)


def test_afgang_10_march_finances_all_of_april():
    assert service(ophold(afgang=date(2025, 3, 10)))[3] == Decimal("3000")


def test_afgang_10_march_finances_nothing_in_may():
    assert service(ophold(afgang=date(2025, 3, 10)))[4] == 0


def test_afgang_15_december_is_financed_through_january_next_year():
    assert finansieret_til(date(2025, 12, 15)) == date(2026, 1, 31)


def test_afgang_15_december_counts_only_december_days_this_year():
    o = ophold(tilgang=date(2025, 12, 1), afgang=date(2025, 12, 15))
    assert aarstotal(service(o)) == Decimal("3100")


def test_afgang_15_december_finances_january_of_next_year():
    o = ophold(tilgang=date(2025, 12, 1), afgang=date(2025, 12, 15))
    assert aarstotal(service(o, 2026)) == Decimal("3100")


def test_tilgang_29_february_in_leap_year_finances_that_day():
    o = ophold(tilgang=date(2028, 2, 29))
    assert service(o, 2028)[1] == Decimal("100")


def test_tilgang_29_february_in_leap_year_finances_307_days():
    o = ophold(tilgang=date(2028, 2, 29))
    assert aarstotal(service(o, 2028)) == Decimal("30700")


def test_resident_in_leap_year_is_financed_366_days():
    assert aarstotal(service(ophold(), 2028)) == Decimal("36600")


def test_level_change_mid_month_splits_the_month():
    o = ophold(niveauer=((date(2024, 6, 1), "1"), (date(2025, 3, 16), "2")))
    assert service(o)[2] == Decimal("4700")  # 15 × 100 + 16 × 200


def test_days_before_the_first_indplacering_are_not_financed():
    o = ophold(tilgang=date(2025, 3, 1), niveauer=((date(2025, 3, 11), "1"),))
    assert service(o)[2] == Decimal("2100")


def test_run_off_after_afgang_is_paid_at_the_last_level():
    o = ophold(
        afgang=date(2025, 3, 10),
        niveauer=((date(2024, 6, 1), "1"), (date(2025, 3, 1), "2")),
    )
    assert service(o)[3] == Decimal("6000")


def test_bidrag_with_basistakst_adds_basistakst_per_day():
    o = ophold()
    assert bidrag(o, PRISLISTE, AAR, inkl_basistakst=True)[0] == Decimal("34100")


def test_old_level_code_before_the_year_needs_no_takst():
    o = ophold(niveauer=((date(2024, 6, 1), "gammel"), (date(2024, 12, 1), "1")))
    assert aarstotal(service(o)) == Decimal("36500")


def test_saertakst_comes_from_the_placements_hours():
    indplacering = Indplacering(date(2025, 1, 1), "S1", saertakst_timer=Decimal("20"))
    assert PRISLISTE.servicetakst(indplacering) == Decimal("9841.40")


def test_level_without_takst_is_refused_in_danish():
    with pytest.raises(ValueError, match="har ingen servicetakst"):
        PRISLISTE.servicetakst(Indplacering(date(2025, 1, 1), "S1"))


def test_afgang_before_tilgang_is_refused():
    with pytest.raises(ValueError, match="før tilgangen"):
        ophold(tilgang=date(2025, 3, 1), afgang=date(2025, 2, 1))


# --- Oprindeligt (§6) ---


def test_oprindeligt_ignores_the_residents_afgang():
    o = ophold(afgang=date(2025, 3, 10))
    total = aarstotal(bidrag_oprindeligt(o, PRISLISTE, AAR, inkl_basistakst=False))
    assert total == Decimal("36500")


def test_oprindeligt_uses_the_level_in_force_on_1_january():
    o = ophold(niveauer=((date(2024, 6, 1), "2"), (date(2025, 6, 1), "3")))
    total = aarstotal(bidrag_oprindeligt(o, PRISLISTE, AAR, inkl_basistakst=False))
    assert total == Decimal("73000")


def test_oprindeligt_of_a_newcomer_is_zero():
    o = ophold(tilgang=date(2025, 3, 1))
    total = aarstotal(bidrag_oprindeligt(o, PRISLISTE, AAR, inkl_basistakst=False))
    assert total == 0


def test_oprindeligt_of_someone_who_left_before_december_is_zero():
    # Afgang 15 November 2024 is financed through 31 December 2024.
    o = ophold(afgang=date(2024, 11, 15))
    total = aarstotal(bidrag_oprindeligt(o, PRISLISTE, AAR, inkl_basistakst=False))
    assert total == 0


def test_oprindeligt_of_a_december_leaver_is_the_january_run_off_only():
    # DOMAIN §8: an afgang already registered counts. Afgang 15 December 2024 is
    # financed through 31 January 2025: 31 days × 100 = 3,100 kr., not all year.
    o = ophold(afgang=date(2024, 12, 15))
    total = aarstotal(bidrag_oprindeligt(o, PRISLISTE, AAR, inkl_basistakst=False))
    assert total == Decimal("3100")


def test_afgang_on_1_january_is_in_the_oprindeligt_for_its_run_off_only():
    # [tilgang, 1 Jan): not living there on 1 January; financed through 28
    # February: (31 + 28) × 100 = 5,900 kr.
    o = ophold(afgang=date(2025, 1, 1))
    total = aarstotal(bidrag_oprindeligt(o, PRISLISTE, AAR, inkl_basistakst=False))
    assert total == Decimal("5900")


# --- Hybrid (§6) ---


def test_hybrid_fast_months_sum_to_faste_udgifter():
    budget = tilbud_budget(tilbud(), [ophold()], PRISLISTE, AAR)
    assert budget.fast_aar == Decimal("2900000")


def test_hybrid_fast_is_spread_by_days():
    budget = tilbud_budget(tilbud(), [ophold()], PRISLISTE, AAR)
    assert budget.fast[0] == Decimal("246301.37")  # 2,900,000 × 31 / 365


def test_hybrid_aktivitet_is_servicetakst_times_financed_days():
    budget = tilbud_budget(tilbud(), [ophold(afgang=date(2025, 3, 10))], PRISLISTE, AAR)
    assert budget.aktivitet_korrigeret_aar == Decimal("12000")


def test_hybrid_total_korrigeret_is_fast_plus_aktivitet():
    budget = tilbud_budget(tilbud(), [ophold()], PRISLISTE, AAR)
    assert budget.total_korrigeret_aar == Decimal("2936500")


# --- Aktivitet (§6): residents at level 1 (døgntakst 1,100) and 3 (1,300) ---


def aktivitet_budget(reguleringsandel: str = "50", **kwargs):
    opholdene = [
        ophold(1),
        ophold(2, afgang=date(2025, 3, 10), niveauer=((date(2024, 6, 1), "3"),)),
    ]
    t = tilbud("aktivitet", reguleringsandel=Decimal(reguleringsandel), **kwargs)
    return tilbud_budget(t, opholdene, PRISLISTE, AAR)


def test_aktivitet_has_no_fast_budget():
    assert aktivitet_budget().fast_aar == 0


def test_aktivitet_oprindeligt_at_assumed_belaegning_equals_forudsat():
    assert aktivitet_budget().aktivitet_oprindeligt[4] == Decimal("74400")


def test_aktivitet_regulation_share_50_halves_the_deviation():
    # F = 2 × 31 × 1,200 = 74,400; A = 31 × 1,100 = 34,100.
    assert aktivitet_budget().aktivitet_korrigeret[4] == Decimal("54250.00")


def test_aktivitet_regulation_share_100_is_pure_activity():
    assert aktivitet_budget("100").aktivitet_korrigeret[4] == Decimal("34100")


def test_aktivitet_regulation_share_0_is_a_frame_at_assumed_belaegning():
    assert aktivitet_budget("0").aktivitet_korrigeret[4] == Decimal("74400")


def test_aktivitet_forudsat_uses_the_assumed_belaegning():
    budget = aktivitet_budget(forudsat_belaegning=Decimal("50"))
    assert budget.forudsat_aktivitet[4] == Decimal("37200.00")


def test_aktivitet_without_1_january_residents_is_pure_activity():
    t = tilbud("aktivitet")
    budget = tilbud_budget(t, [ophold(tilgang=date(2025, 3, 1))], PRISLISTE, AAR)
    assert budget.aktivitet_korrigeret[4] == Decimal("34100")


# --- Ramme (§6): frame for 2 places, a third borger from 1 March ---


def ramme_budget():
    opholdene = [
        ophold(1),
        ophold(2),
        ophold(3, tilgang=date(2025, 3, 15), afgang=date(2025, 5, 20)),
    ]
    return tilbud_budget(tilbud("ramme", ramme=RAMME), opholdene, PRISLISTE, AAR)


def test_ramme_fast_is_the_frame_spread_over_the_year():
    assert ramme_budget().fast_aar == Decimal("1200000")


def test_ramme_has_no_activity_budget():
    assert ramme_budget().aktivitet_korrigeret_aar == 0


def test_ramme_overkapacitet_is_pro_rata_per_financed_day_above_the_places():
    # The third borger is above the 2 places from 15 March: 17 of 31 days.
    # 17 / 31 × 10,500 = 5,758.0645… → 5,758.06 kr.
    assert ramme_budget().overkapacitet[2] == Decimal("5758.06")


def test_ramme_overkapacitet_covers_the_financed_run_off():
    # Afgang 20 May is financed through June: March 5,758.06 (above) + April, May
    # and June 3 × 10,500 = 31,500 → 37,258.06 kr.
    assert ramme_budget().overkapacitet_aar == Decimal("37258.06")


def test_ramme_korrigeret_total_includes_overkapacitet():
    # 1,200,000 frame + 37,258.06 tillæg
    assert ramme_budget().total_korrigeret_aar == Decimal("1237258.06")


def test_ramme_tillaeg_for_a_borger_arriving_31_march_is_one_day():
    # DOMAIN §8 / issue 12 item 7: 1/31 × 10,500 = 338.709… → 338.71 kr. in March.
    opholdene = [
        ophold(1),
        ophold(2),
        ophold(3, tilgang=date(2025, 3, 31), niveauer=((date(2025, 3, 31), "1"),)),
    ]
    budget = tilbud_budget(tilbud("ramme", ramme=RAMME), opholdene, PRISLISTE, AAR)
    assert budget.overkapacitet[2] == Decimal("338.71")


def test_ramme_tillaeg_counts_each_borger_above_the_places_per_day():
    # N = 2, four borgere: two residents, one from 11 April (20 days above), one
    # from 21 April (10 days, a second borger above N): (20 + 10) / 30 × 10,500
    # = 10,500 kr. in April.
    opholdene = [
        ophold(1),
        ophold(2),
        ophold(3, tilgang=date(2025, 4, 11), niveauer=((date(2025, 4, 11), "1"),)),
        ophold(4, tilgang=date(2025, 4, 21), niveauer=((date(2025, 4, 21), "1"),)),
    ]
    budget = tilbud_budget(tilbud("ramme", ramme=RAMME), opholdene, PRISLISTE, AAR)
    assert budget.overkapacitet[3] == Decimal("10500.00")


def test_ramme_oprindeligt_has_no_overkapacitet_with_two_residents():
    assert ramme_budget().total_oprindeligt_aar == Decimal("1200000")


def test_ramme_forudsat_aktivitet_is_borgere_times_hours_times_timepris():
    assert ramme_budget().forudsat_aktivitet[0] == Decimal("91525.02")


def test_ramme_faktisk_aktivitet_is_servicetakst_times_financed_days():
    assert ramme_budget().faktisk_aktivitet[0] == Decimal("6200")


def test_ramme_tilbud_without_ramme_has_fast_budget_0_and_no_tillaeg():
    # Four borgere on N = 2 places would earn a tillæg with a frame; without
    # one the budget is 0 kr. all year (issue 12 #5; engine.advarsler says why).
    opholdene = [ophold(i) for i in range(1, 5)]
    budget = tilbud_budget(tilbud("ramme"), opholdene, PRISLISTE, AAR)
    assert budget.total_korrigeret_aar == Decimal("0")


# --- Ledger (§8) ---


def test_ledger_sums_to_korrigeret_minus_oprindeligt_for_hybrid():
    opholdene = [
        ophold(1, afgang=date(2025, 3, 10)),
        ophold(2, tilgang=date(2025, 2, 10), niveauer=((date(2025, 2, 10), "2"),)),
    ]
    budget = tilbud_budget(tilbud(), opholdene, PRISLISTE, AAR)
    summen = sum(r.beloeb for r in budget.ledger)
    assert summen == budget.total_korrigeret_aar - budget.total_oprindeligt_aar


def test_a_budget_without_ledger_differs_only_in_the_ledger():
    opholdene = [
        ophold(1, afgang=date(2025, 3, 10)),
        ophold(2, tilgang=date(2025, 2, 10)),
    ]
    fuld = tilbud_budget(tilbud(), opholdene, PRISLISTE, AAR)
    uden = tilbud_budget(tilbud(), opholdene, PRISLISTE, AAR, med_ledger=False)
    assert (uden.ledger, uden) == ((), dataclasses.replace(fuld, ledger=()))


def test_ledger_sums_to_korrigeret_minus_oprindeligt_for_aktivitet():
    budget = aktivitet_budget()
    summen = sum(r.beloeb for r in budget.ledger)
    assert summen == budget.total_korrigeret_aar - budget.total_oprindeligt_aar


def test_ledger_sums_to_korrigeret_minus_oprindeligt_for_ramme():
    budget = ramme_budget()
    summen = sum(r.beloeb for r in budget.ledger)
    assert summen == budget.total_korrigeret_aar - budget.total_oprindeligt_aar


def test_afgang_entry_describes_who_what_when_and_how_much():
    budget = tilbud_budget(tilbud(), [ophold(afgang=date(2025, 3, 10))], PRISLISTE, AAR)
    beskrivelse = regulering_tekst(budget.ledger[0])
    assert (
        beskrivelse
        == "Afgang 10.03.2025: aktivitetsbudget \u221224.500,00 kr. fra 1. maj"
    )


def test_tilgang_entry_adds_the_first_level_from_the_tilgang():
    o = ophold(tilgang=date(2025, 3, 1), niveauer=((date(2025, 3, 1), "2"),))
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert (budget.ledger[0].haendelse, budget.ledger[0].beloeb) == (
        "tilgang",
        Decimal("61200"),
    )


def test_tilgang_entry_names_its_level():
    o = ophold(tilgang=date(2025, 3, 1), niveauer=((date(2025, 3, 1), "2"),))
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert budget.ledger[0].niveau_kode == "2"


def test_indplacering_entry_is_the_difference_from_its_date():
    o = ophold(niveauer=((date(2024, 6, 1), "1"), (date(2025, 12, 1), "3")))
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert budget.ledger[0].maaneder[11] == Decimal("6200")


def test_residents_level_change_before_1_january_is_in_the_base():
    o = ophold(niveauer=((date(2024, 6, 1), "1"), (date(2024, 12, 1), "3")))
    assert tilbud_budget(tilbud(), [o], PRISLISTE, AAR).ledger == ()


def test_a_december_leaver_makes_no_ledger_entry():
    # DOMAIN §8: the January run-off (3,100 kr.) is in the oprindeligt budget.
    o = ophold(tilgang=date(2024, 6, 1), afgang=date(2024, 12, 15))
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert (budget.ledger, budget.aktivitet_oprindeligt_aar) == ((), Decimal("3100"))


def test_a_stay_ended_before_the_year_and_a_return_before_it_make_no_entry():
    # Afgang 10 November 2024 (financed through 31 December 2024), back 20
    # December 2024: a 1 January resident, 1 Jan-31 Dec 2025 = 365 × 100 =
    # 36,500 kr. in the oprindeligt budget, and nothing to regulate.
    foer = ophold(1, tilgang=date(2024, 6, 1), afgang=date(2024, 11, 10))
    igen = ophold(2, tilgang=date(2024, 12, 20))
    budget = tilbud_budget(tilbud(), [foer, igen], PRISLISTE, AAR)
    assert [(r.haendelse, r.beloeb) for r in budget.ledger] == []
    assert budget.aktivitet_oprindeligt_aar == Decimal("36500")


def test_event_after_the_year_without_effect_is_dropped():
    o = ophold(afgang=date(2026, 3, 1))
    assert tilbud_budget(tilbud(), [o], PRISLISTE, AAR).ledger == ()


def test_event_in_the_year_without_effect_is_kept():
    o = ophold(afgang=date(2025, 11, 20))  # financed through December anyway
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert regulering_tekst(budget.ledger[0]) == (
        "Afgang 20.11.2025: ingen ændring af aktivitetsbudget"
    )


def test_late_registration_keeps_its_registration_date():
    o = ophold(afgang=date(2025, 3, 10), afgang_registreret=date(2025, 5, 2))
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert (budget.ledger[0].virkning_fra, budget.ledger[0].dato_registreret) == (
        date(2025, 3, 10),
        date(2025, 5, 2),
    )


def test_ledger_is_ordered_by_effective_date():
    opholdene = [
        ophold(1, afgang=date(2025, 9, 1)),
        ophold(2, tilgang=date(2025, 2, 1)),
    ]
    budget = tilbud_budget(tilbud(), opholdene, PRISLISTE, AAR)
    assert [r.ophold_id for r in budget.ledger] == [2, 1]


def test_omplacering_entry_names_the_other_tilbud():
    o = ophold(afgang=date(2025, 3, 10), omplacering_til="Botilbuddet Engen")
    budget = tilbud_budget(tilbud(), [o], PRISLISTE, AAR)
    assert regulering_tekst(budget.ledger[0]).startswith(
        "Omplacering til Botilbuddet Engen 10.03.2025"
    )


def test_ramme_entry_names_the_overkapacitet_tillaeg():
    # The tilgang alone is open-ended: March-December; the afgang takes back the rest.
    beskrivelse = regulering_tekst(ramme_budget().ledger[0])
    assert beskrivelse == (
        "Tilgang 15.03.2025 (niveau 1): "
        # 5,758.06 (March, 17 days) + April-December 9 × 10,500 = 94,500
        "overkapacitetstillæg +100.258,06 kr. fra 1. marts"
    )


def test_prisliste_of_another_year_is_refused():
    with pytest.raises(ValueError, match="gælder 2025"):
        tilbud_budget(tilbud(), [], PRISLISTE, 2026)


# --- Bemanding (§6) ---


def test_aarsvaerk_is_aktivitetsbudget_over_aarsloen():
    b = bemanding(Decimal("960000"), Decimal("480000"), Decimal("975.468"), Decimal(0))
    assert b.aarsvaerk == Decimal("2")


def test_bought_hours_are_aarsvaerk_times_direct_hours():
    b = bemanding(Decimal("960000"), Decimal("480000"), Decimal("975.468"), Decimal(0))
    assert b.koebte_timer == Decimal("1950.936")


def test_forskel_is_bought_minus_required_hours():
    b = bemanding(
        Decimal("480000"), Decimal("480000"), Decimal("975.468"), Decimal("1095")
    )
    assert b.forskel_timer == Decimal("-119.532")


def test_paakraevede_timer_are_hours_per_doegn_times_financed_days():
    timer = paakraevede_timer([ophold()], {"1": Decimal("3")}, AAR)
    assert timer == Decimal("1095")


def test_paakraevede_timer_of_saertakst_come_from_the_placement():
    indplacering = Indplacering(date(2025, 1, 1), "S1", saertakst_timer=Decimal("20"))
    o = Ophold(1, "Borger 1", date(2025, 1, 1), None, (indplacering,))
    assert paakraevede_timer([o], {}, AAR) == Decimal("7300")


# --- Nøgletal (§7) ---

IDAG = date(2025, 6, 15)


def noegletal_for(opholdene, forbrug=None, idag=IDAG, t=None):
    t = t or tilbud()
    budget = tilbud_budget(t, opholdene, PRISLISTE, AAR)
    return noegletal(t, opholdene, PRISLISTE, budget, forbrug or {}, AAR, idag)


def test_borgere_counts_ophold_with_a_day_in_the_tilbud_this_year():
    opholdene = [ophold(1), ophold(2, afgang=date(2024, 12, 15))]
    assert noegletal_for(opholdene).borgere == 1


def test_helaarspersoner_are_days_in_the_tilbud_over_days_in_the_year():
    # A stay is [tilgang, afgang): afgang 2 July, last day 1 July.
    # 365 + (31 + 28 + 31 + 30 + 31 + 30 + 1 = 182) = 547 days
    opholdene = [ophold(1), ophold(2, afgang=date(2025, 7, 2))]
    assert noegletal_for(opholdene).helaarspersoner == Decimal(547) / Decimal(365)


def test_belaegning_realiseret_is_helaarspersoner_over_pladser():
    assert noegletal_for([ophold(1)]).belaegning_realiseret == Decimal("50")


def test_borgere_pr_niveau_on_idag():
    opholdene = [
        ophold(1),
        ophold(2, niveauer=((date(2024, 6, 1), "1"), (date(2025, 6, 1), "2"))),
        ophold(3, tilgang=date(2025, 7, 1)),
    ]
    assert noegletal_for(opholdene).borgere_pr_niveau == {"1": 1, "2": 1}


def test_borgere_pr_niveau_clamps_idag_into_the_year():
    noegle = noegletal_for([ophold(1, afgang=date(2025, 12, 1))], idag=date(2026, 3, 1))
    assert noegle.borgere_pr_niveau == {}


def test_forbrug_til_dato_sums_the_months_with_actuals():
    noegle = noegletal_for([ophold()], {1: Decimal("250000"), 2: Decimal("230000")})
    assert noegle.forbrug_til_dato == Decimal("480000")


def test_forventet_regnskab_is_actuals_plus_remaining_korrigeret_budget():
    noegle = noegletal_for([ophold()], {1: Decimal("250000")})
    assert noegle.forventet_regnskab == Decimal("250000") + sum(
        noegle.total_korrigeret[1:]
    )


def test_afvigelse_is_korrigeret_minus_forventet_regnskab():
    noegle = noegletal_for([ophold()], {1: Decimal("250000")})
    assert noegle.afvigelse == noegle.total_korrigeret[0] - Decimal("250000")


def test_forbrugsprocent_aar_is_forbrug_over_korrigeret_year_budget():
    t = tilbud(faste_udgifter=Decimal("0"))
    noegle = noegletal_for([ophold()], {1: Decimal("18250")}, t=t)
    assert noegle.forbrugsprocent_aar == Decimal("50")  # 18,250 / (365 × 100)


def test_forbrugsprocent_aar_without_budget_is_none():
    t = tilbud(faste_udgifter=Decimal("0"))
    assert noegletal_for([], t=t).forbrugsprocent_aar is None


def test_forbrug_for_month_13_is_refused():
    with pytest.raises(ValueError, match="måned 1-12"):
        noegletal_for([ophold()], {13: Decimal("1")})


# Paid for by another municipality since before any stay.
SOLGT = ((date(2000, 1, 1), None),)


def test_solgte_pladser_count_ekstern_ophold_on_idag():
    opholdene = [ophold(1, eksterne=SOLGT), ophold(2)]
    assert noegletal_for(opholdene).solgte_pladser == 1


def test_indtaegt_salg_is_doegntakst_times_financed_days():
    opholdene = [ophold(1, eksterne=SOLGT, afgang=date(2025, 3, 10)), ophold(2)]
    assert noegletal_for(opholdene).indtaegt_salg == Decimal("132000")  # 120 × 1,100


def test_tilgange_before_idag_are_realised():
    opholdene = [
        ophold(1, tilgang=date(2025, 2, 1)),
        ophold(2, tilgang=date(2025, 8, 1)),
    ]
    assert noegletal_for(opholdene).tilgange_realiseret == 1


def test_tilgange_after_idag_are_expected():
    opholdene = [
        ophold(1, tilgang=date(2025, 2, 1)),
        ophold(2, tilgang=date(2025, 8, 1)),
    ]
    assert noegletal_for(opholdene).tilgange_forventet == 1


def test_afgange_after_idag_are_expected():
    noegle = noegletal_for([ophold(1, afgang=date(2025, 9, 30))])
    assert (noegle.afgange_realiseret, noegle.afgange_forventet) == (0, 1)


def test_afgange_are_counted_per_month():
    noegle = noegletal_for([ophold(1, afgang=date(2025, 9, 30))])
    assert noegle.afgange[8] == 1


def test_borgere_ultimo_leaves_out_borgere_gone_by_month_end():
    noegle = noegletal_for([ophold(1, afgang=date(2025, 3, 10)), ophold(2)])
    assert noegle.borgere_ultimo[2] == 1


# --- Central (§7) ---


def central_for_two_tilbud():
    raekker = []
    for t, opholdene in (
        (tilbud(id=1, pladser=2), [ophold(1)]),
        (tilbud(id=2, pladser=4, forudsat_belaegning=Decimal("50")), [ophold(2)]),
    ):
        budget = tilbud_budget(t, opholdene, PRISLISTE, AAR)
        noegle = noegletal(t, opholdene, PRISLISTE, budget, {}, AAR, IDAG)
        raekker.append((t, noegle))
    return central_budget(raekker)


def test_central_total_sums_the_money():
    assert central_for_two_tilbud().total.total_korrigeret_aar == Decimal("5873000")


def test_central_total_sums_the_pladser():
    assert central_for_two_tilbud().total.pladser == 6


def test_central_total_belaegning_is_helaarspersoner_over_pladser():
    expected = Decimal(2) / Decimal(6) * 100
    assert central_for_two_tilbud().total.belaegning_realiseret == expected


def test_central_total_assumed_belaegning_is_weighted_by_pladser():
    # (2 × 100 % + 4 × 50 %) / 6 pladser
    assert central_for_two_tilbud().total.belaegning_forudsat == Decimal(400) / 6


def test_central_total_sums_borgere_pr_niveau():
    assert central_for_two_tilbud().total.borgere_pr_niveau == {"1": 2}


def test_central_without_rows_needs_the_year():
    assert central_budget([], AAR).total.total_korrigeret_aar == 0
