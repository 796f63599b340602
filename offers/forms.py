"""Forms for the myndighedsrådgiver: search, borger, døgnskema, placements (issue 5).

Services raise ValidationError with field dicts; views add them here with
``add_error`` so the user sees them by the field and keeps what they typed.
"""

import datetime
from decimal import Decimal

from django import forms

from config.lib.datoer import valider_dato
from config.lib.formatting import format_dato
from offers import cpr as cpr_lib
from offers.engine import afgang_langt_ude
from offers.models import (
    KOMMUNEKODE_FEJL,
    TILLAEG_EN_AF,
    TILLAEG_TIL_EFTER_FRA,
    Afgangsaarsag,
    Borger,
    Doegnskema,
    Ophold,
    Pladsandel,
    Tidsrum,
    Tilbud,
    saertakst_timer_validator,
    visiterede_timer_validators,
)
from offers.selectors import niveau_koder, takstniveau_paa
from offers.services import AFGANGSAARSAG_TEKST_KRAEVES, BEGRUNDELSE_UDEN_DOEGNSKEMA
from offers.services.annullering import BEGRUNDELSE_MANGLER
from offers.services.tillaeg import BEGRUNDELSE_KRAEVES
from tariffs.forms import DanskDecimalField
from tariffs.models import Takstniveau, VumTema

NIVEAU_MANGLER = "Der er intet niveau {kode} i takstmodellen for {aar}."
AFGANG_BEKRAEFTELSE = "Jeg bekræfter afgangsdatoen"
AFGANGSAARSAG_KRAEVES = "Vælg en afgangsårsag."
AFGANG_LANGT_UDE = (
    "Afgangsdatoen {dato} ligger mere end et år ude i fremtiden. Er den rigtig, "
    f"så sæt kryds ved »{AFGANG_BEKRAEFTELSE}« og gem igen."
)

# The borger's current tilbud is not on the list (the service refuses it too).
ANDET_TILBUD = "Vælg et af tilbuddene på listen, ikke det tilbud borgeren bor i nu."


class DatoInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class BorgerSoegForm(forms.Form):
    navn = forms.CharField(label="Navn", required=False, max_length=120)


class CprSoegForm(forms.Form):
    """Sent by POST only: a CPR never goes into a URL."""

    cpr = forms.CharField(
        label="CPR-nummer",
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_cpr(self) -> str:
        return cpr_lib.normalize_cpr(self.cleaned_data["cpr"])


class BorgerForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=120)
    cpr = forms.CharField(
        label="CPR-nummer",
        max_length=11,
        help_text="DDMMÅÅ-XXXX",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    betalingskommune = forms.RegexField(
        label="Betalingskommune",
        regex=r"^\d{3}$",
        required=False,
        help_text="Tom: egen kommune. Ellers kommunekoden (tre cifre).",
        error_messages={"invalid": "Kommunekoden skal være tre cifre."},
    )


def _celle(tidsrum: str, tema: str) -> str:
    return f"m_{tidsrum}_{tema}"


class DoegnskemaForm(forms.Form):
    """The grid: time-of-day slots × VUM themes, minutes; plus two weekly items."""

    dato = forms.DateField(
        validators=[valider_dato], label="Vurderingsdato", widget=DatoInput()
    )
    bemaerkning = forms.CharField(
        label="Bemærkning", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    UGEPOSTER = 2

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.temaer = list(VumTema.objects.order_by("raekkefoelge"))
        for tidsrum, tidsrum_navn in Tidsrum.choices:
            for tema in self.temaer:
                self.fields[_celle(tidsrum, tema.kode)] = forms.IntegerField(
                    label=f"{tidsrum_navn}, {tema.navn} (minutter)",
                    required=False,
                    min_value=0,
                    max_value=1440,
                    widget=forms.NumberInput(attrs={"class": "celle", "step": 5}),
                )
        tema_valg = [("", "Vælg tema")] + [(t.kode, t.navn) for t in self.temaer]
        for i in range(self.UGEPOSTER):
            self.fields[f"uge_{i}_tema"] = forms.ChoiceField(
                label="Tema", choices=tema_valg, required=False
            )
            self.fields[f"uge_{i}_beskrivelse"] = forms.CharField(
                label="Beskrivelse", required=False, max_length=200
            )
            self.fields[f"uge_{i}_minutter"] = forms.IntegerField(
                label="Minutter pr. uge",
                required=False,
                min_value=0,
                max_value=10080,
                widget=forms.NumberInput(attrs={"class": "ugecelle"}),
            )

    def grid(self) -> list[tuple[str, list]]:
        """Rows of the template: (VUM-tema navn, [bound fields per tidsrum])."""
        return [
            (t.navn, [self[_celle(kode, t.kode)] for kode, _ in Tidsrum.choices])
            for t in self.temaer
        ]

    @staticmethod
    def tidsrum() -> list[str]:
        return [navn for _, navn in Tidsrum.choices]

    def ugerader(self) -> list[tuple]:
        return [
            (
                self[f"uge_{i}_tema"],
                self[f"uge_{i}_beskrivelse"],
                self[f"uge_{i}_minutter"],
            )
            for i in range(self.UGEPOSTER)
        ]

    def clean(self) -> dict:
        data = super().clean()
        for i in range(self.UGEPOSTER):
            udfyldt = [data.get(f"uge_{i}_{f}") for f in ("tema", "beskrivelse")]
            if data.get(f"uge_{i}_minutter") and not all(udfyldt):
                self.add_error(
                    f"uge_{i}_beskrivelse", "Angiv tema og beskrivelse for ugeposten."
                )
        return data

    def poster(self) -> list[dict]:
        return [
            {"tidsrum": tidsrum, "tema": t.kode, "minutter": minutter}
            for tidsrum, _ in Tidsrum.choices
            for t in self.temaer
            if (minutter := self.cleaned_data.get(_celle(tidsrum, t.kode)))
        ]

    def ugeposter(self) -> list[dict]:
        return [
            {
                "tema": self.cleaned_data[f"uge_{i}_tema"],
                "beskrivelse": self.cleaned_data[f"uge_{i}_beskrivelse"],
                "minutter_pr_uge": self.cleaned_data[f"uge_{i}_minutter"],
            }
            for i in range(self.UGEPOSTER)
            if self.cleaned_data.get(f"uge_{i}_minutter")
        ]


def doegnskema_initial(skema: Doegnskema) -> dict:
    """A saved døgnskema as the grid's initial values, to copy it into a new one
    (issue 15 #3): every cell, the weekly items and the bemærkning; not the date."""
    initial = {
        _celle(p.tidsrum, p.tema.kode): p.minutter
        for p in skema.poster.select_related("tema")
    }
    ugeposter = skema.ugeposter.select_related("tema").order_by("pk")
    for i, u in enumerate(ugeposter[: DoegnskemaForm.UGEPOSTER]):
        initial[f"uge_{i}_tema"] = u.tema.kode
        initial[f"uge_{i}_beskrivelse"] = u.beskrivelse
        initial[f"uge_{i}_minutter"] = u.minutter_pr_uge
    initial["bemaerkning"] = skema.bemaerkning
    return initial


OPFOELGNING_HJAELP = (
    "Hvornår niveauet skal følges op. Tom: 12 måneder efter den dato, niveauet "
    "gælder fra."
)


class _NiveauForm(forms.Form):
    """A level chosen by code; clean() finds it in the takstmodel of the date's year."""

    niveau = forms.ChoiceField(label="Takstniveau", choices=())
    saertakst_timer = DanskDecimalField(
        label="Særtakst: timer pr. døgn",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        validators=[saertakst_timer_validator],
        help_text="Kun for en særtakst.",
    )
    visiterede_timer_pr_uge = DanskDecimalField(
        label="Bostøtte: visiterede timer pr. uge",
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=visiterede_timer_validators,
        help_text="Kun for bostøtte § 85: timerne i afgørelsen.",
    )
    pladsandel = forms.TypedChoiceField(
        label="Pladsandel",
        choices=Pladsandel.choices,
        coerce=Decimal,
        initial=Pladsandel.HEL,
        required=False,  # left out (an older form): a whole place
        help_text="Dagtilbud: hel eller halv plads (ganges på tilbuddets dagspris).",
    )
    begrundelse = forms.CharField(
        label="Begrundelse",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Skal udfyldes, når niveauet afviger fra det foreslåede.",
    )
    doegnskema = forms.ModelChoiceField(
        queryset=Doegnskema.objects.none(),
        required=False,
        label="Døgnskema",
        empty_label="Intet døgnskema",
    )
    naeste_opfoelgning = forms.DateField(
        validators=[valider_dato],
        label="Næste opfølgning",
        required=False,
        widget=DatoInput(),
        help_text=OPFOELGNING_HJAELP,
    )
    DATOFELT = "dato"

    def __init__(self, *args, borger, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["niveau"].choices = [("", "Vælg niveau")] + niveau_koder()
        self.fields["doegnskema"].queryset = Doegnskema.objects.filter(borger=borger)

    def clean(self) -> dict:
        data = super().clean()
        dato, kode = data.get(self.DATOFELT), data.get("niveau")
        if dato and kode:
            data["takstniveau"] = takstniveau_paa(kode, dato)
            if data["takstniveau"] is None:
                self.add_error(
                    "niveau", NIVEAU_MANGLER.format(kode=kode, aar=dato.year)
                )
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "takstniveau": d["takstniveau"],
            "saertakst_timer": d.get("saertakst_timer"),
            "visiterede_timer_pr_uge": d.get("visiterede_timer_pr_uge"),
            "pladsandel": d.get("pladsandel") or Decimal(1),
            "begrundelse": d.get("begrundelse", ""),
            "doegnskema": d.get("doegnskema"),
            "naeste_opfoelgning": d.get("naeste_opfoelgning"),
        }


class IndplaceringForm(_NiveauForm):
    gyldig_fra = forms.DateField(
        validators=[valider_dato], label="Gælder fra", widget=DatoInput()
    )
    DATOFELT = "gyldig_fra"
    field_order = [
        "gyldig_fra",
        "niveau",
        "saertakst_timer",
        "visiterede_timer_pr_uge",
        "pladsandel",
        "begrundelse",
        "naeste_opfoelgning",
    ]


class TilgangForm(_NiveauForm):
    """Issue 19 #3: for a borger without any døgnskema the tilgang asks why."""

    SPOERG_UDEN_DOEGNSKEMA = True
    tilbud = forms.ModelChoiceField(
        queryset=Tilbud.objects.none(), label="Tilbud", empty_label="Vælg tilbud"
    )
    dato = forms.DateField(
        validators=[valider_dato], label="Tilgangsdato", widget=DatoInput()
    )
    field_order = [
        "tilbud",
        "dato",
        "niveau",
        "saertakst_timer",
        "visiterede_timer_pr_uge",
        "pladsandel",
        "begrundelse",
        "naeste_opfoelgning",
    ]

    def __init__(self, *args, tilbud_qs, borger, **kwargs) -> None:
        super().__init__(*args, borger=borger, **kwargs)
        self.fields["tilbud"].queryset = tilbud_qs
        if self.SPOERG_UDEN_DOEGNSKEMA and not borger.doegnskemaer.exists():
            self.fields["begrundelse_uden_doegnskema"] = forms.CharField(
                label="Begrundelse for tilgang uden døgnskema",
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Borgeren har intet døgnskema: skriv hvorfor tilgangen "
                "registreres uden.",
                error_messages={"required": BEGRUNDELSE_UDEN_DOEGNSKEMA},
            )

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        if self.SPOERG_UDEN_DOEGNSKEMA:
            uden = self.cleaned_data.get("begrundelse_uden_doegnskema", "")
            kwargs["begrundelse_uden_doegnskema"] = uden
        return kwargs


class OmplaceringForm(TilgangForm):
    """The to-tilbud, the moving day and the level in the new tilbud. The borger
    already lives in a tilbud: a move asks no reason for a missing døgnskema."""

    SPOERG_UDEN_DOEGNSKEMA = False

    tilbud = forms.ModelChoiceField(
        queryset=Tilbud.objects.none(),
        label="Flyttes til",
        empty_label="Vælg tilbud",
        error_messages={"invalid_choice": ANDET_TILBUD},
    )
    dato = forms.DateField(
        validators=[valider_dato],
        label="Omplaceringsdato",
        widget=DatoInput(),
        help_text="Afgang fra det nuværende tilbud og tilgang i det nye samme dag.",
    )


class AfgangForm(forms.Form):
    """An afgang more than a year ahead is shown back with a warning and a
    checkbox; it is saved only once the checkbox is ticked."""

    dato = forms.DateField(
        validators=[valider_dato], label="Afgangsdato", widget=DatoInput()
    )
    bekraeft_dato = forms.BooleanField(label=AFGANG_BEKRAEFTELSE, required=False)
    afgangsaarsag = forms.ChoiceField(
        label="Afgangsårsag",
        choices=[("", "Vælg årsag"), *Afgangsaarsag.choices],
        error_messages={
            "required": AFGANGSAARSAG_KRAEVES,
            "invalid_choice": AFGANGSAARSAG_KRAEVES,
        },
    )
    afgangsaarsag_tekst = forms.CharField(
        label="Uddybning",
        required=False,
        max_length=200,
        help_text="Skal udfyldes, når årsagen er »Andet«.",
        error_messages={"max_length": "Uddybningen kan højst være 200 tegn."},
    )

    def __init__(self, *args, idag: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.idag = idag
        self.langt_ude = False  # the template shows the checkbox only then

    def clean(self) -> dict:
        data = super().clean()
        dato = data.get("dato")
        self.langt_ude = bool(dato) and afgang_langt_ude(dato, self.idag)
        if self.langt_ude and not data.get("bekraeft_dato"):
            self.add_error("dato", AFGANG_LANGT_UDE.format(dato=format_dato(dato)))
        andet = data.get("afgangsaarsag") == Afgangsaarsag.ANDET
        if andet and not data.get("afgangsaarsag_tekst", "").strip():
            self.add_error("afgangsaarsag_tekst", AFGANGSAARSAG_TEKST_KRAEVES)
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "afgangsaarsag": d["afgangsaarsag"],
            "afgangsaarsag_tekst": d["afgangsaarsag_tekst"],
        }


class BetalingskommuneForm(forms.Form):
    """A change of betalingskommune from a date (issue 13 #1)."""

    kommunekode = forms.RegexField(
        label="Betalingskommune",
        regex=r"^\d{3}$",
        required=False,
        help_text="Kommunekoden (tre cifre). Tom: egen kommune.",
        error_messages={"invalid": KOMMUNEKODE_FEJL},
    )
    gyldig_fra = forms.DateField(
        validators=[valider_dato],
        label="Gælder fra",
        widget=DatoInput(),
        help_text="Er der allerede en betalingskommune fra denne dato, rettes den.",
    )


TIL_HJAELP = (
    "Den første dag uden tillægget (det gælder til og med dagen før). Tom: "
    "indtil videre."
)


class _OpholdValg(forms.ModelChoiceField):
    def label_from_instance(self, obj: Ophold) -> str:
        slut = format_dato(obj.afgang) if obj.afgang else "nu"
        return f"{obj.tilbud.navn}: {format_dato(obj.tilgang)} – {slut}"


class TillaegForm(forms.Form):
    """A new tillægstakst on one of the borger's ophold (issue 17)."""

    ophold = _OpholdValg(
        label="Ophold",
        queryset=Ophold.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Vælg et af borgerens ophold."},
    )
    fra = forms.DateField(
        validators=[valider_dato],
        label="Fra",
        widget=DatoInput(),
        help_text="Den første dag med tillægget: en dag, hvor borgeren bor i "
        "tilbuddet.",
    )
    til = forms.DateField(
        validators=[valider_dato],
        label="Til",
        required=False,
        widget=DatoInput(),
        help_text=TIL_HJAELP,
    )
    timer_pr_doegn = DanskDecimalField(
        label="Timer pr. døgn",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        validators=[saertakst_timer_validator],
        help_text="Prissættes med årets timepris (afrundet til øre pr. døgn). "
        "Udfyld enten timer eller kr.",
    )
    kr_pr_doegn = DanskDecimalField(
        label="Kr. pr. døgn",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        help_text="Et fast beløb pr. døgn. Udfyld enten timer eller kr.",
    )
    begrundelse = forms.CharField(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": BEGRUNDELSE_KRAEVES},
    )

    def __init__(self, *args, ophold_qs=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if ophold_qs is not None:
            self.fields["ophold"].queryset = ophold_qs

    def clean(self) -> dict:
        data = super().clean()
        timer, kr = data.get("timer_pr_doegn"), data.get("kr_pr_doegn")
        felter_ok = "timer_pr_doegn" not in self.errors and "kr_pr_doegn" not in (
            self.errors
        )
        if felter_ok and (timer is None) == (kr is None):
            self.add_error("timer_pr_doegn", TILLAEG_EN_AF)
        fra, til = data.get("fra"), data.get("til")
        if fra and til and til <= fra:
            self.add_error("til", TILLAEG_TIL_EFTER_FRA)
        return data


class TillaegSlutForm(forms.Form):
    """End a tillæg or move its end (issue 17)."""

    til = forms.DateField(
        validators=[valider_dato],
        label="Til",
        required=False,
        widget=DatoInput(),
        help_text=TIL_HJAELP,
    )


class OpfoelgningForm(forms.Form):
    """Move a level's next follow-up (issue 19 item 4)."""

    naeste_opfoelgning = forms.DateField(
        validators=[valider_dato], label="Næste opfølgning", widget=DatoInput()
    )


class AnnulleringForm(forms.Form):
    """Only the reason: what is annulled is named by the page's query (pks)."""

    begrundelse = forms.CharField(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hvorfor var registreringen forkert?",
        error_messages={"required": BEGRUNDELSE_MANGLER},
    )


class VentelistepladsForm(forms.Form):
    """A place on a tilbud's waiting list (issue 19 #3): a borger or an
    anonymous need (the service says which is missing)."""

    borger = forms.ModelChoiceField(
        queryset=Borger.objects.none(),
        required=False,
        label="Borger",
        empty_label="Anonymt behov (ingen borger)",
    )
    behov = forms.CharField(
        label="Behov",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Skal udfyldes, når der ikke er valgt en borger.",
    )
    forventet_niveau = forms.ModelChoiceField(
        queryset=Takstniveau.objects.none(),
        required=False,
        label="Forventet takstniveau",
        empty_label="Ikke vurderet",
    )
    oensket_dato = forms.DateField(
        validators=[valider_dato], label="Ønsket dato", widget=DatoInput()
    )
    fra_kommune = forms.RegexField(
        label="Fra kommune",
        regex=r"^\d{3}$",
        required=False,
        help_text="Kommunekoden (tre cifre). Tom: egen kommune.",
        error_messages={"invalid": KOMMUNEKODE_FEJL},
    )
    bemaerkning = forms.CharField(
        label="Bemærkning", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sandsynlighed = forms.IntegerField(
        label="Sandsynlighed (%)",
        min_value=0,
        max_value=100,
        initial=50,
        help_text="Hvor sandsynligt borgeren flytter ind fra den ønskede dato; "
        "prognosen regner med så stor en del af pladsen.",
    )

    def __init__(self, *args, borgere, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["borger"].queryset = borgere
        self.fields["forventet_niveau"].queryset = Takstniveau.objects.select_related(
            "takstmodel"
        ).order_by("-takstmodel__aar", "kode")
        self.fields["forventet_niveau"].label_from_instance = lambda n: (
            f"{n.takstmodel.aar}: {n.kode} – {n.navn}"
        )
