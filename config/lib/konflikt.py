"""A write that the state of the data forbids (domain-free; STYLE.md 5.3).

Services raise ``Konflikt({"felt": "Dansk besked."})`` where a write is refused
not because the input is malformed but because of what is already stored: a
budget year that is lukket, a year that is already vedtaget. It is a Django
ValidationError, so forms and imports show it like any other; the one DRF
exception handler (config.lib.api_exceptions) answers it with 409 instead of
400, with the same field errors.
"""

from django.core.exceptions import ValidationError


class Konflikt(ValidationError):
    """A ValidationError that the API answers with 409 Conflict."""
