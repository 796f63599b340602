"""CPR numbers: one validator, one masking rule, encryption and a keyed lookup hash.

A CPR never appears in __str__, URLs, logs or exception text (STYLE.md 5.4).
Stored encrypted (MultiFernet, so keys can be rotated: the first key encrypts,
all keys decrypt) and as an HMAC for lookup, so a database dump does not reveal it.
"""

import hashlib
import hmac
import re
from datetime import date

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError

CPR_FORMAT_FEJL = "CPR-nummeret skal have formen DDMMÅÅ-XXXX (10 cifre)."
CPR_DATO_FEJL = "CPR-nummerets første seks cifre er ikke en gyldig fødselsdato."

_CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


def _century(yy: int, seventh: int) -> int:
    """The CPR office's rule for the century from the 7th digit."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def normalize_cpr(value: str) -> str:
    """Validate and return 'DDMMYYXXXX', or raise ValidationError in Danish."""
    match = _CPR_RE.match(str(value).strip())
    if not match:
        raise ValidationError(CPR_FORMAT_FEJL, code="cpr_format")
    dd, mm, yy, serial = match.groups()
    year = _century(int(yy), int(serial[0])) + int(yy)
    try:
        date(year, int(mm), int(dd))
    except ValueError:
        raise ValidationError(CPR_DATO_FEJL, code="cpr_dato") from None
    return f"{dd}{mm}{yy}{serial}"


def mask_cpr(normalized: str) -> str:
    """'0101901234' -> '010190-xxxx' (the form lists show)."""
    return f"{normalized[:6]}-xxxx"


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.CPR_ENCRYPTION_KEYS])


def encrypt_cpr(normalized: str) -> str:
    return _fernet().encrypt(normalized.encode()).decode()


def decrypt_cpr(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def hash_cpr(normalized: str) -> str:
    key = settings.CPR_HASH_KEY.encode()
    return hmac.new(key, normalized.encode(), hashlib.sha256).hexdigest()
