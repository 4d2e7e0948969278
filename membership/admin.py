from django.contrib import admin

from .models import MemberProfile


@admin.register(MemberProfile)
class MemberProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "preferred_language", "birthday", "created"]
    search_fields = ["phone", "user__email", "user__first_name", "user__last_name"]
    list_filter = ["preferred_language"]
    raw_id_fields = ["user"]
    readonly_fields = ["welcomed_at", "created"]
