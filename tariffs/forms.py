"""Forms for the timeprismodel and takstmodel, and the Danish decimal field."""

import re
from decimal import Decimal

from django import forms

from config.lib.datoer import valider_dato
from config.lib.formatting import format_tal
from config.lib.numbers import NumberFormatError, parse_danish_decimal
from tariffs.engine import FRAVAERSFORMER, LINJEFORMER
from tariffs.models import FravaerKategori, LoenpostKategori, TidsanvendelseKategori
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


# Issue 17: the forms a line may be given in, as column titles; fravær has the
# first two (procent of the norm), tidsanvendelse all (procent of fremmøde).
FORMTITLER = {
    "timer": "Timer pr. år",
    "procent": "Procent",
    "procent_aarsnorm": "Procent af årsnormen",
    "timer_pr_uge": "Timer pr. fremmødeuge",
    "timer_pr_dag": "Timer pr. fremmødedag",
}
EN_FORM = "Angiv linjen på én måde: udfyld kun ét af felterne."
LOENPOST_FEJL = "Dagpengerefusion skal være negativ, de øvrige lønposter positive."
GRUPPERAEKKER = 6  # the tier rows the form offers at least
GRUPPE_FRA_KRAEVES = "Angiv, fra hvilket niveau gruppen gælder."
GRUPPE_PROCENT_KRAEVES = "Angiv andelen af direkte tid."


def _linjefelter(prefix: str, kategorier, former) -> dict[str, forms.Field]:
    felter = {}
    for kode, navn in kategorier.choices:
        for form in former:
            felter[f"{prefix}_{kode}_{form}"] = DanskDecimalField(
                label=f"{navn}: {FORMTITLER[form].lower()}",
                required=False,
                min_value=Decimal(0),
                max_digits=9 if form == "timer" else 6,
                decimal_places=3,
            )
    return felter


def _loenpostfelter() -> dict[str, forms.Field]:
    return {
        f"loenpost_{kode}": DanskDecimalField(
            label=f"{navn} (kr.)",
            required=False,
            max_digits=12,
            decimal_places=2,
            help_text="Negativt beløb." if kode == "dagpengerefusion" else "",
        )
        for kode, navn in LoenpostKategori.choices
    }


def _gruppefelter(antal: int) -> dict[str, forms.Field]:
    felter: dict[str, forms.Field] = {}
    for i in range(antal):
        nr = i + 1
        for felt, label in (("fra", "fra niveau"), ("til", "til niveau (inkl.)")):
            felter[f"gruppe_{i}_{felt}"] = forms.IntegerField(
                label=f"Gruppe {nr}: {label}",
                required=False,
                min_value=1,
                max_value=32767,
            )
        felter[f"gruppe_{i}_direkte_procent"] = DanskDecimalField(
            label=f"Gruppe {nr}: direkte tid (% af fremmøde)",
            required=False,
            min_value=Decimal("0.001"),
            max_value=Decimal(100),
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
    ekstratimer_direkte_procent = DanskDecimalField(
        label="Direkte tid i ekstratimer (% af fremmøde)",
        required=False,
        min_value=Decimal("0.001"),
        max_value=Decimal(100),
        max_digits=6,
        decimal_places=3,
        help_text="Tom: ekstratimer (tillægstakst i timer) koster den almindelige "
        "timepris for direkte tid.",
    )

    GRUPPER = (
        ("fravaer", FravaerKategori, FRAVAERSFORMER),
        ("tidsanvendelse", TidsanvendelseKategori, LINJEFORMER),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for prefix, kategorier, former in self.GRUPPER:
            self.fields.update(_linjefelter(prefix, kategorier, former))
        self.fields.update(_loenpostfelter())
        # Room for every saved tier (the API takes any number) and one more.
        gemte = sum(
            1 for k in self.initial if k.startswith("gruppe_") and k.endswith("_fra")
        )
        self.antal_grupper = max(GRUPPERAEKKER, gemte + 1)
        self.fields.update(_gruppefelter(self.antal_grupper))

    def _former(self, prefix: str) -> tuple[str, ...]:
        return next(former for p, _, former in self.GRUPPER if p == prefix)

    def linjer(self, prefix: str, kategorier) -> list[dict]:
        """The filled lines of a group as service input."""
        former = self._former(prefix)
        linjer = []
        for kode, _ in kategorier.choices:
            vaerdier = {
                f: self.cleaned_data.get(f"{prefix}_{kode}_{f}") for f in former
            }
            if any(v is not None for v in vaerdier.values()):
                linjer.append({"kategori": kode, **vaerdier})
        return linjer

    def rows(self, prefix: str, kategorier) -> list[tuple[str, list]]:
        """(navn, [a field per form]) for the template's table."""
        former = self._former(prefix)
        return [
            (navn, [self[f"{prefix}_{kode}_{f}"] for f in former])
            for kode, navn in kategorier.choices
        ]

    def titler(self, prefix: str) -> list[str]:
        """The column titles of a group's forms."""
        return [FORMTITLER[f] for f in self._former(prefix)]

    def loenposter(self) -> list[dict]:
        """The filled salary items (issue 17) as service input."""
        return [
            {"kategori": kode, "beloeb": self.cleaned_data[f"loenpost_{kode}"]}
            for kode, _ in LoenpostKategori.choices
            if self.cleaned_data.get(f"loenpost_{kode}") is not None
        ]

    def loenpost_felter(self) -> list:
        return [self[f"loenpost_{kode}"] for kode, _ in LoenpostKategori.choices]

    def grupper(self) -> list[dict]:
        """The filled tiers (issue 17) as service input."""
        grupper = []
        for i in range(self.antal_grupper):
            gruppe = {
                felt: self.cleaned_data.get(f"gruppe_{i}_{felt}")
                for felt in ("fra", "til", "direkte_procent")
            }
            if gruppe["fra"] is not None and gruppe["direkte_procent"] is not None:
                grupper.append(gruppe)
        return grupper

    def gruppe_rows(self) -> list[list]:
        """[fra, til, direkte_procent] fields per tier row, for the template."""
        return [
            [self[f"gruppe_{i}_{felt}"] for felt in ("fra", "til", "direkte_procent")]
            for i in range(self.antal_grupper)
        ]

    def clean(self) -> dict:
        data = super().clean()
        for prefix, kategorier, former in self.GRUPPER:
            for kode, _ in kategorier.choices:
                givne = [
                    f for f in former if data.get(f"{prefix}_{kode}_{f}") is not None
                ]
                if len(givne) > 1:
                    besked = HVERKEN_ELLER if former == FRAVAERSFORMER else EN_FORM
                    self.add_error(f"{prefix}_{kode}_{givne[-1]}", besked)
        for kode, _ in LoenpostKategori.choices:
            beloeb = data.get(f"loenpost_{kode}")
            negativ = kode == LoenpostKategori.DAGPENGEREFUSION
            if beloeb is not None and (beloeb > 0 if negativ else beloeb < 0):
                self.add_error(f"loenpost_{kode}", LOENPOST_FEJL)
        self._clean_grupper(data)
        return data

    def _clean_grupper(self, data: dict) -> None:
        """A started tier row needs its first level and its direct share."""
        for i in range(self.antal_grupper):
            felter = [
                data.get(f"gruppe_{i}_{f}") for f in ("fra", "til", "direkte_procent")
            ]
            if all(v is None for v in felter):
                continue
            if felter[0] is None:
                self.add_error(f"gruppe_{i}_fra", GRUPPE_FRA_KRAEVES)
            if felter[2] is None:
                self.add_error(f"gruppe_{i}_direkte_procent", GRUPPE_PROCENT_KRAEVES)


def timeprismodel_initial(model) -> dict:
    """The form's initial values from a saved model (Danish decimals)."""
    initial = {
        "navn": model.navn,
        "aarsloen": _dk(model.aarsloen),
        "aarsnorm_timer": _dk(model.aarsnorm_timer),
    }
    if model.ekstratimer_direkte_procent is not None:
        initial["ekstratimer_direkte_procent"] = _dk(model.ekstratimer_direkte_procent)
    for prefix, qs, former in (
        ("fravaer", model.fravaer.all(), FRAVAERSFORMER),
        ("tidsanvendelse", model.tidsanvendelse.all(), LINJEFORMER),
    ):
        for linje in qs:
            for form in former:
                if getattr(linje, form) is not None:
                    initial[f"{prefix}_{linje.kategori}_{form}"] = _dk(
                        getattr(linje, form)
                    )
    for post in model.loenposter.all():
        initial[f"loenpost_{post.kategori}"] = _dk(post.beloeb)
    for i, gruppe in enumerate(model.grupper.all()):
        initial[f"gruppe_{i}_fra"] = gruppe.fra
        initial[f"gruppe_{i}_til"] = gruppe.til
        initial[f"gruppe_{i}_direkte_procent"] = _dk(gruppe.direkte_procent)
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
