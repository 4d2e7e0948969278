from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class

from . import feedback

# The dispatcher's screens (aftersales.dashboard.dispatch): all need the dispatch permission.
DISPATCH_URL_NAMES = (
    "aftersales-dispatch-board",
    "aftersales-request-detail",
    "aftersales-request-step",
    "aftersales-request-attachment",
    "aftersales-booking-dispatch",
    "aftersales-booking-dispatch-step",
    "aftersales-engineer-day",
)


def dispatch_urls():
    from .dispatch import views

    return [
        path("dispatch/", views.DispatchBoardView.as_view(), name="aftersales-dispatch-board"),
        path(
            "dispatch/requests/<int:pk>/",
            views.RequestDetailView.as_view(),
            name="aftersales-request-detail",
        ),
        path(
            "dispatch/requests/<int:pk>/<slug:action>/",
            views.RequestStepView.as_view(),
            name="aftersales-request-step",
        ),
        path(
            "dispatch/attachments/<int:pk>/",
            views.attachment_file,
            name="aftersales-request-attachment",
        ),
        path(
            "dispatch/bookings/<int:pk>/",
            views.BookingDispatchView.as_view(),
            name="aftersales-booking-dispatch",
        ),
        path(
            "dispatch/bookings/<int:pk>/<slug:action>/",
            views.BookingDispatchStepView.as_view(),
            name="aftersales-booking-dispatch-step",
        ),
        path("dispatch/day/", views.EngineerDayView.as_view(), name="aftersales-engineer-day"),
    ]


class AftersalesDashboardConfig(OscarDashboardConfig):
    """Staff screens for warranty contracts, service bookings and slots, under /dashboard/.

    Mounted by portal.shop.DashboardConfig; like Oscar's own dashboard apps, each view
    needs staff status and the model permission it reads or writes.
    """

    label = "aftersales_dashboard"
    name = "aftersales.dashboard"
    verbose_name = _("After-sales dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")

        def staff_with(*codenames):
            return [*DashboardPermission.staff, *DashboardPermission.get("aftersales", *codenames)]

        self.permissions_map = {
            "aftersales-index": DashboardPermission.staff,
            "aftersales-contract-list": staff_with("view_warrantycontract"),
            "aftersales-contract-detail": staff_with("view_warrantycontract"),
            "aftersales-claim-create": staff_with("view_warrantycontract", "add_warrantyclaim"),
            "aftersales-contract-cancel": staff_with(
                "view_warrantycontract", "change_warrantycontract"
            ),
            "aftersales-booking-list": staff_with("view_servicebooking"),
            "aftersales-booking-complete": staff_with(
                "view_servicebooking", "change_servicebooking"
            ),
            "aftersales-booking-cancel": staff_with("view_servicebooking", "change_servicebooking"),
            "aftersales-slot-list": staff_with("view_serviceslot"),
            "aftersales-slot-update": staff_with("view_serviceslot", "change_serviceslot"),
            "aftersales-slot-create": staff_with("view_serviceslot", "add_serviceslot"),
            "aftersales-area-update": staff_with("view_serviceslot", "change_servicearea"),
            # The service desk (issue #11): hotline entry, partner orders, compensation.
            "aftersales-hotline": staff_with("add_servicerequest"),
            "aftersales-partner-orders": staff_with(
                "add_servicerequest", "view_installationpartner"
            ),
            "aftersales-grant": staff_with("view_servicerequest", "grant_compensation"),
            "aftersales-compensation-report": staff_with("view_compensationgrant"),
            "aftersales-touchpoints": staff_with("view_touchpoint_dashboard"),
            **{name: staff_with("dispatch_servicerequest") for name in DISPATCH_URL_NAMES},
            **feedback.permissions(staff_with),
        }

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from groundwork.dashboard_areas import AreaIndexView  # local import: app registry

        from . import compensation, hotline, partner_upload, views
        from .touchpoints.views import TouchpointDashboardView

        urls = [
            path(
                "",
                AreaIndexView.as_view(url_prefix="dashboard:aftersales-"),
                name="aftersales-index",
            ),
            path("contracts/", views.ContractListView.as_view(), name="aftersales-contract-list"),
            path(
                "contracts/<int:pk>/",
                views.ContractDetailView.as_view(),
                name="aftersales-contract-detail",
            ),
            path(
                "contracts/<int:pk>/claims/",
                views.ClaimCreateView.as_view(),
                name="aftersales-claim-create",
            ),
            path(
                "contracts/<int:pk>/cancel/",
                views.ContractCancelView.as_view(),
                name="aftersales-contract-cancel",
            ),
            path("bookings/", views.BookingListView.as_view(), name="aftersales-booking-list"),
            path(
                "bookings/<int:pk>/complete/",
                views.BookingCompleteView.as_view(),
                name="aftersales-booking-complete",
            ),
            path(
                "bookings/<int:pk>/cancel/",
                views.BookingCancelView.as_view(),
                name="aftersales-booking-cancel",
            ),
            path("slots/", views.SlotListView.as_view(), name="aftersales-slot-list"),
            path("slots/new/", views.SlotBatchCreateView.as_view(), name="aftersales-slot-create"),
            path(
                "slots/<int:pk>/",
                views.SlotCapacityView.as_view(),
                name="aftersales-slot-update",
            ),
            path(
                "areas/<int:pk>/",
                views.AreaBookingsView.as_view(),
                name="aftersales-area-update",
            ),
            path("hotline/", hotline.HotlineRequestView.as_view(), name="aftersales-hotline"),
            path(
                "partner-orders/",
                partner_upload.PartnerOrderUploadView.as_view(),
                name="aftersales-partner-orders",
            ),
            path(
                "requests/<str:number>/compensation/",
                compensation.GrantView.as_view(),
                name="aftersales-grant",
            ),
            path(
                "compensation/",
                compensation.CompensationReportView.as_view(),
                name="aftersales-compensation-report",
            ),
            path(
                "touchpoints/",
                TouchpointDashboardView.as_view(),
                name="aftersales-touchpoints",
            ),
            *dispatch_urls(),
            *feedback.urls(),
        ]
        return self.post_process_urls(urls)
