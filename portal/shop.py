"""Oscar's root and dashboard app configs, changed only in their URLs.

The dashboard is staff-only and has no language prefix, so portal/urls.py mounts it at
/dashboard/ beside the CMS admin instead of under /<lang>/shop/dashboard/. Our own staff
screens join it there, so that they share its "dashboard:" URL names, menu and login.
"""

from django.apps import apps
from django.urls import include, path
from oscar.apps.dashboard.apps import DashboardConfig as OscarDashboardConfig
from oscar.config import Shop


class ShopConfig(Shop):
    label = "oscar"

    def ready(self):
        super().ready()
        # Imported here, like Oscar's own form in Shop.ready: forms need the app registry.
        from portal.accounts.password_reset import ShopPasswordResetForm

        # Reset mail is capped per address and per client (issue #13).
        self.password_reset_form = ShopPasswordResetForm

    def get_urls(self):
        # Imported here: views need the app registry, which is not ready when this loads.
        from catalog.address.views import division_children  # local import: needs the app registry

        return [
            *(
                pattern
                for pattern in super().get_urls()
                if str(getattr(pattern, "pattern", "")) != "dashboard/"
            ),
            # The province → city → district picker's lists (catalog.address).
            path("divisions/", division_children, name="divisions"),
        ]


class DashboardConfig(OscarDashboardConfig):
    """Oscar's dashboard plus /dashboard/aftersales/ and /dashboard/membership/.

    Its name points Oscar's get_class at catalog/dashboard/ first, where the catalogue forms
    edit each language's text; the label stays Oscar's.

    Oscar's sub-dashboards join the "dashboard" namespace by being included here; a second
    include from portal/urls.py would need a namespace of its own.
    """

    name = "catalog.dashboard"

    def get_urls(self):
        aftersales = apps.get_app_config("aftersales_dashboard")
        membership = apps.get_app_config("membership_dashboard")
        returns = apps.get_app_config("returns_dashboard")
        invoices = apps.get_app_config("invoices_dashboard")
        return [
            *super().get_urls(),
            path("aftersales/", include(aftersales.urls[0])),
            path("membership/", include(membership.urls[0])),
            path("returns/", include(returns.urls[0])),
            path("invoices/", include(invoices.urls[0])),
        ]
