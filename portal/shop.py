"""Oscar's root app config, with its dashboard taken out of the shop's URLs.

The dashboard is staff-only and has no language prefix, so portal/urls.py mounts it at
/dashboard/ beside the CMS admin instead of under /<lang>/shop/dashboard/.
"""

from oscar.config import Shop


class ShopConfig(Shop):
    label = "oscar"

    def get_urls(self):
        return [
            pattern
            for pattern in super().get_urls()
            if str(getattr(pattern, "pattern", "")) != "dashboard/"
        ]
