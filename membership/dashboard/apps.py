from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class MembershipDashboardConfig(OscarDashboardConfig):
    """Staff screens for points and members, under /dashboard/membership/.

    Mounted by portal.shop.DashboardConfig; like Oscar's own dashboard apps, each view
    needs staff status and the model permissions it reads or writes.
    """

    label = "membership_dashboard"
    name = "membership.dashboard"
    verbose_name = _("Membership dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")

        def staff_with(*codenames):
            return [*DashboardPermission.staff, *DashboardPermission.get("membership", *codenames)]

        reports = staff_with("view_pointsaccount", "view_ledgerentry")
        members = staff_with("view_memberprofile", "view_pointsaccount", "view_ledgerentry")
        self.permissions_map = {
            "membership-index": DashboardPermission.staff,
            "membership-points-liability": reports,
            "membership-points-rollforward": reports,
            "membership-tier-members": reports,
            "membership-member-lookup": members,
            "membership-member-detail": members,
            "membership-points-adjust": [*members, "membership.add_ledgerentry"],
        }

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from groundwork.dashboard_areas import AreaIndexView  # local import: app registry

        from . import views

        urls = [
            path(
                "",
                AreaIndexView.as_view(url_prefix="dashboard:membership-"),
                name="membership-index",
            ),
            path(
                "points/liability/",
                views.LiabilityView.as_view(),
                name="membership-points-liability",
            ),
            path(
                "points/roll-forward/",
                views.RollForwardView.as_view(),
                name="membership-points-rollforward",
            ),
            path("tiers/", views.TierMembersView.as_view(), name="membership-tier-members"),
            path("members/", views.MemberLookupView.as_view(), name="membership-member-lookup"),
            path(
                "members/<int:pk>/",
                views.MemberDetailView.as_view(),
                name="membership-member-detail",
            ),
            path(
                "members/<int:pk>/adjust/",
                views.AdjustPointsView.as_view(),
                name="membership-points-adjust",
            ),
        ]
        return self.post_process_urls(urls)
