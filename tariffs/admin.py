from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Tidsanvendelseslinje,
    Timeprismodel,
    VumTema,
)


class FravaerInline(admin.TabularInline):
    model = Fravaerslinje
    extra = 0


class TidsanvendelseInline(admin.TabularInline):
    model = Tidsanvendelseslinje
    extra = 0


@admin.register(Timeprismodel)
class TimeprismodelAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "aar", "aarsloen", "aarsnorm_timer"]
    list_filter = ["aar"]
    inlines = [FravaerInline, TidsanvendelseInline]


class TakstniveauInline(admin.TabularInline):
    model = Takstniveau
    extra = 0


@admin.register(Takstmodel)
class TakstmodelAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "aar", "enhed", "timeprismodel"]
    list_filter = ["aar", "enhed"]
    inlines = [TakstniveauInline]


@admin.register(Takstniveau)
class TakstniveauAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "navn", "takstmodel", "nedre", "oevre", "takstgivende", "saertakst"]
    list_filter = ["takstmodel", "saertakst"]


@admin.register(VumTema)
class VumTemaAdmin(admin.ModelAdmin):
    list_display = ["navn", "kode", "gruppe", "raekkefoelge"]
    list_filter = ["gruppe"]
