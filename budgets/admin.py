from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from budgets.models import (
    AfregningFaktureret,
    AfregningFaktureretLinje,
    Budgetaar,
    Efterregulering,
    FastUdgift,
    Forbrug,
    Importjob,
    Kommentar,
    LeveretTid,
    Maanedstal,
    MaanedstalAar,
    Rammeforudsaetning,
    Scenarieaendring,
    Scenario,
    TilbudAar,
    VedtagetBudget,
)
from config.lib.admin import SletningKanAfvises
from config.lib.derived import Changes, DerivedAdmin
from tariffs.lukkede_aar import besked_aar


@admin.register(Budgetaar)
class BudgetaarAdmin(SletningKanAfvises, DerivedAdmin, admin.ModelAdmin):
    list_display = ["aar", "status", "vedtaget", "lukket"]
    # A year's state moves only through budgets.services.budgetaar (vedtag, luk):
    # adopting stores the oprindeligt budget, which a field edit would skip.
    readonly_fields = ["status", "vedtaget", "lukket"]

    def sletning_afvist(self, obj: Budgetaar) -> str | None:
        # Without its row the year would be a forslag again, open to every write.
        return besked_aar(obj.aar)

    def derived_changes(self, obj) -> Changes:
        # The year's faste udgifter, rammer and settings hang on the row.
        return Changes(aar={obj.aar})


class AaretsForm(forms.ModelForm):
    """A row of one budget year: a lukket year's rows stay as they are, here as
    in the services (tariffs.lukkede_aar). Neither the year the row belonged to
    nor the one it is moved to may be lukket."""

    def clean(self) -> dict:
        data = super().clean()
        aarene = [
            b.aar
            for b in (
                self.instance.budgetaar if self.instance.pk else None,
                data.get("budgetaar"),
            )
            if b is not None
        ]
        if besked := besked_aar(*aarene):
            raise ValidationError(besked)
        return data


class AaretsAdmin(SletningKanAfvises, SimpleHistoryAdmin):
    form = AaretsForm

    def sletning_afvist(self, obj) -> str | None:
        return besked_aar(obj.budgetaar.aar)


class TilbudsInput(DerivedAdmin, AaretsAdmin):
    """Rows of one tilbud's budget inputs in a year: a save recomputes that
    tilbud's monthly figures (config.lib.derived)."""

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.tilbud_id])


@admin.register(FastUdgift)
class FastUdgiftAdmin(TilbudsInput):
    list_display = ["tilbud", "budgetaar", "kategori", "beloeb"]
    list_filter = ["budgetaar", "kategori", "tilbud"]


@admin.register(Rammeforudsaetning)
class RammeforudsaetningAdmin(TilbudsInput):
    list_display = ["tilbud", "budgetaar", "rammebeloeb", "dimensioneret_pladser"]
    list_filter = ["budgetaar"]


@admin.register(TilbudAar)
class TilbudAarAdmin(TilbudsInput):
    list_display = [
        "tilbud",
        "budgetaar",
        "pladser",
        "tildelingsprincip",
        "forudsat_belaegning",
        "reguleringsandel",
        "gennemsnitstakst",
        "dagspris",
        "dagspris_enhed",
        "dimensioneret_til",
    ]
    list_filter = ["budgetaar", "tildelingsprincip"]
    search_fields = ["tilbud__navn"]


@admin.register(Forbrug)
class ForbrugAdmin(AaretsAdmin):
    list_display = ["tilbud", "budgetaar", "maaned", "art", "beloeb"]
    list_filter = ["budgetaar", "maaned", "art", "tilbud"]


class LeveretTidForm(forms.ModelForm):
    """Leveret tid of a lukket year stays as it is, as the import and
    services.leveret_tid_save refuse it: neither the row's year nor the one it
    is moved to may be lukket."""

    def clean(self) -> dict:
        data = super().clean()
        aarene = [
            a
            for a in (self.instance.aar if self.instance.pk else None, data.get("aar"))
            if a is not None
        ]
        if besked := besked_aar(*aarene):
            raise ValidationError(besked)
        return data


@admin.register(LeveretTid)
class LeveretTidAdmin(SletningKanAfvises, SimpleHistoryAdmin):
    """Imported monthly (budgets.imports.leveret_tid); a correction here keeps
    its history like the import's rows."""

    form = LeveretTidForm

    def sletning_afvist(self, obj) -> str | None:
        return besked_aar(obj.aar)

    list_display = ["tilbud", "borger", "aar", "maaned", "timer"]
    list_filter = ["aar", "maaned", "tilbud"]
    raw_id_fields = ["borger"]


@admin.register(Kommentar)
class KommentarAdmin(admin.ModelAdmin):
    list_display = ["tilbud", "budgetaar", "maaned", "forfatter", "oprettet"]
    list_filter = ["budgetaar", "tilbud"]


class ScenarieaendringInline(admin.TabularInline):
    """A change is read here, never written: its value is checked against the
    year's data by the service (budgets.services.scenarie), which the admin's
    form would pass by, and an unchecked value could break the result page."""

    model = Scenarieaendring
    fields = ["art", "tilbud", "vaerdi"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    """Scenarios are made on their pages; here only renamed or deleted (a
    scenario never changes the real budget, so nothing derived moves)."""

    list_display = ["navn", "aar", "grundlag", "created_by", "updated"]
    list_filter = ["aar"]
    fields = ["navn", "aar", "grundlag", "created_by"]
    readonly_fields = ["aar", "grundlag", "created_by"]
    inlines = [ScenarieaendringInline]

    def has_add_permission(self, request) -> bool:
        return False


class AfregningFaktureretLinjeInline(admin.TabularInline):
    """The invoiced lines never move: shown, never edited here."""

    model = AfregningFaktureretLinje
    extra = 0
    can_delete = False
    fields = [
        "tilbud_navn",
        "borger",
        "fra",
        "til",
        "niveau_kode",
        "dage",
        "basistakst",
        "efterregulering_pr_doegn",
        "servicetakst",
        "beloeb",
        "reguleret_aar",
        "reguleret_maaned",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AfregningFaktureret)
class AfregningFaktureretAdmin(SimpleHistoryAdmin):
    """Marked and taken back on the settlement page (budgets.services.afregning);
    here read-only, with the history and the stored lines."""

    list_display = ["kommunekode", "aar", "maaned", "faktureret_af", "faktureret"]
    list_filter = ["aar", "kommunekode"]
    readonly_fields = ["kommunekode", "aar", "maaned", "faktureret_af", "faktureret"]
    inlines = [AfregningFaktureretLinjeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Taken back on the settlement page, which refuses a month a later
        # invoice has regulated.
        return False


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
    list_display = [
        "tilbud",
        "aar",
        "maaned",
        "version",
        "motorversion",
        "fast",
        "aktivitet_korrigeret",
        "beregnet",
    ]
    list_filter = ["aar", "maaned"]


@admin.register(Efterregulering)
class EfterreguleringAdmin(SimpleHistoryAdmin, AfledtAdmin):
    """Booked when a year is lukket (budgets.services.efterregulering): the
    closed year's figures never move, so neither does its split."""

    list_display = [
        "tilbud",
        "aar",
        "til_ramme",
        "ramme_aar",
        "ramme_bogfoert",
        "til_takst",
        "takst_aar",
        "takst_bogfoert",
    ]
    list_filter = ["aar"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(VedtagetBudget)
class VedtagetBudgetAdmin(AfledtAdmin):
    """The adopted budget never changes: shown, never edited or deleted."""

    list_display = ["tilbud", "budgetaar", "maaned", "fast", "aktivitet"]
    list_filter = ["budgetaar"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
