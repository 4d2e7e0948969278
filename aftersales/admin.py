from django.contrib import admin

from .models import (
    CompensationCap,
    CompensationGrant,
    Engineer,
    InstallationPartner,
    RegisteredUnit,
    RepairRate,
    ServiceArea,
    ServiceAreaDistrict,
    ServicePromise,
)


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


# --- The service desk's rules (issue #11): managers edit them here ------------------------


@admin.register(ServicePromise)
class ServicePromiseAdmin(admin.ModelAdmin):
    """What /service-promise/ publishes and what the SLA job grants: the same rows."""

    list_display = [
        "kind",
        "response_hours",
        "arrival_hours",
        "compensation",
        "compensation_amount",
        "callout_fee",
    ]
    list_editable = ["response_hours", "arrival_hours", "compensation", "compensation_amount"]


@admin.register(RepairRate)
class RepairRateAdmin(admin.ModelAdmin):
    list_display = ["kind", "category", "labour", "parts"]
    list_filter = ["kind", "category"]


@admin.register(Engineer)
class EngineerAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "user", "is_active"]
    list_filter = ["is_active", "areas"]
    search_fields = ["name", "phone", "user__email"]
    filter_horizontal = ["areas"]
    raw_id_fields = ["user"]


@admin.register(CompensationCap)
class CompensationCapAdmin(admin.ModelAdmin):
    """How much each role may grant, per grant and per case (aftersales.compensation)."""

    list_display = ["level", "kind", "per_grant", "per_case"]
    list_editable = ["per_grant", "per_case"]
    list_filter = ["level", "kind"]


@admin.register(CompensationGrant)
class CompensationGrantAdmin(admin.ModelAdmin):
    """Every grant, as it was made: read only (a grant is never edited or deleted)."""

    list_display = ["created_at", "service_request", "kind", "amount", "reason", "role", "status"]
    list_filter = ["kind", "reason", "role", "status"]
    search_fields = ["key", "service_request__number", "customer__email"]
    date_hierarchy = "created_at"
    list_select_related = ["service_request"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InstallationPartner)
class InstallationPartnerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name"]


# --- The feedback loop (issue #12) ----------------------------------------------------------


class ServiceAreaDistrictInline(admin.TabularInline):
    model = ServiceAreaDistrict
    extra = 1


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    """Areas: their visit promise, whether they take bookings, and the supervisor who calls
    back customers who rated a visit there poorly."""

    list_display = ["code", "name", "name_en", "arrival_hours", "supervisor", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["supervisor"]
    raw_id_fields = ["supervisor"]
    inlines = [ServiceAreaDistrictInline]
