from django.contrib import admin

from .models import (
    ExpiryReminder,
    LedgerEntry,
    LotMovement,
    MemberProfile,
    PointsAccount,
    Tier,
    TierChange,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Points move only through membership.points; the admin shows them and nothing more."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MemberProfile)
class MemberProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "preferred_language", "birthday", "created"]
    search_fields = ["phone", "user__email", "user__first_name", "user__last_name"]
    list_filter = ["preferred_language"]
    raw_id_fields = ["user"]
    readonly_fields = ["welcomed_at", "created"]


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):
    list_display = [
        "rank",
        "code",
        "name",
        "name_en",
        "threshold",
        "multiplier",
        "service_discount_percent",
        "birthday_points",
        "free_cleaning_per_year",
    ]
    list_display_links = ["code"]
    ordering = ["rank"]

    def has_delete_permission(self, request, obj=None):
        # Accounts point at their tier; a tier is retired by editing it, not deleted.
        return False


@admin.register(PointsAccount)
class PointsAccountAdmin(ReadOnlyAdmin):
    list_display = ["member", "balance", "tier", "tier_since", "next_review_on"]
    list_filter = ["tier"]
    search_fields = ["member__phone", "member__user__email"]
    list_select_related = ["member__user", "tier"]


class LotMovementInline(admin.TabularInline):
    model = LotMovement
    fk_name = "entry"
    fields = ["lot", "points"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "member",
        "kind",
        "points",
        "balance_after",
        "source_key",
        "reason",
        "expires_on",
        "remaining",
    ]
    list_filter = ["kind", "expires_on"]
    search_fields = ["source_key", "member__phone", "member__user__email"]
    list_select_related = ["member__user"]
    date_hierarchy = "created_at"
    inlines = [LotMovementInline]


@admin.register(TierChange)
class TierChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_on", "member", "from_tier", "to_tier", "reason", "notified_at"]
    list_filter = ["reason", "to_tier"]
    search_fields = ["member__phone", "member__user__email"]
    list_select_related = ["member__user", "from_tier", "to_tier"]


@admin.register(ExpiryReminder)
class ExpiryReminderAdmin(ReadOnlyAdmin):
    list_display = ["expires_on", "member", "points", "sent_at"]
    search_fields = ["member__phone", "member__user__email"]
    list_select_related = ["member__user"]
