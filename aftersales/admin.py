from django.contrib import admin

from .models import RegisteredUnit


@admin.register(RegisteredUnit)
class RegisteredUnitAdmin(admin.ModelAdmin):
    list_display = ["serial", "appliance_model", "owner", "purchase_date", "base_warranty_end"]
    list_filter = ["source", "appliance_model__category"]
    search_fields = ["serial", "owner__email", "appliance_model__model_number"]
    list_select_related = ["appliance_model", "owner"]
    raw_id_fields = ["owner"]
    autocomplete_fields = ["appliance_model"]
    date_hierarchy = "purchase_date"
    readonly_fields = ["registered_at", "base_warranty_end"]
