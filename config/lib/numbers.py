"""Danish number parsing for imports and forms: "1.234,56" -> Decimal("1234.56")."""

from decimal import Decimal, InvalidOperation


class NumberFormatError(ValueError):
    pass


def parse_danish_decimal(text: str) -> Decimal:
    """Parse a Danish-formatted number; accepts "1.234,56", "1234,56" and "1234.56"."""
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.removesuffix("kr.").removesuffix("kr").strip()
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise NumberFormatError(f"'{text}' er ikke et gyldigt tal.") from exc
    if not value.is_finite():
        raise NumberFormatError(f"'{text}' er ikke et gyldigt tal.")
    return value
