from django.contrib import admin
from django.http import HttpRequest

from config.requestlog.models import Forespoergsel


@admin.register(Forespoergsel)
class ForespoergselAdmin(admin.ModelAdmin):
    """Read-only: a log nobody may edit or delete by hand."""

    list_display = ["tidspunkt", "brugernavn", "metode", "rute", "objekt", "status"]
    list_filter = ["metode", "status", "login_fejlet"]
    search_fields = ["brugernavn", "rute"]
    date_hierarchy = "tidspunkt"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
