"""Forms of the scenario pages (issue 16 #1): numbers and dates typed the Danish
way. Shape only: the service checks the values and its Danish field errors land
on the fields of the same names."""

import datetime

from django import forms

from budgets.engine.scenarie_laes import TIMEPRIS_FELTER, Art
from budgets.models_scenarie import Aendringsart, Scenariegrundlag
from budgets.selectors.scenarie import KATEGORIER
from offers.forms import DatoInput
from offers.models import Tilbud, Tildelingsprincip
from tariffs.forms import DanskDecimalField

DATOFORMATER = ["%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"]

# Which fields each kind uses (for the page's hints and the JSON it sends).
FELTER = {
    Art.TIMEPRIS_FELT: ("felt", "tal"),
    Art.FRAVAER_LINJE: ("fravaer_kategori", "timer", "procent"),
    Art.TIDSANVENDELSE_LINJE: ("tidsanvendelse_kategori", "timer", "procent"),
    Art.NIVEAU_TIMER: ("niveau", "timer"),
    Art.NIVEAU_SPAEND: ("niveau", "nedre", "oevre"),
    Art.TILBUD_PLADSER: ("tilbud", "pladser"),
    Art.TILBUD_BELAEGNING: ("tilbud", "belaegning"),
    Art.TILBUD_PRINCIP: ("tilbud", "princip"),
    Art.TILBUD_FASTE_UDGIFTER: ("tilbud", "faste_udgifter"),
    Art.PLANLAGT_TILGANG: ("antal", "niveau", "tilbud", "dato"),
    Art.PLANLAGT_AFGANG: ("antal", "tilbud", "dato"),
    Art.NYT_TILBUD: (
        "navn",
        "pladser",
        "belaegning",
        "princip",
        "faste_udgifter",
        "dato",
    ),
    Art.LUKKET_TILBUD: ("tilbud", "dato"),
}

# The fields a kind may leave empty, with the word its label gets for those
# kinds (every other field a kind uses is required by the service, so the
# generic "(valgfrit)" of optional form fields would mislead).
TIMER_ELLER_PROCENT = "(timer eller procent)"
VALGFRI = {
    "oevre": ("(valgfrit)", (Art.NIVEAU_SPAEND,)),
    "timer": (TIMER_ELLER_PROCENT, (Art.FRAVAER_LINJE, Art.TIDSANVENDELSE_LINJE)),
    "procent": (TIMER_ELLER_PROCENT, (Art.FRAVAER_LINJE, Art.TIDSANVENDELSE_LINJE)),
}


class ScenarioForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200)
    aar = forms.TypedChoiceField(label="Budgetår", coerce=int)
    grundlag = forms.ChoiceField(
        label="Grundlag",
        choices=Scenariegrundlag.choices,
        initial=Scenariegrundlag.AKTUELT,
        help_text="Det vedtagne budget (kun et vedtaget år) eller de aktuelle data.",
    )

    def __init__(self, *args, aar_valg: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aar"].choices = [(a, str(a)) for a in aar_valg]


def _valg(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class AendringForm(forms.Form):
    """One change; only the fields its kind uses are sent (FELTER)."""

    art = forms.ChoiceField(label="Ændring", choices=Aendringsart.choices)
    tilbud = forms.ModelChoiceField(
        label="Tilbud", queryset=Tilbud.objects.order_by("navn"), required=False
    )
    nyt_tilbud = forms.TypedChoiceField(
        label="… eller nyt tilbud i scenariet", coerce=int, required=False
    )
    felt = forms.ChoiceField(
        label="Timeprisfelt",
        choices=_valg([(f, f.replace("_", " ")) for f in TIMEPRIS_FELTER]),
        required=False,
    )
    tal = DanskDecimalField(label="Ny værdi (kr. eller timer)", required=False)
    fravaer_kategori = forms.ChoiceField(label="Fraværslinje", required=False)
    tidsanvendelse_kategori = forms.ChoiceField(
        label="Tidsanvendelseslinje", required=False
    )
    timer = DanskDecimalField(label="Timer", required=False)
    procent = DanskDecimalField(label="Procent", required=False)
    niveau = forms.ChoiceField(label="Takstniveau", required=False)
    nedre = DanskDecimalField(label="Nedre grænse", required=False)
    oevre = DanskDecimalField(label="Øvre grænse", required=False)
    antal = forms.IntegerField(label="Antal borgere", required=False)
    dato = forms.DateField(
        label="Dato", required=False, input_formats=DATOFORMATER, widget=DatoInput()
    )
    navn = forms.CharField(label="Navn på nyt tilbud", required=False, max_length=200)
    pladser = forms.IntegerField(label="Pladser", required=False)
    belaegning = DanskDecimalField(label="Forudsat belægning (%)", required=False)
    princip = forms.ChoiceField(
        label="Tildelingsprincip",
        choices=_valg(Tildelingsprincip.choices),
        required=False,
    )
    faste_udgifter = DanskDecimalField(
        label="Faste udgifter (kr. pr. år)", required=False
    )

    def __init__(self, *args, niveauer, nye_tilbud, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["niveau"].choices = _valg(niveauer)
        self.fields["nyt_tilbud"].choices = _valg(nye_tilbud)
        for felt, art in (
            ("fravaer_kategori", Art.FRAVAER_LINJE),
            ("tidsanvendelse_kategori", Art.TIDSANVENDELSE_LINJE),
        ):
            self.fields[felt].choices = _valg((k, k) for k in KATEGORIER[art])

    def som_rettelse(self, art: str, vaerdi: dict) -> None:
        """Show a saved change for editing: its kind fixed, its values as the
        page writes them (a decimal with a comma, a date as a date)."""
        self.fields["art"].disabled = True
        self.initial["art"] = art
        for noegle, v in vaerdi.items():
            navn = noegle
            if noegle == "kategori":
                fravaer = art == Art.FRAVAER_LINJE
                navn = "fravaer_kategori" if fravaer else "tidsanvendelse_kategori"
            felt = self.fields.get(navn)
            if isinstance(felt, DanskDecimalField):
                v = str(v).replace(".", ",")
            elif isinstance(felt, forms.DateField):
                v = datetime.date.fromisoformat(str(v))
            self.initial[navn] = v

    def vaerdi(self) -> dict:
        """The JSON the service reads: the kind's fields, as text."""
        data, art = self.cleaned_data, self.cleaned_data["art"]
        vaerdi = {}
        for felt in FELTER[art]:
            v = data.get(felt)
            if felt == "tilbud" and v is None and data.get("nyt_tilbud"):
                vaerdi["nyt_tilbud"] = data["nyt_tilbud"]
                continue
            if v in (None, ""):
                continue
            navn = "kategori" if felt.endswith("_kategori") else felt
            vaerdi[navn] = v.pk if felt == "tilbud" else _tekst(v)
        return vaerdi

    def felter_med_arter(self) -> list[dict]:
        """Each field but ``art`` with the kinds that use it (the page's script
        shows only those of the chosen kind) and the kinds that may leave it
        empty, with their word ("valgfri"; shown only for the chosen kind)."""
        brug: dict[str, list[str]] = {}
        for art, felter in FELTER.items():
            for felt in felter:
                brug.setdefault(felt, []).append(art)
        brug["nyt_tilbud"] = brug["tilbud"]
        valgt = self["art"].value() or self.fields["art"].choices[0][0]
        felter = []
        for navn in self.fields:
            if navn == "art":
                continue
            tekst, arter = VALGFRI.get(navn, ("", ()))
            felter.append(
                {
                    "felt": self[navn],
                    "arter": " ".join(brug.get(navn, [])),
                    "valgfri": tekst,
                    "valgfri_arter": " ".join(arter),
                    "vis_valgfri": valgt in arter,
                }
            )
        return felter


def _tekst(v: object) -> object:
    """A date as ÅÅÅÅ-MM-DD, a whole number as is, a decimal as text."""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v if isinstance(v, int) else str(v)


class VedtagForm(forms.Form):
    """Adopting a scenario as next year's proposal: KL's percentages, as on the
    rollover page (budgets.forms.OpretBudgetaarForm); the service checks them."""

    fremskrivning_loen_pct = DanskDecimalField(
        label="Fremskrivning af løn (%)",
        help_text=(
            "KL's lønskøn, fx 2,5. Bruges af årsskiftet, hvis året oprettes nu, "
            "og til den årsløn, scenariet ændrer."
        ),
    )
    fremskrivning_oevrige_pct = DanskDecimalField(
        label="Fremskrivning af øvrige udgifter (%)",
        help_text=(
            "KL's skøn for øvrige serviceudgifter, fx 2,0. Bruges af årsskiftet, "
            "hvis året oprettes nu, og til de faste udgifter, scenariet ændrer."
        ),
    )
