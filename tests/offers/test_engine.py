"""The pure stay rules of offers/engine.py (issue 12 item 10): no database."""

import datetime
from dataclasses import dataclass

from offers import engine

D = datetime.date


@dataclass(frozen=True)
class Ophold:
    tilgang: datetime.date
    afgang: datetime.date | None = None


def test_the_borger_lives_there_the_day_before_a_registered_afgang():
    assert engine.bor_der(Ophold(D(2026, 2, 1), D(2026, 12, 15)), D(2026, 12, 14))


def test_the_borger_has_left_on_the_afgang_day():
    # A stay is [tilgang, afgang): 15 December belongs to whatever comes next.
    assert not engine.bor_der(Ophold(D(2026, 2, 1), D(2026, 12, 15)), D(2026, 12, 15))


def test_the_current_stay_is_the_one_running_today_not_the_next():
    gammelt = Ophold(D(2026, 2, 1), D(2026, 9, 1))
    nyt = Ophold(D(2026, 9, 1))
    assert engine.aktuelt_ophold([nyt, gammelt], D(2026, 8, 31)) == gammelt


def test_the_coming_stay_is_the_first_to_begin_after_today():
    senere, naeste = Ophold(D(2027, 3, 1)), Ophold(D(2026, 9, 1), D(2027, 3, 1))
    assert engine.kommende_ophold([senere, naeste], D(2026, 6, 30)) == naeste


def test_an_afgang_365_days_ahead_is_not_far_ahead():
    # 30.06.2026 + 365 days = 30.06.2027 (no 29 February between).
    assert not engine.afgang_langt_ude(D(2027, 6, 30), D(2026, 6, 30))


def test_an_afgang_366_days_ahead_is_far_ahead():
    assert engine.afgang_langt_ude(D(2027, 7, 1), D(2026, 6, 30))
