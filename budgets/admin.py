from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from budgets.models import (
    Budgetaar,
    FastUdgift,
    Forbrug,
    Importjob,
    Kommentar,
    Maanedstal,
    MaanedstalAar,
    Rammeforudsaetning,
    TilbudAar,
    VedtagetBudget,
)
from budgets.services import AAR_LAAST
from config.lib.derived import Changes, DerivedAdmin


class TilbudsInput(DerivedAdmin):
    """Rows of one tilbud's budget inputs: a save recomputes its monthly figures."""

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.tilbud_id])


@admin.register(Budgetaar)
class BudgetaarAdmin(DerivedAdmin, admin.ModelAdmin):
    list_display = ["aar", "status", "vedtaget", "lukket"]
    # A year's state moves only through budgets.services.budgetaar (vedtag, luk):
    # adopting stores the oprindeligt budget, which a field edit would skip.
    readonly_fields = ["status", "vedtaget", "lukket"]

    def derived_changes(self, obj) -> Changes:
        # The year's faste udgifter, rammer and settings hang on the row.
        return Changes(aar={obj.aar})


@admin.register(FastUdgift)
class FastUdgiftAdmin(TilbudsInput, SimpleHistoryAdmin):
    list_display = ["tilbud", "budgetaar", "kategori", "beloeb"]
    list_filter = ["budgetaar", "kategori", "tilbud"]


@admin.register(Rammeforudsaetning)
class RammeforudsaetningAdmin(TilbudsInput, SimpleHistoryAdmin):
    list_display = ["tilbud", "budgetaar", "rammebeloeb", "dimensioneret_pladser"]
    list_filter = ["budgetaar"]


class TilbudAarForm(forms.ModelForm):
    """A låst year's settings stay as they are, here as in the services."""

    def clean(self) -> dict:
        data = super().clean()
        for budgetaar in (self.instance.budgetaar if self.instance.pk else None,
                          data.get("budgetaar")):  # fmt: skip
            if budgetaar is not None and budgetaar.laast:
                raise ValidationError(AAR_LAAST.format(aar=budgetaar.aar))
        return data


@admin.register(TilbudAar)
class TilbudAarAdmin(TilbudsInput, SimpleHistoryAdmin):
    form = TilbudAarForm
    list_display = ["tilbud", "budgetaar", "pladser", "tildelingsprincip",
                    "forudsat_belaegning", "reguleringsandel"]  # fmt: skip
    list_filter = ["budgetaar", "tildelingsprincip"]
    search_fields = ["tilbud__navn"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.budgetaar.laast


@admin.register(Forbrug)
class ForbrugAdmin(SimpleHistoryAdmin):
    list_display = ["tilbud", "budgetaar", "maaned", "art", "beloeb"]
    list_filter = ["budgetaar", "maaned", "art", "tilbud"]


@admin.register(Kommentar)
class KommentarAdmin(admin.ModelAdmin):
    list_display = ["tilbud", "budgetaar", "maaned", "forfatter", "oprettet"]
    list_filter = ["budgetaar", "tilbud"]


@admin.register(Importjob)
class ImportjobAdmin(admin.ModelAdmin):
    list_display = [
        "filnavn",
        "type",
        "status",
        "rows_done",
        "rows_total",
        "created_by",
        "created",
    ]
    list_filter = ["type", "status"]
    exclude = ["indhold"]  # the uploaded file may hold CPR numbers
    readonly_fields = [
        "type",
        "status",
        "filnavn",
        "rows_total",
        "rows_done",
        "errors",
        "resultat",
        "forhaandsvisning",
        "godkendt",
        "created_by",
        "finished",
    ]


class AfledtAdmin(admin.ModelAdmin):
    """Derived data the application keeps itself: shown, never edited by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MaanedstalAar)
class MaanedstalAarAdmin(AfledtAdmin):
    list_display = [
        "aar",
        "version",
        "faerdig_version",
        "beregnet",
        "i_alt",
        "opdateret",
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the version may never fall back: old rows would count again


@admin.register(Maanedstal)
class MaanedstalAdmin(AfledtAdmin):
    list_display = ["tilbud", "aar", "maaned", "version", "motorversion", "fast",
                    "aktivitet_korrigeret", "beregnet"]  # fmt: skip
    list_filter = ["aar", "maaned"]


@admin.register(VedtagetBudget)
class VedtagetBudgetAdmin(AfledtAdmin):
    """The adopted budget never changes: shown, never edited or deleted."""

    list_display = ["tilbud", "budgetaar", "maaned", "fast", "aktivitet"]
    list_filter = ["budgetaar"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
