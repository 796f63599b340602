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

from config.lib.security import normaliser_cifre

CPR_FORMAT_FEJL = "CPR-nummeret skal have formen DDMMÅÅ-XXXX (10 cifre)."
CPR_DATO_FEJL = "CPR-nummerets første seks cifre er ikke en gyldig fødselsdato."

# ASCII digits only: others are made ASCII first (normaliser_cifre), so one
# person never gets two hashes.
_CPR_RE = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})$")


# Six digits in a row (a birth date, perhaps followed by the serial number),
# hyphen or space allowed before the serial: treated as a CPR wherever typed.
_CPR_AGTIG_RE = re.compile(r"[0-9]{6}")


def ligner_cpr(tekst: str) -> bool:
    """Whether a text holds something CPR-shaped (any Unicode digits count)."""
    return bool(_CPR_AGTIG_RE.search(normaliser_cifre(str(tekst))))


def _century(yy: int, seventh: int) -> int:
    """The CPR office's rule for the century from the 7th digit."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def normalize_cpr(value: str) -> str:
    """Validate and return 'DDMMYYXXXX', or raise ValidationError in Danish.

    Any Unicode digits (fullwidth, Arabic-Indic, ...) count as their ASCII digit.
    """
    match = _CPR_RE.match(normaliser_cifre(str(value)).strip())
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
    ascii_ = normaliser_cifre(normalized)  # a no-op for normalize_cpr's output
    return hmac.new(key, ascii_.encode(), hashlib.sha256).hexdigest()
