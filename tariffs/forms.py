"""Forms for the timeprismodel and takstmodel, and the Danish decimal field."""

import re
from decimal import Decimal

from django import forms

from config.lib.datoer import valider_dato
from config.lib.formatting import format_tal
from config.lib.numbers import NumberFormatError, parse_danish_decimal
from tariffs.models import FravaerKategori, TidsanvendelseKategori
from tariffs.services import GYLDIG_FRA_KRAEVES

TAL_FEJL = "Skriv et tal, fx 1.234,56."
HVERKEN_ELLER = "Angiv enten timer eller procent, ikke begge."
TAL_FOR_STORT = "Tallet er for stort: højst {cifre} cifre før kommaet."
TAL_FOR_STORT_MAKS = "Tallet må højst være {maks}."
FOR_MANGE_DECIMALER = "Tallet må højst have {antal} decimaler."
# Without its own bounds a field still refuses a number no column can store
# (1e9999 would otherwise reach the arithmetic and the database: a 500).
STANDARD_HELTALSCIFRE = 12


class DanskDecimalField(forms.CharField):
    """A number typed the Danish way ("1.234,56"); what the user typed is kept."""

    def __init__(
        self,
        *args,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs,
    ) -> None:
        """``max_digits``/``decimal_places`` as the model column's; without
        them at most STANDARD_HELTALSCIFRE digits before the comma."""
        self.min_value = min_value
        self.max_value = max_value
        self.decimal_places = decimal_places
        self.heltalscifre = (
            STANDARD_HELTALSCIFRE
            if max_digits is None
            else max_digits - (decimal_places or 0)
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value: str) -> Decimal | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            tal = parse_danish_decimal(_tusinder(value.replace("\u2212", "-")))
        except NumberFormatError:
            raise forms.ValidationError(TAL_FEJL, code="invalid") from None
        if self.min_value is not None and tal < self.min_value:
            raise forms.ValidationError(
                f"Tallet skal være mindst {_som_tal(self.min_value)}.",
                code="min_value",
            )
        if abs(tal) >= Decimal(10) ** self.heltalscifre:
            raise forms.ValidationError(
                TAL_FOR_STORT.format(cifre=self.heltalscifre), code="max_digits"
            )
        if self.max_value is not None and tal > self.max_value:
            raise forms.ValidationError(
                TAL_FOR_STORT_MAKS.format(maks=_dk(self.max_value)), code="max_value"
            )
        # More decimals than the column keeps; "1,50" has two, not three. No
        # rounding here (config.lib.money rounds), only a count of decimals.
        if (
            self.decimal_places is not None
            and tal.normalize().as_tuple().exponent < -self.decimal_places
        ):
            raise forms.ValidationError(
                FOR_MANGE_DECIMALER.format(antal=self.decimal_places),
                code="max_decimal_places",
            )
        return tal


def _som_tal(graense: Decimal) -> str:
    """A bound the Danish way with the decimals it has: 0.01 -> "0,01"."""
    return format_tal(graense, max(0, -graense.as_tuple().exponent))


def _tusinder(tekst: str) -> str:
    """Danish forms: "480.000" is 480 thousand, not 480 with three decimals."""
    tekst = tekst.strip()
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
        return tekst.replace(".", "")
    return tekst


def _linjefelter(prefix: str, kategorier) -> dict[str, forms.Field]:
    felter = {}
    for kode, navn in kategorier.choices:
        felter[f"{prefix}_{kode}_timer"] = DanskDecimalField(
            label=f"{navn}: timer pr. år",
            required=False,
            min_value=Decimal(0),
            max_digits=9,
            decimal_places=3,
        )
        felter[f"{prefix}_{kode}_procent"] = DanskDecimalField(
            label=f"{navn}: procent",
            required=False,
            min_value=Decimal(0),
            max_digits=6,
            decimal_places=3,
        )
    return felter


class DatoInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


GYLDIG_FRA_HJAELP = (
    "Dagene før prises med de hidtidige takster. Uden dato gælder ændringen fra "
    "1. januar (eller fra årets seneste takstændring)."
)
GYLDIG_FRA_HJAELP_VEDTAGET = (
    "Budgetåret er vedtaget: dagene før datoen prises med de hidtidige takster."
)


class GyldigFraForm(forms.Form):
    """The date a change of the year's takster applies from (issue 13 #3):
    required once the year is vedtaget (tariffs.services checks it again)."""

    gyldig_fra = forms.DateField(
        validators=[valider_dato],
        label="Gyldig fra",
        required=False,
        widget=DatoInput(),
        help_text=GYLDIG_FRA_HJAELP,
    )

    def __init__(self, *args, aar: int, vedtaget: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if vedtaget:
            felt = self.fields["gyldig_fra"]
            felt.required = True
            felt.help_text = GYLDIG_FRA_HJAELP_VEDTAGET
            felt.error_messages["required"] = GYLDIG_FRA_KRAEVES.format(aar=aar)


class TimeprismodelForm(GyldigFraForm):
    """Årsløn, norm and one timer-or-procent pair per fravær/tidsanvendelse
    kategori, and the date the change applies from."""

    navn = forms.CharField(label="Navn", max_length=120)
    aarsloen = DanskDecimalField(
        label="Årsløn inkl. pension (kr.)",
        min_value=Decimal(1),
        max_digits=12,
        decimal_places=2,
    )
    aarsnorm_timer = DanskDecimalField(
        label="Årsnorm (timer)", min_value=Decimal(1), max_digits=8, decimal_places=2
    )

    GRUPPER = (("fravaer", FravaerKategori), ("tidsanvendelse", TidsanvendelseKategori))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for prefix, kategorier in self.GRUPPER:
            self.fields.update(_linjefelter(prefix, kategorier))

    def linjer(self, prefix: str, kategorier) -> list[dict]:
        """The filled lines of a group as service input."""
        linjer = []
        for kode, _ in kategorier.choices:
            timer = self.cleaned_data.get(f"{prefix}_{kode}_timer")
            procent = self.cleaned_data.get(f"{prefix}_{kode}_procent")
            if timer is not None or procent is not None:
                linjer.append({"kategori": kode, "timer": timer, "procent": procent})
        return linjer

    def rows(self, prefix: str, kategorier) -> list[tuple[str, object, object]]:
        """(navn, timer-felt, procent-felt) for the template's table."""
        return [
            (navn, self[f"{prefix}_{kode}_timer"], self[f"{prefix}_{kode}_procent"])
            for kode, navn in kategorier.choices
        ]

    def clean(self) -> dict:
        data = super().clean()
        for prefix, kategorier in self.GRUPPER:
            for kode, _ in kategorier.choices:
                timer = data.get(f"{prefix}_{kode}_timer")
                procent = data.get(f"{prefix}_{kode}_procent")
                if timer is not None and procent is not None:
                    self.add_error(f"{prefix}_{kode}_procent", HVERKEN_ELLER)
        return data


def timeprismodel_initial(model) -> dict:
    """The form's initial values from a saved model (Danish decimals)."""
    initial = {
        "navn": model.navn,
        "aarsloen": _dk(model.aarsloen),
        "aarsnorm_timer": _dk(model.aarsnorm_timer),
    }
    for prefix, qs in (
        ("fravaer", model.fravaer.all()),
        ("tidsanvendelse", model.tidsanvendelse.all()),
    ):
        for linje in qs:
            if linje.timer is not None:
                initial[f"{prefix}_{linje.kategori}_timer"] = _dk(linje.timer)
            if linje.procent is not None:
                initial[f"{prefix}_{linje.kategori}_procent"] = _dk(linje.procent)
    return initial


def _dk(vaerdi: Decimal) -> str:
    tekst = format(vaerdi.normalize(), "f")
    return tekst.replace(".", ",")


def _dk_kr(vaerdi: Decimal | None) -> str:
    """An amount as the user types it back: "4.500,00" reads as 4500 again."""
    return "" if vaerdi is None else format_tal(vaerdi, 2)


class TakstniveauForm(forms.Form):
    kode = forms.CharField(label="Kode", max_length=20)
    navn = forms.CharField(label="Navn", max_length=80)
    nedre = DanskDecimalField(
        label="Nedre grænse", min_value=Decimal(0), max_digits=8, decimal_places=3
    )
    oevre = DanskDecimalField(
        label="Øvre grænse", required=False, max_digits=8, decimal_places=3
    )
    takstgivende = DanskDecimalField(
        label="Takstgivende", required=False, max_digits=8, decimal_places=3
    )
    # Issue 17: a published ladder's kr and minutes per døgn, entered exactly.
    fast_pris = DanskDecimalField(
        label="Fast pris pr. døgn (kr.)",
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
    )
    minutter_pr_doegn = DanskDecimalField(
        label="Minutter pr. døgn (publiceret)",
        required=False,
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
    )
    saertakst = forms.BooleanField(label="Særtakst", required=False)


TakstniveauFormSet = forms.formset_factory(TakstniveauForm, extra=1, can_delete=True)


def takstniveauer_initial(takstmodel) -> list[dict]:
    return [
        {
            "kode": n.kode,
            "navn": n.navn,
            "nedre": _dk(n.nedre),
            "oevre": _dk(n.oevre) if n.oevre is not None else "",
            "takstgivende": _dk(n.takstgivende) if n.takstgivende is not None else "",
            "fast_pris": _dk_kr(n.fast_pris),
            "minutter_pr_doegn": _dk(n.minutter_pr_doegn)
            if n.minutter_pr_doegn is not None
            else "",
            "saertakst": n.saertakst,
        }
        for n in takstmodel.niveauer.all()
    ]
