from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class ReturnsDashboardConfig(OscarDashboardConfig):
    """Staff screens for returns and exchanges at /dashboard/returns/ (mounted by
    portal.shop.DashboardConfig): a list, and each request with its next step."""

    label = "returns_dashboard"
    name = "catalog.returns.dashboard"
    verbose_name = _("Returns dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        view = [
            *DashboardPermission.staff,
            *DashboardPermission.get("returns", "view_returnrequest"),
        ]
        change = [*view, *DashboardPermission.get("returns", "change_returnrequest")]
        self.permissions_map = {
            "returns-list": view,
            "returns-detail": view,
            "returns-step": change,
        }

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from . import views

        urls = [
            path("", views.ReturnListView.as_view(), name="returns-list"),
            path("<int:pk>/", views.ReturnDetailView.as_view(), name="returns-detail"),
            path("<int:pk>/<slug:action>/", views.ReturnStepView.as_view(), name="returns-step"),
        ]
        return self.post_process_urls(urls)
