from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ApplianceModel


@admin.register(ApplianceModel)
class ApplianceModelAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "model_number",
        "name",
        "category",
        "launch_date",
        "base_warranty_months",
        "list_price",
        "public_code",
        "is_active",
    ]
    list_display_links = ["thumbnail", "model_number"]
    list_filter = ["category", "is_active", "launch_date"]
    search_fields = ["model_number", "name", "name_en", "public_code"]
    readonly_fields = ["public_code", "created", "updated", "thumbnail"]
    autocomplete_fields = ["compatible_products"]
    date_hierarchy = "launch_date"
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["model_number", "name", "name_en", "category", "is_active"]}),
        (_("Picture"), {"fields": ["image", "thumbnail"]}),
        (
            _("After-sales"),
            {"fields": ["launch_date", "base_warranty_months", "list_price", "serial_pattern"]},
        ),
        (_("Shop"), {"fields": ["compatible_products"]}),
        (_("QR code"), {"fields": ["public_code", "created", "updated"]}),
    ]

    @admin.display(description=_("Picture"))
    def thumbnail(self, obj):
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="48" height="48">',
            obj.image.url,
            obj.model_number,
        )
