"""config.lib.derived: a write hands what it changed over once, at its end."""

import datetime

import pytest

from config.lib import derived


@pytest.fixture
def handed_over(monkeypatch, db):
    calls: list[derived.Changes] = []
    monkeypatch.setattr(derived, "_handlers", [calls.append])
    return calls


@derived.writes
def _inner(tilbud_id: int, fail: bool = False) -> None:
    derived.changed(tilbud=[tilbud_id], fra=datetime.date(2026, 3, 1))
    if fail:
        raise ValueError("refused")


@derived.writes
def _outer() -> None:
    _inner(1)
    _inner(2)
    try:
        _inner(3, fail=True)
    except ValueError:
        pass


def test_nested_writes_hand_over_once_at_the_outermost_end(handed_over):
    _outer()
    assert [c.tilbud for c in handed_over] == [{1: 2026, 2: 2026}]


def test_a_change_outside_any_write_is_handed_over_at_once(handed_over):
    derived.changed(aar=[2027])
    assert [c.aar for c in handed_over] == [{2027}]


def test_the_earliest_year_of_a_tilbud_wins_and_none_means_every_year():
    changes = derived.Changes()
    changes.add_tilbud(1, 2026)
    changes.add_tilbud(1, 2025)
    changes.add_tilbud(2, 2026)
    changes.add_tilbud(2, None)
    assert changes.tilbud == {1: 2025, 2: None}
