"""The rewards catalogue in the Django admin: staff add and edit rewards; what was issued is
read-only (vouchers are Oscar's, under the dashboard's Vouchers)."""

from django.contrib import admin

from ..models import FreeCleaning, Reward, RewardRedemption

# Written into the reward's Oscar offer on its first redemption and shared by its vouchers.
TERMS = ["kind", "product", "range", "discount", "minimum_spend"]


@admin.register(Reward)
class RewardAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "title_en",
        "kind",
        "points_cost",
        "stock_policy",
        "stock",
        "stock_left",
        "is_active",
        "display_order",
    ]
    list_editable = ["is_active", "display_order"]
    list_filter = ["kind", "is_active", "stock_policy"]
    search_fields = ["title", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    raw_id_fields = ["product"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.offer_id is not None:
            return TERMS
        return []


class IssuedAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RewardRedemption)
class RewardRedemptionAdmin(IssuedAdmin):
    list_display = ["created_at", "member", "reward", "voucher"]
    list_filter = ["reward"]
    search_fields = ["member__phone", "member__user__email", "voucher__code"]
    list_select_related = ["member__user", "reward", "voucher"]


@admin.register(FreeCleaning)
class FreeCleaningAdmin(IssuedAdmin):
    list_display = ["created_at", "member", "year_starts_on", "tier", "voucher"]
    search_fields = ["member__phone", "member__user__email", "voucher__code"]
    list_select_related = ["member__user", "tier", "voucher"]
