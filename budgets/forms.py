"""Forms of the budget pages (issue 5)."""

from django import forms

from offers.templatetags.dansk import MAANEDSNAVNE
from tariffs.forms import DanskDecimalField

MAANED_VALG = [(i, navn.capitalize()) for i, navn in enumerate(MAANEDSNAVNE, start=1)]


class KommentarForm(forms.Form):
    maaned = forms.TypedChoiceField(label="Måned", choices=MAANED_VALG, coerce=int)
    tekst = forms.CharField(
        label="Kommentar til månedens afvigelse",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HvisForm(forms.Form):
    """The what-if panel: sick leave change in percentage points of the norm."""

    sygefravaer = DanskDecimalField(
        label="Ændring af sygefravær (procentpoint af årsnormen)",
        help_text="Fx 1 for +1 %, eller −0,5 for et fald.",
    )
