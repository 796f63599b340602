"""Form plumbing shared by every app's views."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, err: ValidationError, felter: dict) -> None:
    """Put a service's field errors on the form; unknown fields go to the top.

    ``felter`` renames service fields to form fields (e.g. "takstniveau" -> "niveau").
    """
    if not hasattr(err, "error_dict"):
        form.add_error(None, err)
        return
    for felt, fejl in err.message_dict.items():
        navn = felter.get(felt, felt)
        form.add_error(navn if navn in form.fields else None, fejl)
