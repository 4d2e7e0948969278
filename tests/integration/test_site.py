"""The one site: Wagtail at /, the shop under /<lang>/shop/, staff screens, health, languages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.catalog import make_consumable, make_plan
from tests.factories.cms import PASSWORD, make_content_page, make_editor, make_shop_staff, make_site

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def site(db):
    """Both home pages, and content pages under them as the menus show them."""
    make_site()
    make_content_page(slug="service-promise", title=("服务承诺", "Our service promise"))
    make_content_page(slug="contact", title=("联系我们", "Contact us"))


@pytest.fixture
def shop(db):
    """Something of each kind on sale; the parts in stock."""
    make_plan()
    make_consumable(stock=50)
    make_consumable(stock=8)


@pytest.fixture
def staff(db):
    return make_shop_staff(email="staff@example.cn")


@pytest.fixture
def editor(db):
    return make_editor(email="editor@example.cn")


class TestTheHealthCheck:
    def test_answers_200_when_the_database_answers(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "checks": {"database": True}}
        assert "no-cache" in response["Cache-Control"]

    def test_also_pings_redis_when_configured_to(self, client, settings):
        settings.HEALTHZ_CHECK_REDIS = True
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
            }
        }
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": True, "redis": False}


@pytest.mark.usefixtures("site")
class TestLanguageNegotiation:
    def test_a_chinese_browser_is_sent_to_the_chinese_site(self, client):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
        assert response.status_code == 302
        assert response["Location"] == "/zh-hans/"

    def test_an_english_browser_is_sent_to_the_english_site(self, client):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response["Location"] == "/en/"

    def test_an_unknown_language_gets_the_default_chinese(self, client):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")
        assert response["Location"] == "/zh-hans/"

    def test_the_chinese_home_page_is_in_chinese(self, client):
        response = client.get("/zh-hans/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="zh-hans"' in html
        assert "售后" in html
        assert "跳到主要内容" in html  # the site's own catalogue, not only Oscar's

    def test_the_english_home_page_is_in_english(self, client):
        response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="en"' in html
        assert "Shop" in html
        assert "Skip to main content" in html

    def test_the_switcher_links_to_the_same_page_in_the_other_language(self, client):
        html = client.get("/zh-hans/search/?q=filter").content.decode()
        assert 'href="/en/search/?q=filter" lang="en"' in html

    def test_every_page_offers_the_switcher_as_links_without_a_form(self, client):
        for url in ["/zh-hans/", "/en/shop/catalogue/", "/zh-hans/shop/basket/"]:
            html = client.get(url).content.decode()
            assert 'action="/i18n/setlang/"' not in html, url
            assert 'hreflang="en"' in html and 'hreflang="zh-hans"' in html, url

    def test_the_switcher_sets_no_cookie(self, client):
        response = client.get("/zh-hans/")
        assert response.status_code == 200
        assert not response.cookies


@pytest.mark.usefixtures("site")
class TestAnUnknownUrl:
    def test_gets_the_branded_not_found_page_in_the_visitors_language(self, client):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Aftercare" in html
        assert 'href="/en/"' in html

    def test_outside_the_language_prefixes_is_also_branded(self, client):
        response = client.get("/definitely/not/here", HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
        assert response.redirect_chain[0][0] == "/zh-hans/definitely/not/here/"
        assert response.status_code == 404
        assert "Aftercare" in response.content.decode()


class TestTheServerErrorPage:
    def test_renders_without_touching_the_database(self, rf):
        from portal.views import server_error

        with CaptureQueriesContext(connection) as queries:
            response = server_error(rf.get("/"))
        assert response.status_code == 500
        assert len(queries) == 0
        assert "400-820-8820" in response.content.decode()


@pytest.mark.usefixtures("site", "shop")
class TestTheShop:
    def test_catalogue_lists_products_in_yuan(self, client):
        response = client.get("/zh-hans/shop/catalogue/")
        assert response.status_code == 200
        assert "¥" in response.content.decode()

    def test_product_page_shows_price_and_add_to_basket(self, client):
        from oscar.core.loading import get_model

        product = (
            get_model("catalogue", "Product")
            .objects.filter(product_class__slug="consumable")
            .first()
        )
        response = client.get(product.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert product.title in html
        assert "¥" in html
        assert 'id="add_to_basket_form"' in html

    def test_adding_to_the_basket_shows_it_in_the_basket(self, client):
        from oscar.core.loading import get_model

        product = (
            get_model("catalogue", "Product")
            .objects.filter(product_class__slug="consumable", stockrecords__num_in_stock__gt=5)
            .first()
        )
        response = client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
        assert response.status_code == 200
        basket = client.get("/en/shop/basket/")
        assert product.title in basket.content.decode()

    def test_shop_root_redirects_to_the_catalogue(self, client):
        response = client.get("/en/shop/")
        assert response.status_code == 302
        assert response["Location"].endswith("/en/shop/catalogue/")


class TestStaffScreens:
    def test_cms_admin_asks_for_a_login(self, client):
        response = client.get("/cms/")
        assert response.status_code == 302
        assert response["Location"].startswith("/cms/login/")
        assert client.get("/cms/login/").status_code == 200

    def test_dashboard_asks_for_a_login(self, client):
        response = client.get("/dashboard/")
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200

    def test_shop_staff_reach_the_dashboard(self, client, staff):
        assert client.login(username=staff.email, password=PASSWORD)
        assert client.get("/dashboard/").status_code == 200

    def test_an_editor_reaches_the_cms_but_not_the_dashboard(self, client, editor):
        assert client.login(username=editor.email, password=PASSWORD)
        assert client.get("/cms/").status_code == 200
        assert client.get("/dashboard/").status_code == 403

    def test_django_admin_answers(self, client):
        assert client.get("/django-admin/login/").status_code == 200


@pytest.mark.usefixtures("site")
class TestHomePageQueries:
    def test_home_page_query_count_is_small(self, client, django_assert_max_num_queries):
        client.get("/zh-hans/")  # warm Wagtail's site-root cache
        with django_assert_max_num_queries(12):
            assert client.get("/zh-hans/").status_code == 200


class TestShopStaffInTheCms:
    def test_print_labels_and_read_scan_reports(self, client, staff):
        assert client.login(username=staff.email, password=PASSWORD)
        assert client.get("/cms/qr-labels/").status_code == 200
        assert client.get("/cms/qr-analytics/").status_code == 200
