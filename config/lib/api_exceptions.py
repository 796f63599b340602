"""The one DRF exception handler (STYLE.md 5.3).

Services raise Django's ``ValidationError({"felt": "Dansk besked."})``; here it
becomes a 400 with the same field errors, as DRF's own validation errors look.
A message without a field goes under ``non_field_errors``. A ``Konflikt`` (a
write the stored state forbids, config.lib.konflikt) becomes a 409 with the
same field errors.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from config.lib.konflikt import Konflikt

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def field_errors(err: DjangoValidationError) -> dict[str, list[str]]:
    """The error as {field: [messages]}; Django's NON_FIELD_ERRORS key is renamed."""
    if not hasattr(err, "error_dict"):
        return {NON_FIELD: list(err.messages)}
    return {
        (NON_FIELD if field == "__all__" else field): list(messages)
        for field, messages in err.message_dict.items()
    }


class KonfliktFejl(exceptions.APIException):
    """A Konflikt as DRF answers it: 409 with the field errors."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "konflikt"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Konflikt):
        exc = KonfliktFejl(field_errors(exc))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(field_errors(exc))
    return drf_exception_handler(exc, context)


@contextmanager
def rename_fields(mapping: Mapping[str, str]) -> Iterator[None]:
    """Report a service's field names under the API's names, e.g.
    ``saertakst_timer`` as ``takstgivende_timer``."""
    try:
        yield
    except DjangoValidationError as err:
        errors = field_errors(err)
        klasse = Konflikt if isinstance(err, Konflikt) else DjangoValidationError
        raise klasse(
            {mapping.get(field, field): messages for field, messages in errors.items()}
        ) from None
