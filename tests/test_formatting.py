from datetime import date
from decimal import Decimal

from config.lib.formatting import format_dato, format_kr


def test_format_kr_uses_danish_separators():
    assert format_kr(Decimal("41234.56")) == "41.234,56 kr."


def test_format_kr_prints_a_typographic_minus():
    assert format_kr(Decimal("-41234.56")) == "\u221241.234,56 kr."


def test_format_kr_with_fortegn_prints_plus():
    assert format_kr(Decimal("1000"), fortegn=True) == "+1.000,00 kr."


def test_format_kr_rounds_half_up_for_display():
    assert format_kr(Decimal("0.005")) == "0,01 kr."


def test_format_kr_of_millions():
    assert format_kr(Decimal("2900000")) == "2.900.000,00 kr."


def test_format_dato_is_dd_mm_yyyy():
    assert format_dato(date(2025, 3, 10)) == "10.03.2025"


def test_format_tal_uses_danish_separators():
    from config.lib.formatting import format_tal

    assert format_tal(Decimal("1234.56"), 1) == "1.234,6"
