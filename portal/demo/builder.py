"""Build the whole demo in one transaction: appliances, shop, pages, accounts, members.

Every step finds its rows by a natural key first (model number, UPC, partner SKU,
slug, email), so running the builder again changes nothing and adds no rows.
"""

import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction

from .accounts import PASSWORD, Account, load_accounts
from .addresses import load_area_districts
from .appliances import load_appliances
from .guides import load_guides
from .manuals import load_manuals
from .members import load_members
from .pages import load_pages
from .products import load_products
from .records import ensure
from .rewards import load_rewards
from .service import load_service
from .service_areas import load_service_areas
from .service_week import load_service_week
from .shop import load_shop_frame
from .touchpoints import load_touchpoints

# Where each role signs in: key -> (label, path on the site).
SIGN_IN_PLACES = {
    "site": ("Site", "/"),
    "shop": ("Shop", "/zh-hans/shop/"),
    "cms": ("CMS admin", "/cms/"),
    "dashboard": ("Shop dashboard", "/dashboard/"),
    "django_admin": ("Django admin", "/django-admin/"),
    "members": ("Member centre", "/zh-hans/members/"),
    "engineer": ("Engineer's jobs", "/zh-hans/engineer/"),
}


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[Account] = field(default_factory=list)
    password: str = PASSWORD

    def sign_in_url(self, where: str) -> str:
        return base_url() + SIGN_IN_PLACES[where][1]

    def places(self) -> list[tuple[str, str]]:
        return [(label, self.sign_in_url(key)) for key, (label, _path) in SIGN_IN_PLACES.items()]


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def build() -> Summary:
    summary = Summary()
    # Oscar turns on Haystack's realtime indexing, and the simple backend (which searches
    # the database and keeps no index) warns on every product saved: noise, not news.
    with warnings.catch_warnings(), transaction.atomic():
        warnings.filterwarnings("ignore", "update is not implemented in this backend")
        _seed_tiers()
        appliances = load_appliances()
        summary.counts["appliance models"] = len(appliances)
        shop = load_shop_frame()
        summary.counts.update(load_products(shop, appliances))
        summary.counts.update(load_service_areas())
        summary.counts.update(load_area_districts())
        summary.counts.update(load_rewards())
        summary.counts.update(load_pages(shop.categories))
        summary.counts.update(load_manuals(appliances))
        summary.counts.update(load_guides(appliances))
        summary.accounts = [*load_accounts(shop.partner), *load_members()]
        summary.counts.update(load_service(appliances))
        summary.counts.update(load_service_week())
        summary.counts.update(load_touchpoints())
        _name_the_site()
    return summary


def _seed_tiers() -> None:
    # Migration 0003 seeds the tiers; a test database flushed after a transactional test
    # has lost them, and registering a unit (200 points) needs one. Staff edits are kept.
    from importlib import import_module

    from django.apps import apps

    if not apps.get_model("membership", "Tier").objects.exists():
        import_module("membership.migrations.0003_seed_tiers").seed_tiers(apps, None)


def _name_the_site() -> None:
    # Oscar and Django build absolute links in emails from django.contrib.sites.
    host = base_url().split("://", 1)[-1]
    ensure(DjangoSite, {"pk": settings.SITE_ID}, {"domain": host, "name": "Aftercare"})
