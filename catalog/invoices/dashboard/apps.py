from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class InvoicesDashboardConfig(OscarDashboardConfig):
    """The VAT invoice queue at /dashboard/invoices/ (mounted by portal.shop.DashboardConfig):
    shop staff read the requests and record each invoice once the tax system issues it."""

    label = "invoices_dashboard"
    name = "catalog.invoices.dashboard"
    verbose_name = _("VAT invoice queue")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")

        def staff_with(*codenames):
            return [*DashboardPermission.staff, *DashboardPermission.get("invoices", *codenames)]

        self.permissions_map = {
            "invoices-request-list": staff_with("view_invoicerequest"),
            "invoices-request-issue": staff_with("view_invoicerequest", "change_invoicerequest"),
        }

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from . import views

        return self.post_process_urls(
            [
                path("", views.RequestListView.as_view(), name="invoices-request-list"),
                path(
                    "<int:pk>/issue/",
                    views.IssueView.as_view(),
                    name="invoices-request-issue",
                ),
            ]
        )
