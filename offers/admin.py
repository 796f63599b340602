from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from offers.models import (
    Borger,
    Doegnskema,
    DoegnskemaPost,
    Funktionsevne,
    Indplacering,
    Ophold,
    Tilbud,
    Ugepost,
)


@admin.register(Tilbud)
class TilbudAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "tilbudstype", "pladser", "tildelingsprincip", "forudsat_belaegning"]
    list_filter = ["tilbudstype", "tildelingsprincip"]
    search_fields = ["navn"]
    filter_horizontal = ["ledere"]


@admin.register(Borger)
class BorgerAdmin(SimpleHistoryAdmin):
    """CPR is shown masked only; new borgere are created through the services."""

    list_display = ["navn", "cpr_maskeret", "betalingskommune"]
    list_filter = ["betalingskommune"]
    search_fields = ["navn"]
    readonly_fields = ["cpr_maskeret"]

    def has_add_permission(self, request) -> bool:
        return False


class IndplaceringInline(admin.TabularInline):
    model = Indplacering
    fk_name = "ophold"
    extra = 0
    raw_id_fields = ["takstniveau", "foreslaaet_niveau", "doegnskema", "besluttet_af"]


@admin.register(Ophold)
class OpholdAdmin(SimpleHistoryAdmin):
    list_display = ["borger", "tilbud", "tilgang", "afgang"]
    list_filter = ["tilbud", "tilgang", "afgang"]
    search_fields = ["borger__navn", "tilbud__navn"]
    raw_id_fields = ["borger", "omplaceret_fra"]
    inlines = [IndplaceringInline]


class DoegnskemaPostInline(admin.TabularInline):
    model = DoegnskemaPost
    extra = 0


class UgepostInline(admin.TabularInline):
    model = Ugepost
    extra = 0


class FunktionsevneInline(admin.TabularInline):
    model = Funktionsevne
    extra = 0


@admin.register(Doegnskema)
class DoegnskemaAdmin(SimpleHistoryAdmin):
    list_display = ["borger", "dato", "oprettet_af"]
    list_filter = ["dato"]
    raw_id_fields = ["borger"]
    inlines = [DoegnskemaPostInline, UgepostInline, FunktionsevneInline]


@admin.register(Indplacering)
class IndplaceringAdmin(SimpleHistoryAdmin):
    list_display = ["ophold", "gyldig_fra", "takstniveau", "foreslaaet_niveau", "besluttet_af"]
    list_filter = ["gyldig_fra", "takstniveau__takstmodel"]
    raw_id_fields = ["ophold", "takstniveau", "foreslaaet_niveau", "doegnskema"]
