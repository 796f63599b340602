from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from config.lib.derived import Changes, DerivedAdmin
from offers.models import (
    Annullering,
    Betalingskommune,
    Borger,
    Doegnskema,
    DoegnskemaPost,
    Funktionsevne,
    Indplacering,
    Ophold,
    Tilbud,
    Ugepost,
)

# A save or delete here changes budget inputs: the mixin brings the stored monthly
# figures (budgets) in step in the admin's transaction (config.lib.derived).


@admin.register(Tilbud)
class TilbudAdmin(DerivedAdmin, SimpleHistoryAdmin):
    list_display = [
        "navn",
        "tilbudstype",
        "pladser",
        "tildelingsprincip",
        "forudsat_belaegning",
    ]
    list_filter = ["tilbudstype", "tildelingsprincip"]
    search_fields = ["navn"]
    filter_horizontal = ["ledere"]
    # Set per budget year (budgets' TilbudAar, the API or the budget pages), so a
    # locked year never moves; here they would change every year without its own.
    AARSFELTER = ["pladser", "tildelingsprincip", "forudsat_belaegning",
                  "reguleringsandel"]  # fmt: skip

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return self.AARSFELTER if obj is not None else []

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.pk])


class BetalingskommuneInline(admin.TabularInline):
    """Read only: a change goes through the borger page or the API (the service
    keeps Borger.betalingskommune equal to the newest row)."""

    model = Betalingskommune
    extra = 0
    can_delete = False
    fields = ["kommunekode", "gyldig_fra", "registreret", "oprettet_af"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Borger)
class BorgerAdmin(DerivedAdmin, SimpleHistoryAdmin):
    """CPR is shown masked only; new borgere are created through the services."""

    list_display = ["navn", "cpr_maskeret", "betalingskommune"]
    list_filter = ["betalingskommune"]
    search_fields = ["navn"]
    readonly_fields = ["cpr_maskeret", "betalingskommune"]
    inlines = [BetalingskommuneInline]

    def has_add_permission(self, request) -> bool:
        return False

    def derived_changes(self, obj) -> Changes:
        ophold = Ophold.alle.filter(borger_id=obj.pk)
        return Changes.of_tilbud(ophold.values_list("tilbud_id", flat=True))


class IndplaceringInline(admin.TabularInline):
    model = Indplacering
    fk_name = "ophold"
    extra = 0
    raw_id_fields = ["takstniveau", "foreslaaet_niveau", "doegnskema", "besluttet_af"]


class AlleMixin:
    """Annulled rows too (marked in their column): the admin shows everything."""

    def get_queryset(self, request):
        return self.model.alle.all()


@admin.register(Ophold)
class OpholdAdmin(DerivedAdmin, AlleMixin, SimpleHistoryAdmin):
    list_display = ["borger", "tilbud", "tilgang", "afgang", "annulleret"]
    list_filter = ["tilbud", "tilgang", "afgang"]
    search_fields = ["borger__navn", "tilbud__navn"]
    raw_id_fields = ["borger", "omplaceret_fra"]
    readonly_fields = ["annulleret"]
    inlines = [IndplaceringInline]

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.tilbud_id])


@admin.register(Annullering)
class AnnulleringAdmin(DerivedAdmin, SimpleHistoryAdmin):
    """Read only: an annulment is made through the rådgiver's page or the API."""

    list_display = ["borger", "haendelse", "dato", "registreret", "annulleret_af"]
    list_filter = ["haendelse", "registreret"]
    raw_id_fields = ["borger", "ophold", "indplacering", "annulleret_af"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.ophold.tilbud_id])


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
class IndplaceringAdmin(DerivedAdmin, AlleMixin, SimpleHistoryAdmin):
    list_display = [
        "ophold", "gyldig_fra", "takstniveau", "foreslaaet_niveau", "besluttet_af",
        "annulleret",
    ]  # fmt: skip
    list_filter = ["gyldig_fra", "takstniveau__takstmodel"]
    raw_id_fields = ["ophold", "takstniveau", "foreslaaet_niveau", "doegnskema"]

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.ophold.tilbud_id])
