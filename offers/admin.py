"""Admin for tilbud, borgere and placements.

A write here is held to the same rule as the services: nothing that would move
a lukket year's figures (tariffs.lukkede_aar) is saved or deleted.
"""

import datetime
from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from config.lib.admin import SletningKanAfvises
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
    Tillaegstakst,
    Ugepost,
    Ventelisteplads,
)
from offers.services import check_indplacering
from tariffs.lukkede_aar import besked_fra, besked_tilbud


def _foerste_tilgang(ophold: Iterable[Ophold]) -> datetime.date | None:
    return min((o.tilgang for o in ophold), default=None)


# A save or delete here changes budget inputs: the mixin brings the stored monthly
# figures (budgets) in step in the admin's transaction (config.lib.derived).


@admin.register(Tilbud)
class TilbudAdmin(DerivedAdmin, SletningKanAfvises, SimpleHistoryAdmin):
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
    AARSFELTER = [
        "pladser",
        "tildelingsprincip",
        "forudsat_belaegning",
        "reguleringsandel",
        "gennemsnitstakst",
        "dagspris",
        "dagspris_enhed",
        "dagsgrundlag",
        "dimensioneret_til",
    ]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return self.AARSFELTER if obj is not None else []

    def sletning_afvist(self, obj: Tilbud) -> str | None:
        return besked_tilbud(obj.pk) or besked_fra(
            _foerste_tilgang(Ophold.alle.filter(tilbud=obj))
        )

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
class BorgerAdmin(DerivedAdmin, SletningKanAfvises, SimpleHistoryAdmin):
    """CPR is shown masked only; new borgere are created through the services."""

    list_display = ["navn", "cpr_maskeret", "betalingskommune"]
    list_filter = ["betalingskommune"]
    search_fields = ["navn"]
    readonly_fields = ["cpr_maskeret", "betalingskommune"]
    inlines = [BetalingskommuneInline]

    def has_add_permission(self, request) -> bool:
        return False

    def sletning_afvist(self, obj: Borger) -> str | None:
        # Its stays protect it too; this names the reason.
        return besked_fra(_foerste_tilgang(Ophold.alle.filter(borger=obj)))

    def derived_changes(self, obj) -> Changes:
        ophold = Ophold.alle.filter(borger_id=obj.pk)
        return Changes.of_tilbud(ophold.values_list("tilbud_id", flat=True))


def _besked_for_aendring(
    form: forms.ModelForm, felter: dict[str, tuple[str, ...]]
) -> str | None:
    """Why the form's change may not be saved: it takes effect on or before the
    end of a lukket year (tariffs.lukkede_aar.besked_fra); None if it may.

    ``felter`` maps each field that changes figures to the date fields its
    change takes effect from, read before and after the change.
    """
    model = form.instance.__class__
    # The base manager: an annulled row too (the default one leaves them out).
    gammel = model._base_manager.filter(pk=form.instance.pk).first()
    datoer = []
    for felt, fra in felter.items():
        if felt in form.changed_data or gammel is None:
            for dato_felt in fra:
                datoer.append(form.cleaned_data.get(dato_felt))
                datoer.append(getattr(gammel, dato_felt, None))
    return besked_fra(*datoer)


class _LukketAarForm(forms.ModelForm):
    """Refuses a change that would move a lukket year's figures (FELTER)."""

    FELTER: dict[str, tuple[str, ...]] = {}

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and (besked := _besked_for_aendring(self, self.FELTER)):
            raise ValidationError(besked)
        return data


class IndplaceringAdminForm(_LukketAarForm):
    # A level takes effect from its gyldig_fra, before and after the change.
    FELTER = {
        felt: ("gyldig_fra",)
        for felt in (
            "ophold",
            "gyldig_fra",
            "takstniveau",
            "saertakst_timer",
            "visiterede_timer_pr_uge",
            "pladsandel",
        )
    }

    def clean(self) -> dict:
        data = super().clean()
        ophold = data.get("ophold") or _ophold_af(self.instance)
        niveau, fra = data.get("takstniveau"), data.get("gyldig_fra")
        if not self.errors and ophold is not None and niveau and fra:
            # The services' rules (bostøtte hours, særtakst hours, the level's
            # year): a row the pages would refuse is refused here too.
            check_indplacering(
                ophold.tilbud,
                niveau,
                fra,
                data.get("saertakst_timer"),
                data.get("visiterede_timer_pr_uge"),
            )
        return data


def _ophold_af(indplacering: Indplacering) -> Ophold | None:
    """The inline's parent: set on the instance by the formset, maybe unsaved."""
    try:
        return indplacering.ophold
    except Ophold.DoesNotExist:
        return None


class OpholdAdminForm(_LukketAarForm):
    # A stay moves figures from its tilgang; a new afgang from the afgang.
    FELTER = {
        "borger": ("tilgang",),
        "tilbud": ("tilgang",),
        "tilgang": ("tilgang",),
        "omplaceret_fra": ("tilgang",),
        "afgang": ("afgang",),
    }


class IndplaceringInline(admin.TabularInline):
    model = Indplacering
    form = IndplaceringAdminForm
    fk_name = "ophold"
    extra = 0
    raw_id_fields = ["takstniveau", "foreslaaet_niveau", "doegnskema", "besluttet_af"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # obj is the ophold: its levels go with it, so the same rule applies.
        return obj is None or besked_fra(obj.tilgang) is None


class AlleMixin:
    """Annulled rows too (marked in their column): the admin shows everything."""

    def get_queryset(self, request):
        return self.model.alle.all()


@admin.register(Ophold)
class OpholdAdmin(DerivedAdmin, AlleMixin, SletningKanAfvises, SimpleHistoryAdmin):
    form = OpholdAdminForm
    list_display = ["borger", "tilbud", "tilgang", "afgang", "annulleret"]
    list_filter = ["tilbud", "tilgang", "afgang"]
    search_fields = ["borger__navn", "tilbud__navn"]
    raw_id_fields = ["borger", "omplaceret_fra"]
    readonly_fields = ["annulleret"]
    inlines = [IndplaceringInline]

    def sletning_afvist(self, obj: Ophold) -> str | None:
        return besked_fra(obj.tilgang)

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.tilbud_id])


@admin.register(Annullering)
class AnnulleringAdmin(DerivedAdmin, SletningKanAfvises, SimpleHistoryAdmin):
    """Read only: an annulment is made through the rådgiver's page or the API."""

    list_display = ["borger", "haendelse", "dato", "registreret", "annulleret_af"]
    list_filter = ["haendelse", "registreret"]
    raw_id_fields = [
        "borger",
        "ophold",
        "indplacering",
        "tillaegstakst",
        "annulleret_af",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def sletning_afvist(self, obj: Annullering) -> str | None:
        return besked_fra(obj.dato)

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
class IndplaceringAdmin(
    DerivedAdmin, AlleMixin, SletningKanAfvises, SimpleHistoryAdmin
):
    form = IndplaceringAdminForm
    list_display = [
        "ophold",
        "gyldig_fra",
        "takstniveau",
        "foreslaaet_niveau",
        "besluttet_af",
        "annulleret",
    ]
    list_filter = ["gyldig_fra", "takstniveau__takstmodel"]
    raw_id_fields = ["ophold", "takstniveau", "foreslaaet_niveau", "doegnskema"]

    def sletning_afvist(self, obj: Indplacering) -> str | None:
        return besked_fra(obj.gyldig_fra)

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.ophold.tilbud_id])


class TillaegstakstAdminForm(_LukketAarForm):
    # A tillæg takes effect from its fra; a new end from the end.
    FELTER = {
        "ophold": ("fra",),
        "fra": ("fra",),
        "timer_pr_doegn": ("fra",),
        "kr_pr_doegn": ("fra",),
        "til": ("til",),
    }


@admin.register(Tillaegstakst)
class TillaegstakstAdmin(
    DerivedAdmin, AlleMixin, SletningKanAfvises, SimpleHistoryAdmin
):
    """Issue 17. The rådgiver's page and the API validate a tillæg against its
    stay; here the model's own rules (one of hours or kr, til after fra) hold."""

    form = TillaegstakstAdminForm
    list_display = [
        "ophold",
        "fra",
        "til",
        "timer_pr_doegn",
        "kr_pr_doegn",
        "besluttet_af",
        "annulleret",
    ]
    list_filter = ["fra"]
    raw_id_fields = ["ophold", "besluttet_af"]
    readonly_fields = ["annulleret"]

    def sletning_afvist(self, obj: Tillaegstakst) -> str | None:
        return besked_fra(obj.fra)

    def derived_changes(self, obj) -> Changes:
        return Changes.of_tilbud([obj.ophold.tilbud_id])


@admin.register(Ventelisteplads)
class VentelistepladsAdmin(SimpleHistoryAdmin):
    """Issue 19 #3. No budget figure is made of the list, so a save here needs
    no DerivedAdmin; the creator is the admin user."""

    list_display = ["tilbud", "oensket_dato", "fra_kommune", "forventet_niveau"]
    list_filter = ["tilbud"]
    raw_id_fields = ["borger", "forventet_niveau"]
    readonly_fields = ["oprettet_af", "oprettet", "opdateret"]

    def save_model(self, request, obj, form, change) -> None:
        if obj.oprettet_af_id is None:
            obj.oprettet_af = request.user
        super().save_model(request, obj, form, change)
