"""Admin for the tariff tables; levels are checked by the service's rules (§3)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from config.lib.derived import Changes, DerivedAdmin
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
    VumTema,
)
from tariffs.selectors import takster_aar
from tariffs.services import NiveauFejl, takstniveauer_check

KODE_FAST = (
    "Koden på et gemt niveau kan ikke ændres: indplaceringerne peger på den. "
    "Opret et nyt niveau i stedet."
)
NIVEAU_FELTER = ("kode", "navn", "nedre", "oevre", "takstgivende", "saertakst")


def _niveau(data: dict[str, Any]) -> dict[str, Any]:
    return {felt: data.get(felt) for felt in NIVEAU_FELTER}


def _kode_fast(form: forms.ModelForm) -> bool:
    """An admin edit may not rename a saved level (the service never does)."""
    if form.instance.pk is None or "kode" not in form.changed_data:
        return False
    form.add_error("kode", KODE_FAST)
    return True


class FravaerInline(admin.TabularInline):
    model = Fravaerslinje
    extra = 0


class TidsanvendelseInline(admin.TabularInline):
    model = Tidsanvendelseslinje
    extra = 0


# A save here reprices every tilbud of the years concerned: the mixin has their
# stored monthly figures (budgets) recomputed (config.lib.derived).


@admin.register(Timeprismodel)
class TimeprismodelAdmin(DerivedAdmin, SimpleHistoryAdmin):
    list_display = ["navn", "aar", "aarsloen", "aarsnorm_timer"]
    list_filter = ["aar"]
    inlines = [FravaerInline, TidsanvendelseInline]

    def derived_changes(self, obj) -> Changes:
        return Changes(aar=takster_aar(timeprismodel=obj))


class TakstniveauInlineFormSet(BaseInlineFormSet):
    """The model's levels, as the admin would save them, by takstniveauer_check."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return  # each form shows its own errors first
        forms_ = sorted(
            (f for f in self.forms
             if f.cleaned_data and not f.cleaned_data.get("DELETE")),
            key=lambda f: f.cleaned_data["raekkefoelge"],
        )  # fmt: skip
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
class TakstmodelAdmin(DerivedAdmin, SimpleHistoryAdmin):
    list_display = ["navn", "aar", "enhed", "timeprismodel"]
    list_filter = ["aar", "enhed"]
    inlines = [TakstniveauInline]

    def derived_changes(self, obj) -> Changes:
        return Changes(aar={obj.aar})


class TakstniveauAdminForm(forms.ModelForm):
    """One level, checked with the other levels of its model."""

    class Meta:
        model = Takstniveau
        fields = ["takstmodel", "kode", "navn", "raekkefoelge", *NIVEAU_FELTER[2:],
                  "ydelsesbeskrivelse"]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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
class TakstniveauAdmin(DerivedAdmin, SimpleHistoryAdmin):
    form = TakstniveauAdminForm
    list_display = [
        "kode",
        "navn",
        "takstmodel",
        "nedre",
        "oevre",
        "takstgivende",
        "saertakst",
    ]
    list_filter = ["takstmodel", "saertakst"]

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
