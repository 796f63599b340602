"""One rounding rule in one place (issue 12 item 9, STYLE.md 3.2).

Half up everywhere: 97.25 is shown as 97,3 in the table, the chart, the API and
Excel. Python's round() and Decimal's default context would give 97.2.
"""

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from config.lib.formatting import format_tal
from config.lib.money import naermeste_heltal, round_half_up, round_to_oere

ROD = Path(__file__).resolve().parent.parent
UDELADT = {".venv", "migrations", "tests", "node_modules", ".git"}
EN_REGEL = ROD / "config" / "lib" / "money.py"
# A bare round( (not round_to_oere(, not x.round(), a named rounding mode, or a
# quantize: each rounds outside config/lib/money.py.
FORBUDT = re.compile(r"(?<![\w.])round\(|ROUND_HALF_UP|ROUND_HALF_EVEN|\.quantize\(")


def _kildefiler() -> list[Path]:
    return [
        sti
        for sti in ROD.rglob("*.py")
        if not UDELADT & set(sti.relative_to(ROD).parts) and sti != EN_REGEL
    ]


def test_round_half_up_rounds_97_25_to_97_3():
    # 97.25 to 1 decimal: the 5 rounds up (banker's rounding would give 97.2).
    assert round_half_up(Decimal("97.25"), 1) == Decimal("97.3")


def test_round_half_up_rounds_a_negative_half_away_from_zero():
    assert round_half_up(Decimal("-2.5")) == Decimal("-3")


def test_round_to_oere_rounds_half_up():
    assert round_to_oere(Decimal("1023.865")) == Decimal("1023.87")


def test_naermeste_heltal_rounds_2_5_to_3():
    assert naermeste_heltal(2.5) == 3  # round(2.5) == 2


def test_naermeste_heltal_of_a_fraction_is_exact():
    assert naermeste_heltal(Fraction(7, 2)) == 4  # 3.5 → 4


def test_naermeste_heltal_rounds_below_half_down():
    assert naermeste_heltal(Fraction(349, 100)) == 3  # 3.49 → 3


def test_format_tal_shows_97_25_as_97_3():
    assert format_tal(Decimal("97.25"), 1) == "97,3"


def test_no_module_rounds_outside_config_lib_money():
    fund = [
        f"{sti.relative_to(ROD)}:{nr}: {linje.strip()}"
        for sti in _kildefiler()
        for nr, linje in enumerate(sti.read_text(encoding="utf-8").splitlines(), 1)
        if FORBUDT.search(linje)
    ]
    assert fund == []


def test_whole_oere_become_kroner_exactly_with_two_places():
    from config.lib.money import kroner_af_oere

    # 123,456 øre = 1,234.56 kr.; 0 øre = 0.00 kr.; -5 øre = -0.05 kr.;
    # 10^25 øre stays exact (inside 28 digits): 10^23 kr.
    kroner = kroner_af_oere([123456, 0, -5, 10**25])
    assert kroner == [Decimal("1234.56"), 0, Decimal("-0.05"), Decimal(10**23)]
    assert [str(k) for k in kroner[:3]] == ["1234.56", "0.00", "-0.05"]
