from django import forms
from django.contrib.auth import get_user_model

# Danish dates as typed (30.06.2026, 30-06-2026, 30/06/2026, 30.06.26) and ISO.
DANSKE_DATOER = ["%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%y", "%Y-%m-%d"]
DATO_FEJL = "Skriv datoen som dd.mm.åååå, fx 30.06.2026."


class DanskDatoField(forms.DateField):
    input_formats = DANSKE_DATOER
    default_error_messages = {"invalid": DATO_FEJL}

    def __init__(self, **kwargs) -> None:
        widget = forms.TextInput(attrs={"placeholder": "dd.mm.åååå", "size": 10})
        super().__init__(required=False, widget=widget, **kwargs)


class ForespoergselFilterForm(forms.Form):
    bruger = forms.ChoiceField(label="Bruger", required=False)
    fra = DanskDatoField(label="Fra og med")
    til = DanskDatoField(label="Til og med")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        navne = get_user_model().objects.order_by("username")
        self.fields["bruger"].choices = [("", "Alle")] + [
            (n, n) for n in navne.values_list("username", flat=True)
        ]
