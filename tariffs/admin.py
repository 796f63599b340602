"""Admin for the tariff tables; levels are checked by the service's rules (§3).

As in the services, nothing that would move a lukket year's takster is saved or
deleted (tariffs.lukkede_aar): the model's own year, the year it is moved from,
and for a timeprismodel the years of the takstmodeller that price with it.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from config.lib.admin import SletningKanAfvises
from config.lib.derived import Changes, DerivedAdmin
from tariffs.lukkede_aar import besked_aar
from tariffs.models import (
    Fravaerslinje,
    Loenpost,
    Takstmodel,
    Takstniveau,
    Takstskift,
    TakstskiftServicetakst,
    Tidsanvendelseslinje,
    Timeprisgruppe,
    Timeprismodel,
    VumTema,
)
from tariffs.selectors import takster_i_kraft_pr_model
from tariffs.services import (
    AAR_FAST,
    NiveauFejl,
    takstniveauer_check,
    takstskift_check,
    takstskift_registrer,
    timeprismodel_aarene,
)

KODE_FAST = (
    "Koden på et gemt niveau kan ikke ændres: indplaceringerne peger på den. "
    "Opret et nyt niveau i stedet."
)
NIVEAU_FELTER = (
    "kode",
    "navn",
    "nedre",
    "oevre",
    "takstgivende",
    "saertakst",
    "fast_pris",
)


def _niveau(data: dict[str, Any]) -> dict[str, Any]:
    return {felt: data.get(felt) for felt in NIVEAU_FELTER}


def _kode_fast(form: forms.ModelForm) -> bool:
    """An admin edit may not rename a saved level (the service never does)."""
    if form.instance.pk is None or "kode" not in form.changed_data:
        return False
    form.add_error("kode", KODE_FAST)
    return True


GYLDIG_FRA_HJAELP = (
    "Datoen, ændringen af årets takster gælder fra: dagene før prises med de "
    "hidtidige takster. Kræves, når budgetåret er vedtaget."
)


def _fejl_paa_felter(form: forms.Form, err: ValidationError) -> None:
    """A service's field errors on the form's fields, the rest above them."""
    for felt, beskeder in err.message_dict.items():
        form.add_error(felt if felt in form.fields else None, beskeder)


class GyldigFraForm(forms.ModelForm):
    """A change of a year's takster with the date it applies from (issue 13 #3),
    checked as tariffs.services checks it. No year the change moves may be
    lukket (tariffs.lukkede_aar): that refusal stands alone above the form, as
    on every admin page; the inlines' lines are saved with the form, so this
    covers them too."""

    gyldig_fra = forms.DateField(
        label="Gælder fra", required=False, help_text=GYLDIG_FRA_HJAELP
    )

    def budgetaar(self, data: dict[str, Any]) -> int | None:
        return data.get("aar")

    def gamle_aar(self) -> set[int]:
        """The years the saved object moves as it is stored now."""
        return {self.instance.aar} if self.instance.pk else set()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        aar = self.budgetaar(data)
        if besked := besked_aar(*self.gamle_aar(), *filter(None, [aar])):
            raise ValidationError(besked)
        if aar is None:
            return data
        gemt = self.instance.pk is not None
        if gemt and "aar" in self.changed_data:
            self.add_error("aar", AAR_FAST.format(aar=aar))
            return data
        try:
            takstskift_check(aar=aar, gyldig_fra=data.get("gyldig_fra"), aendring=gemt)
        except ValidationError as err:
            _fejl_paa_felter(self, err)
        return data


class TakstskiftAdminMixin:
    """Store the takster from before a dated change, as the services do: read
    before the object is saved, stored once its inlines are saved too."""

    def budgetaar(self, obj: Any) -> int:
        return obj.aar

    def save_model(self, request, obj, form, change) -> None:
        form.takster_foer = takster_i_kraft_pr_model(self.budgetaar(obj))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        takstskift_registrer(
            aar=self.budgetaar(form.instance),
            gyldig_fra=form.cleaned_data.get("gyldig_fra"),
            foer=form.takster_foer,
            acting_user=request.user,
        )


class FravaerInline(admin.TabularInline):
    model = Fravaerslinje
    extra = 0


class TidsanvendelseInline(admin.TabularInline):
    model = Tidsanvendelseslinje
    extra = 0


class TimeprismodelAdminForm(GyldigFraForm):
    def gamle_aar(self) -> set[int]:
        # its own year and those of the takstmodeller that price with it
        return timeprismodel_aarene(self.instance)


# A save here reprices every tilbud of the years concerned: DerivedAdmin has
# their stored monthly figures (budgets) recomputed (config.lib.derived).


@admin.register(Timeprismodel)
class TimeprismodelAdmin(
    DerivedAdmin, SletningKanAfvises, TakstskiftAdminMixin, SimpleHistoryAdmin
):
    form = TimeprismodelAdminForm
    list_display = [
        "navn",
        "aar",
        "aarsloen",
        "aarsnorm_timer",
        "ekstratimer_direkte_procent",
    ]
    list_filter = ["aar"]
    inlines = [FravaerInline, TidsanvendelseInline]

    def sletning_afvist(self, obj: Timeprismodel) -> str | None:
        return besked_aar(*timeprismodel_aarene(obj))

    def derived_changes(self, obj) -> Changes:
        return Changes(aar=timeprismodel_aarene(obj))


class TakstniveauInlineFormSet(BaseInlineFormSet):
    """The model's levels, as the admin would save them, by takstniveauer_check."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return  # each form shows its own errors first
        forms_ = sorted(
            (
                f
                for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ),
            key=lambda f: f.cleaned_data["raekkefoelge"],
        )
        if any([_kode_fast(f) for f in forms_]):
            return
        niveauer = [_niveau(f.cleaned_data) for f in forms_]
        try:
            takstniveauer_check(aar=self.instance.aar, niveauer=niveauer)
        except NiveauFejl as err:
            for i, felt, besked in err.fejl:
                forms_[i].add_error(felt, besked)
        except ValidationError as err:  # shown above the levels
            raise ValidationError(err.messages) from None


class TakstniveauInline(admin.TabularInline):
    model = Takstniveau
    formset = TakstniveauInlineFormSet
    extra = 0


@admin.register(Takstmodel)
class TakstmodelAdmin(
    DerivedAdmin, SletningKanAfvises, TakstskiftAdminMixin, SimpleHistoryAdmin
):
    form = GyldigFraForm
    list_display = ["navn", "aar", "enhed", "timeprismodel"]
    list_filter = ["aar", "enhed"]
    inlines = [TakstniveauInline]

    def sletning_afvist(self, obj: Takstmodel) -> str | None:
        return besked_aar(obj.aar)

    def derived_changes(self, obj) -> Changes:
        return Changes(aar={obj.aar})


class TakstniveauAdminForm(GyldigFraForm):
    """One level, checked with the other levels of its model."""

    def budgetaar(self, data: dict[str, Any]) -> int | None:
        model = data.get("takstmodel")
        return None if model is None else model.aar

    def gamle_aar(self) -> set[int]:
        return {self.instance.takstmodel.aar} if self.instance.pk else set()

    class Meta:
        model = Takstniveau
        fields = [
            "takstmodel",
            "kode",
            "navn",
            "raekkefoelge",
            *NIVEAU_FELTER[2:],
            "ydelsesbeskrivelse",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # the lukket years and gyldig_fra (GyldigFraForm)
        model = data.get("takstmodel")
        if self.errors or model is None or _kode_fast(self):
            return data
        andre = model.niveauer.exclude(pk=self.instance.pk).values()
        raekke = sorted([*andre, data], key=lambda n: n["raekkefoelge"])
        mig = next(i for i, n in enumerate(raekke) if n is data)
        try:
            takstniveauer_check(aar=model.aar, niveauer=[_niveau(n) for n in raekke])
        except NiveauFejl as err:
            for i, felt, besked in err.fejl:
                if i == mig:
                    self.add_error(felt, besked)
                else:
                    self.add_error(None, f"Niveau {raekke[i]['kode']}: {besked}")
        except ValidationError as err:
            self.add_error(None, err.messages)
        return data


@admin.register(Takstniveau)
class TakstniveauAdmin(DerivedAdmin, TakstskiftAdminMixin, SimpleHistoryAdmin):
    form = TakstniveauAdminForm
    list_display = [
        "kode",
        "navn",
        "takstmodel",
        "nedre",
        "oevre",
        "takstgivende",
        "fast_pris",
        "saertakst",
    ]
    list_filter = ["takstmodel", "saertakst"]

    def budgetaar(self, obj: Any) -> int:
        return obj.takstmodel.aar

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting one level skips the check of its model's other levels and of
        # the codes the placements need: delete it on its takstmodel instead.
        return False

    def derived_changes(self, obj) -> Changes:
        return Changes(aar={obj.takstmodel.aar})


@admin.register(VumTema)
class VumTemaAdmin(admin.ModelAdmin):
    list_display = ["navn", "kode", "gruppe", "raekkefoelge"]
    list_filter = ["gruppe"]


class TakstskiftServicetakstInline(admin.TabularInline):
    model = TakstskiftServicetakst
    extra = 0
    can_delete = False
    readonly_fields = ["kode", "servicetakst"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Takstskift)
class TakstskiftAdmin(admin.ModelAdmin):
    """Read only: a Takstskift is a fact of what was in force, written by the
    services with the change it belongs to; removing one would reprice days."""

    list_display = [
        "aar",
        "gyldig_fra",
        "timeprismodel",
        "timepris_direkte",
        "timepris_ekstratimer",
        "registreret",
        "registreret_af",
    ]
    list_filter = ["aar"]
    inlines = [TakstskiftServicetakstInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _VisesKun(admin.ModelAdmin):
    """Shown, not edited: the timepris page validates tiers and salary items
    together with their model (tariffs.services), so they are set up there."""

    list_filter = ["timeprismodel__aar"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Loenpost)
class LoenpostAdmin(_VisesKun):
    list_display = ["timeprismodel", "kategori", "beloeb"]


@admin.register(Timeprisgruppe)
class TimeprisgruppeAdmin(_VisesKun):
    list_display = ["timeprismodel", "fra", "til", "direkte_procent"]
