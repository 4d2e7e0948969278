"""The QR landing a CDN can serve (issue #16).

A scan opens the model's e-manual. For a visitor with nothing of their own on the page (not
signed in, an empty basket) the page sets no cookie and says `Cache-Control: public` with a
CDN lifetime, the app keeps it whole for the next such visitor, and a publish purges it from
the CDN (stood in for at the HTTP layer) and from the app at once. The scan counter lives in
the /q/ redirect, which no cache keeps, so scans count whatever serves the page.
"""

import re
from decimal import Decimal

import pytest
import responses
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from cms.models import ManualPage, ScanCount, SectionOpenCount
from cms.qr import addresses
from groundwork.page_cache import HEADER
from tests.factories.aftersales import make_appliance_model
from tests.factories.catalog import make_consumable
from tests.factories.cms import make_manual
from tests.factories.membership import make_member

StockRecord = get_model("partner", "StockRecord")

CDN = "http://cdn.example.test"
HTTP_PURGE = {"http": {"BACKEND": "groundwork.cdn_purge.HTTPPurgeBackend", "LOCATION": CDN}}
CLOUDFLARE = {
    "cloudflare": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": "cf-test-token",
        "ZONEID": "zone123",
    }
}
CLOUDFLARE_PURGE = "https://api.cloudflare.com/client/v4/zones/zone123/purge_cache"


@pytest.fixture(autouse=True)
def empty_cache():
    """Stored pages outlive a test's rolled-back rows: start and leave with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def appliance(db, client):
    model = make_appliance_model()
    pages = make_manual(model)
    make_consumable(fits=[model], title="Fine filter", price=Decimal("39.00"), stock=5)
    # The first page ever drawn creates the site's contact settings (a change, which
    # drops what is stored): draw one now, as a live site did long ago.
    client.get(pages["zh-hans"].url)
    cache.clear()
    return model


def landing_url(client, appliance) -> str:
    response = client.get(f"/q/{appliance.public_code}")
    assert response.status_code == 302
    return response["Location"]


def manual(appliance, language="zh-hans") -> ManualPage:
    return ManualPage.objects.live().get(appliance_model=appliance, locale__language_code=language)


class TestAnAnonymousLanding:
    def test_sets_no_cookie_and_may_be_kept_by_a_cdn(self, client, appliance):
        response = client.get(landing_url(client, appliance))
        assert response.status_code == 200
        assert not response.cookies
        control = response["Cache-Control"]
        assert "public" in control
        assert f"s-maxage={settings.CDN_MAX_AGE}" in control
        assert "Cookie" in response["Vary"]

    def test_the_manual_page_in_either_language_sets_no_cookie_either(self, client, appliance):
        for language in ("zh-hans", "en"):
            response = client.get(manual(appliance, language).url)
            assert response.status_code == 200
            assert not response.cookies, language
            assert "public" in response["Cache-Control"], language

    def test_switches_language_with_links_not_a_form(self, client, appliance):
        html = client.get(manual(appliance).url).content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert f'href="{manual(appliance, "en").url}"' in html

    def test_the_next_anonymous_visitor_gets_it_from_the_cache_without_a_query(
        self, client, appliance
    ):
        url = manual(appliance).url
        assert client.get(url)[HEADER] == "miss"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response[HEADER] == "hit"
        assert len(queries) == 0
        assert "Fine filter" in response.content.decode()
        assert "public" in response["Cache-Control"]

    def test_the_redirect_itself_is_never_cached(self, client, appliance):
        response = client.get(f"/q/{appliance.public_code}")
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


class TestScansOfACachedLanding:
    def test_every_scan_counts_although_the_page_comes_from_the_cache(self, client, appliance):
        for _ in range(3):
            response = client.get(f"/q/{appliance.public_code}", follow=True)
            assert response.status_code == 200
        assert response[HEADER] == "hit"
        counts = ScanCount.objects.filter(appliance_model=appliance).values_list("count", flat=True)
        assert sum(counts) == 3

    def test_a_scan_costs_one_write_once_the_target_is_known(self, client, appliance):
        client.get(f"/q/{appliance.public_code}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/q/{appliance.public_code}")
        assert response.status_code == 302
        assert [query["sql"].split()[0] for query in queries] == ["UPDATE"]

    def test_a_moved_manual_is_found_at_its_new_address(self, client, appliance):
        client.get(f"/q/{appliance.public_code}")
        page = manual(appliance)
        page.slug = "new-address"
        page.save_revision().publish()
        response = client.get(f"/q/{appliance.public_code}")
        assert response["Location"] == "/zh-hans/manuals/new-address/"

    def test_section_opens_count_from_a_cached_page(self, client, appliance):
        url = manual(appliance).url
        client.get(url)
        html = client.get(url).content.decode()
        anchor = re.search(r'data-track="section" data-key="([^"]+)"', html).group(1)
        response = client.post(
            f"/q/{appliance.public_code}/open", {"kind": "section", "key": anchor}
        )
        assert response.status_code == 204
        assert SectionOpenCount.objects.get(appliance_model=appliance, key=anchor).count == 1


class TestWhoGetsTheStoredPage:
    def test_a_signed_in_visitor_never_gets_the_anonymous_copy(self, client, appliance):
        url = manual(appliance).url
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
        client.force_login(make_member().user)
        response = client.get(url)
        assert response.get(HEADER) is None
        assert "private" in response["Cache-Control"]
        assert "/shop/accounts/" in response.content.decode()  # the account link, not "Log in"

    def test_an_anonymous_visitor_never_gets_a_signed_in_copy(self, client, appliance):
        url = manual(appliance, "en").url
        client.force_login(make_member().user)
        signed_in = client.get(url)
        assert "private" in signed_in["Cache-Control"]
        client.logout()
        client.cookies.clear()
        response = client.get(url)
        assert response[HEADER] == "miss"
        html = response.content.decode()
        assert ">Log in<" in html and ">Account<" not in html

    def test_a_visitor_with_something_in_the_basket_sees_their_own_count(self, client, appliance):
        url = manual(appliance).url
        client.get(url)
        filter_ = appliance.compatible_products.get()
        client.post(f"/zh-hans/shop/basket/add/{filter_.pk}/", {"quantity": 1}, HTTP_REFERER=url)
        assert settings.OSCAR_BASKET_COOKIE_OPEN in client.cookies
        response = client.get(url)
        assert response.get(HEADER) is None
        assert "private" in response["Cache-Control"]
        assert 'class="site-nav__count">1' in response.content.decode()

    def test_a_per_unit_code_landing_is_kept_by_no_cache(self, client, appliance):
        serial = "AC" + "0" * 13 + "7"
        unit = addresses.unit_url(appliance.public_code, serial).split("/Q/", 1)[1]
        response = client.get(f"/Q/{unit}", follow=True)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response.get(HEADER) is None
        assert f"serial={serial}" in response.content.decode()
        # ...and the model's own landing is not the unit's page either.
        plain = client.get(manual(appliance).url).content.decode()
        assert serial not in plain


class TestPublishing:
    @responses.activate
    def test_purges_the_page_in_every_language_from_the_cdn(
        self, client, appliance, settings, django_capture_on_commit_callbacks
    ):
        settings.WAGTAILFRONTENDCACHE = HTTP_PURGE
        responses.add("PURGE", re.compile(re.escape(CDN) + "/.*"), status=200)
        page = manual(appliance, "en")
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        purged = {(call.request.url, call.request.headers["Host"]) for call in responses.calls}
        path = page.url  # /en/manuals/<slug>/
        assert (CDN + path, "localhost") in purged
        assert (CDN + path.replace("/en/", "/zh-hans/", 1), "localhost") in purged

    @responses.activate
    def test_purges_through_cloudflare_when_that_is_the_cdn(
        self, appliance, settings, django_capture_on_commit_callbacks
    ):
        settings.WAGTAILFRONTENDCACHE = CLOUDFLARE
        responses.add("DELETE", CLOUDFLARE_PURGE, json={"success": True})
        page = manual(appliance)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        (call,) = responses.calls
        assert call.request.headers["Authorization"] == "Bearer cf-test-token"
        assert f"http://localhost{page.url}".encode() in call.request.body

    @responses.activate
    def test_an_unpublished_page_is_purged_too(
        self, appliance, settings, django_capture_on_commit_callbacks
    ):
        settings.WAGTAILFRONTENDCACHE = HTTP_PURGE
        responses.add("PURGE", re.compile(re.escape(CDN) + "/.*"), status=200)
        page = manual(appliance)
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert any(call.request.url == CDN + page.url for call in responses.calls)

    @responses.activate
    def test_a_cdn_that_fails_does_not_fail_the_publish(
        self, appliance, settings, django_capture_on_commit_callbacks
    ):
        settings.WAGTAILFRONTENDCACHE = HTTP_PURGE
        responses.add("PURGE", re.compile(re.escape(CDN) + "/.*"), status=503)
        page = manual(appliance)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert len(responses.calls) == 2

    def test_without_a_cdn_nothing_is_sent(
        self, appliance, settings, django_capture_on_commit_callbacks
    ):
        settings.WAGTAILFRONTENDCACHE = {}
        with responses.RequestsMock() as mock, django_capture_on_commit_callbacks(execute=True):
            manual(appliance).save_revision().publish()
            assert not mock.calls

    def test_the_apps_own_copy_is_dropped_at_once(self, client, appliance):
        page = manual(appliance, "en")
        client.get(page.url)
        assert client.get(page.url)[HEADER] == "hit"
        page.title = "A brand-new title"
        page.save_revision().publish()
        response = client.get(page.url)
        assert response[HEADER] == "miss"
        assert "A brand-new title" in response.content.decode()


class TestTheShopInTheLanding:
    def test_a_new_price_shows_at_once(self, client, appliance):
        url = manual(appliance, "en").url
        client.get(url)
        record = StockRecord.objects.get(product__title="Fine filter")
        record.price = Decimal("45.00")
        record.save()
        html = client.get(url).content.decode()
        assert "¥45.00" in html and "¥39.00" not in html

    def test_the_last_one_sold_shows_at_once(self, client, appliance):
        url = manual(appliance, "en").url
        assert "out of stock" not in client.get(url).content.decode().lower()
        record = StockRecord.objects.get(product__title="Fine filter")
        record.allocate(5)  # an order placed: Oscar allocates with an UPDATE, no signal
        html = client.get(url).content.decode()
        assert "unavailable" in html.lower() or "out of stock" in html.lower()

    def test_offers_and_the_site_are_read_once(self, client, appliance):
        member = make_member()
        client.force_login(member.user)  # signed in: no whole-page cache, the parts still cached
        url = manual(appliance, "en").url
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        tables = " ".join(query["sql"] for query in queries.captured_queries)
        assert "compatible_products" not in tables  # the offers' query
        assert "wagtailcore_site" not in tables
