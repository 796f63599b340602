"""Forms of the budget pages (issue 5)."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from budgets.models import TIMEPRISMODEL_HJAELP, FastUdgiftKategori
from config.lib.formatting import MAANEDSNAVNE, format_tal
from config.lib.roles import TILBUDSLEDER
from config.requestlog.forms import DanskDatoField
from offers.models import (
    DAGSPRIS_HJAELP,
    DIMENSIONERET_HJAELP,
    GENNEMSNITSTAKST_HJAELP,
    Dagsgrundlag,
    Prisenhed,
    Tilbud,
    Tilbudstype,
    Tildelingsprincip,
)
from tariffs.forms import DanskDecimalField
from tariffs.models import Timeprismodel

TAKSTMODELLENS = "Takstmodellens timeprismodel"
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


class FasteUdgifterForm(forms.Form):
    """A tilbud's six fixed-cost lines of a year, typed the Danish way (DOMAIN.md §4).

    Fields are named by kategori, so a service error on a line lands on its field.
    """

    def __init__(self, *args, gemte: dict[str, Decimal], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kode, navn in FastUdgiftKategori.choices:
            self.fields[kode] = DanskDecimalField(
                label=f"{navn} (kr.)",
                min_value=Decimal(0),
                initial=format_tal(gemte.get(kode, Decimal(0)), 2),
            )

    def beloeb_pr_kategori(self) -> dict[str, Decimal]:
        return {kode: self.cleaned_data[kode] for kode in FastUdgiftKategori.values}


class TilbudAarForm(forms.Form):
    """A tilbud's settings for one budget year (issue 13 #1), typed the Danish way.

    Upper bounds come from the model (via the service), as field errors.
    """

    pladser = forms.IntegerField(label="Pladser", min_value=1)
    tildelingsprincip = forms.ChoiceField(
        label="Tildelingsprincip", choices=Tildelingsprincip.choices
    )
    forudsat_belaegning = DanskDecimalField(
        label="Forudsat belægning (%)", min_value=Decimal(1)
    )
    reguleringsandel = DanskDecimalField(
        label="Reguleringsandel (%)",
        min_value=Decimal(0),
        help_text="Kun for aktivitet: hvor stor en del af afvigelsen fra forudsat "
        "belægning, der reguleres.",
    )
    gennemsnitstakst = DanskDecimalField(
        label="Gennemsnitstakst (servicedel kr. pr. døgn)",
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=GENNEMSNITSTAKST_HJAELP,
    )
    # Issue 17: STU and dagtilbud priced per day (budgets.engine.dagspris).
    dagspris = DanskDecimalField(
        label="Dagspris (kr.)",
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=DAGSPRIS_HJAELP,
    )
    # Not required: a form posted without them (an older client) keeps the
    # defaults, which only matter with a dagspris.
    dagspris_enhed = forms.ChoiceField(
        label="Dagsprisen er",
        choices=Prisenhed.choices,
        initial=Prisenhed.DAG,
        required=False,
    )
    dagsgrundlag = forms.ChoiceField(
        label="Dage, der betales",
        choices=Dagsgrundlag.choices,
        initial=Dagsgrundlag.KALENDERDAGE,
        required=False,
        help_text="Hverdage: mandag–fredag i den finansierede periode "
        "(helligdage trækkes ikke fra).",
    )
    dimensioneret_til = forms.IntegerField(
        label="Dimensioneret til (borgere)",
        required=False,
        min_value=1,
        help_text=DIMENSIONERET_HJAELP,
    )

    timeprismodel = forms.ModelChoiceField(
        label="Timeprismodel",
        queryset=Timeprismodel.objects.none(),
        required=False,
        empty_label=TAKSTMODELLENS,
        help_text=TIMEPRISMODEL_HJAELP,
    )

    def __init__(self, *args, aar: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Issue 17: the year's own models only (the service refuses others).
        self.fields["timeprismodel"].queryset = Timeprismodel.objects.filter(
            aar=aar
        ).order_by("navn")

    def clean_dagspris_enhed(self) -> str:
        return self.cleaned_data.get("dagspris_enhed") or Prisenhed.DAG

    def clean_dagsgrundlag(self) -> str:
        return self.cleaned_data.get("dagsgrundlag") or Dagsgrundlag.KALENDERDAGE

    @staticmethod
    def initial_fra(indstillinger: Any) -> dict[str, Any]:
        """The form's initial values from selectors.tilbud_aar_for."""
        return {
            "pladser": indstillinger.pladser,
            "tildelingsprincip": indstillinger.tildelingsprincip,
            "forudsat_belaegning": format_tal(indstillinger.forudsat_belaegning, 2),
            "reguleringsandel": format_tal(indstillinger.reguleringsandel, 2),
            "gennemsnitstakst": ""
            if indstillinger.gennemsnitstakst is None
            else format_tal(indstillinger.gennemsnitstakst, 2),
            "dagspris": ""
            if indstillinger.dagspris is None
            else format_tal(indstillinger.dagspris, 2),
            "dagspris_enhed": indstillinger.dagspris_enhed,
            "dagsgrundlag": indstillinger.dagsgrundlag,
            "dimensioneret_til": indstillinger.dimensioneret_til,
            "timeprismodel": indstillinger.timeprismodel,
        }


FREMSKRIVNING_LOEN_HJAELP = (
    "KL's lønskøn for det nye år i procent, fx 2,5. Fremskriver årslønnen i "
    "timeprismodellen og dermed timeprisen og servicetaksterne."
)
FREMSKRIVNING_OEVRIGE_HJAELP = (
    "KL's pris- og lønskøn for øvrige serviceudgifter i procent, fx 2,0. "
    "Fremskriver de faste udgifter og rammerne (rammebeløb og tillæg pr. borger)."
)


class OpretBudgetaarForm(forms.Form):
    """Issue 13 #4: a new budget year rolled over from an earlier one.

    The names are opret_budgetaar's, so a service error lands on its field; the
    service checks the range of the percentages and the years.
    """

    aar = forms.IntegerField(label="Nyt budgetår", min_value=2000, max_value=2100)
    kopier_fra = forms.TypedChoiceField(label="Kopiér fra budgetår", coerce=int)
    fremskrivning_loen_pct = DanskDecimalField(
        label="Fremskrivning af løn (%)", help_text=FREMSKRIVNING_LOEN_HJAELP
    )
    fremskrivning_oevrige_pct = DanskDecimalField(
        label="Fremskrivning af øvrige udgifter (%)",
        help_text=FREMSKRIVNING_OEVRIGE_HJAELP,
    )

    def __init__(self, *args, kopier_fra_valg: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kopier_fra"].choices = [(a, str(a)) for a in kopier_fra_valg]
        self.fields["aar"].widget.attrs["inputmode"] = "numeric"


NYT_NIVEAU_VAELG = "Vælg nyt niveau"


class NyeKoderForm(forms.Form):
    """The rollover's second step: a new level for each borger on a code the new
    year's takstmodel lacks (selectors.niveauskift_for), one select each."""

    def __init__(self, *args, skift: Any, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        valg = [("", NYT_NIVEAU_VAELG)]
        valg += [(kode, f"{kode} {navn}") for kode, navn in skift.valg]
        for b in skift.borgere:
            self.fields[f"kode_{b.borger_id}"] = forms.ChoiceField(
                label=f"{b.borger}, {b.tilbud}: niveau {b.kode}", choices=valg
            )

    def nye_koder(self) -> dict[int, str]:
        """borger id -> new code, as opret_budgetaar takes them."""
        return {
            int(navn.removeprefix("kode_")): kode
            for navn, kode in self.cleaned_data.items()
        }


class HistorikFilterForm(forms.Form):
    """The history page's filter: which model, from and to which day, whose."""

    model = forms.ChoiceField(label="Vis ændringer af")
    fra = DanskDatoField(label="Fra og med")
    til = DanskDatoField(label="Til og med")
    bruger = forms.ModelChoiceField(
        label="Bruger",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Alle",
    )

    def __init__(self, *args, modeller: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = modeller
        self.fields["bruger"].queryset = get_user_model().objects.order_by("username")
        self.fields["bruger"].label_from_instance = _brugernavn


def _brugernavn(user) -> str:
    return user.get_full_name() or user.username


NAVN_FINDES = "Der findes allerede et tilbud med navnet “{navn}”."
# Issue 17: the tilbudstyper priced per day, and the days each pays by default.
DAGSPRIS_TYPER = (
    Tilbudstype.STU,
    Tilbudstype.DAGTILBUD_103,
    Tilbudstype.DAGTILBUD_104,
)
HVERDAGSTYPER = (Tilbudstype.DAGTILBUD_103, Tilbudstype.DAGTILBUD_104)
EFTER_TYPE = ""
DAGSGRUNDLAG_VALG = [
    (EFTER_TYPE, "Efter tilbudstype (STU: alle kalenderdage; dagtilbud: hverdage)"),
    *Dagsgrundlag.choices,
]
DAGSPRISFELTER = ("dagspris", "dagspris_enhed", "dagsgrundlag", "dimensioneret_til")


def dagsgrundlag_for(tilbudstype: str) -> str:
    """The days a tilbud of the type pays by default: a dagtilbud its
    attendance days (weekdays), the others (STU) every calendar day."""
    if tilbudstype in HVERDAGSTYPER:
        return Dagsgrundlag.HVERDAGE
    return Dagsgrundlag.KALENDERDAGE


class TilbudForm(forms.Form):
    """A tilbud's master data (issue 17): create one, or change one, in the UI.

    The year settings here are the tilbud's own: saved through
    budgets.services.tilbud_save they reach every budget year that is not låst
    (one year alone: the page "Ret pladser og principper").
    """

    navn = forms.CharField(label="Navn", max_length=120)
    tilbudstype = forms.ChoiceField(label="Tilbudstype", choices=Tilbudstype.choices)
    pladser = forms.IntegerField(label="Pladser", min_value=1)
    tildelingsprincip = forms.ChoiceField(
        label="Tildelingsprincip",
        choices=Tildelingsprincip.choices,
        initial=Tildelingsprincip.HYBRID,
    )
    forudsat_belaegning = DanskDecimalField(
        label="Forudsat belægning (%)",
        min_value=Decimal(1),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        initial="97",
    )
    reguleringsandel = DanskDecimalField(
        label="Reguleringsandel (%)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        initial="100",
        help_text="Kun for aktivitet: hvor stor en del af afvigelsen fra forudsat "
        "belægning, der reguleres.",
    )
    # Issue 17: STU and dagtilbud priced per day (budgets.engine.dagspris);
    # empty for the other tilbudstyper (bostøtte, botilbud: no dagspris).
    dagspris = DanskDecimalField(
        label="Dagspris (kr.)",
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=DAGSPRIS_HJAELP,
    )
    dagspris_enhed = forms.ChoiceField(
        label="Dagsprisen er",
        choices=Prisenhed.choices,
        initial=Prisenhed.DAG,
        required=False,
    )
    dagsgrundlag = forms.ChoiceField(
        label="Dage, der betales",
        choices=DAGSGRUNDLAG_VALG,
        initial=EFTER_TYPE,
        required=False,
        help_text="Hverdage: mandag–fredag i den finansierede periode "
        "(helligdage trækkes ikke fra).",
    )
    dimensioneret_til = forms.IntegerField(
        label="Dimensioneret til (borgere)",
        required=False,
        min_value=1,
        help_text=DIMENSIONERET_HJAELP,
    )
    ledere = forms.ModelMultipleChoiceField(
        label="Ledere",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "tv-flervalg"}),
        help_text="Tilbudsledere, der ser tilbuddet og dets borgere. "
        "Hold Ctrl nede for at vælge flere.",
    )

    def __init__(
        self,
        *args,
        tilbud: Tilbud | None = None,
        timeprismodeller: Mapping[int, tuple[list, Any]] | None = None,
        **kwargs,
    ) -> None:
        """``timeprismodeller`` (issue 17): each open budget year -> (its
        timeprismodeller, the tilbud's own for the year or None); one field
        per year with more than one model to choose from."""
        self.tilbud = tilbud
        self.timeprisaar: dict[str, tuple[int, Any]] = {}
        if tilbud is not None:
            kwargs.setdefault("initial", self.initial_fra(tilbud))
        super().__init__(*args, **kwargs)
        self.fields["ledere"].queryset = (
            get_user_model()
            .objects.filter(groups__name=TILBUDSLEDER, is_active=True)
            .order_by("username")
        )
        self.fields["ledere"].label_from_instance = _brugernavn
        for aar, (modeller, valgt) in sorted((timeprismodeller or {}).items()):
            if len(modeller) < 2:
                continue
            navn = f"timeprismodel_{aar}"
            self.fields[navn] = forms.ModelChoiceField(
                label=f"Timeprismodel {aar}",
                queryset=Timeprismodel.objects.filter(pk__in=[m.pk for m in modeller]),
                required=False,
                empty_label=TAKSTMODELLENS,
                initial=valgt,
                help_text=TIMEPRISMODEL_HJAELP,
            )
            self.timeprisaar[navn] = (aar, valgt)

    def timeprisfelter(self) -> list:
        """The bound timeprismodel fields, for the template."""
        return [self[navn] for navn in self.timeprisaar]

    def clean_navn(self) -> str:
        navn = self.cleaned_data["navn"].strip()
        andre = Tilbud.objects.filter(navn=navn)
        if self.tilbud is not None:
            andre = andre.exclude(pk=self.tilbud.pk)
        if andre.exists():
            raise forms.ValidationError(NAVN_FINDES.format(navn=navn))
        return navn

    def clean_dagspris_enhed(self) -> str:
        return self.cleaned_data.get("dagspris_enhed") or Prisenhed.DAG

    def clean(self) -> dict[str, Any]:
        """An empty "Dage, der betales" is the tilbudstype's default."""
        data = super().clean()
        if not data.get("dagsgrundlag"):
            data["dagsgrundlag"] = dagsgrundlag_for(data.get("tilbudstype", ""))
        return data

    def stamfelter(self) -> list:
        """The fields every tilbud has (the template shows them first)."""
        return [self[navn] for navn in self.fields if navn not in DAGSPRISFELTER]

    def dagsprisfelter(self) -> list:
        """Issue 17: the dagspris fields, for STU and dagtilbud."""
        return [self[navn] for navn in DAGSPRISFELTER]

    def aendringer(self) -> dict[str, Any]:
        """The fields to save: all for a new tilbud; for an existing one only
        those that differ, so an unchanged year setting never overwrites a
        year's own (tilbud_save sets a given one in every year not låst)."""
        felter = dict(self.cleaned_data)
        valgte = {
            aar: felter.pop(navn)
            for navn, (aar, _gemt) in self.timeprisaar.items()
            if navn in felter
        }
        aendrede = {
            aar: tp
            for aar, tp in valgte.items()
            if tp != self.timeprisaar[f"timeprismodel_{aar}"][1]
        }
        if self.tilbud is None:
            return {**felter, "timeprismodeller": valgte} if valgte else felter
        aendret = {
            felt: v
            for felt, v in felter.items()
            if felt != "ledere" and getattr(self.tilbud, felt) != v
        }
        if set(felter["ledere"]) != set(self.tilbud.ledere.all()):
            aendret["ledere"] = felter["ledere"]
        if aendrede:
            aendret["timeprismodeller"] = aendrede
        return aendret

    @staticmethod
    def initial_fra(tilbud: Tilbud) -> dict[str, Any]:
        return {
            "navn": tilbud.navn,
            "tilbudstype": tilbud.tilbudstype,
            "pladser": tilbud.pladser,
            "tildelingsprincip": tilbud.tildelingsprincip,
            "forudsat_belaegning": format_tal(tilbud.forudsat_belaegning, 2),
            "reguleringsandel": format_tal(tilbud.reguleringsandel, 2),
            "dagspris": ""
            if tilbud.dagspris is None
            else format_tal(tilbud.dagspris, 2),
            "dagspris_enhed": tilbud.dagspris_enhed,
            "dagsgrundlag": tilbud.dagsgrundlag,
            "dimensioneret_til": tilbud.dimensioneret_til,
            "ledere": list(tilbud.ledere.all()),
        }


def _brugernavn(user: Any) -> str:
    return user.get_full_name() or user.get_username()
