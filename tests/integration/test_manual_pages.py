"""The e-manual, which is also what a QR code on the appliance opens.

A customer standing next to the appliance sees the model and big actions first, then the
chapters, then what the shop sells for that model, live. The page costs the same number of
queries however many models, manuals, videos or scans the site holds.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.rich_text import RichText

from appliances.models import ApplianceModel, Category
from catalog.bymodel.selectors import band_holds, offers_for
from cms.models import ContactSettings, ManualIndexPage, ManualPage, ScanCount, Video
from tests.factories.aftersales import make_appliance_model
from tests.factories.catalog import make_cleaning, make_consumable, make_plan
from tests.factories.cms import make_manual, manual_index
from tests.factories.membership import make_member

pytestmark = pytest.mark.usefixtures("catalogue", "empty_cache")

StockRecord = get_model("partner", "StockRecord")
AC_NUMBER = "KFR-35GW/BP3DN8Y-PH200(B3)"  # list price 3,299: the 3000–6000 plan band
PURIFIER_NUMBER = "MRO1781A-400G"


def sold_as(product, code: str):
    """The product under the shop's own UPC and SKU, which the assertions name."""
    type(product).objects.filter(pk=product.pk).update(upc=code)
    product.stockrecords.update(partner_sku=code)
    return product


@pytest.fixture
def catalogue(db):
    """An air conditioner and a purifier with live manuals in both languages, and a shop
    that sells for them and for a range hood: plans in two price bands, visits, parts."""
    ac = make_appliance_model(
        model_number=AC_NUMBER,
        name="新一级能效变频挂机 1.5匹",
        name_en="Inverter split AC, 1.5 HP, grade-1 efficiency",
        image="appliances/kfr-35gw-bp3dn8y.png",
        list_price=Decimal("3299.00"),
    )
    purifier = make_appliance_model(
        model_number=PURIFIER_NUMBER,
        name="反渗透净水器 400G",
        name_en="RO water purifier, 400G",
        category=Category.WATER_PURIFIER,
        list_price=Decimal("2499.00"),
        serial_pattern=r"^WP[0-9]{14}$",
    )
    hood = make_appliance_model(
        model_number="CXW-230-E900C",
        name="侧吸式油烟机",
        name_en="Side-draught range hood",
        category=Category.RANGE_HOOD,
    )
    for appliance_model in (ac, purifier):
        make_manual(appliance_model)

    for years, price in [(1, "199.00"), (2, "299.00"), (3, "499.00")]:
        plan = make_plan(term_years=years, price=Decimal(price), price_band="3000-6000")
        sold_as(plan, f"EW-AC-3000-6000-{years}Y")
    sold_as(make_plan(price_band="6000-10000", price=Decimal("599.00")), "EW-AC-6000-10000-2Y")
    sold_as(make_plan(category=Category.WATER_HEATER, price_band="3000-6000"), "EW-WH-3000-6000-2Y")
    for category, code in [
        (Category.AIR_CONDITIONER, "SV-AC-SPLIT"),
        (Category.AIR_CONDITIONER, "SV-AC-CABINET"),
        (Category.WATER_PURIFIER, "SV-PURIFIER"),
        (Category.RANGE_HOOD, "SV-HOOD"),
    ]:
        sold_as(make_cleaning(category=category), code)
    sold_as(
        make_consumable(fits=[ac], price=Decimal("39.00"), title="Split AC fine filter, pair"),
        "AC-FILTER-PAIR",
    )
    sold_as(make_consumable(fits=[hood], title="Range hood oil cup"), "HOOD-OIL-CUP")
    sold_as(make_consumable(fits=[purifier], title="RO membrane 400G"), "RO-400G-A")


@pytest.fixture
def empty_cache():
    """Cached chapters outlive a test's rolled-back rows: start and leave with none."""
    cache.clear()
    yield
    cache.clear()


def manual(model_number=AC_NUMBER, language="zh-hans") -> ManualPage:
    return ManualPage.objects.live().get(
        appliance_model__model_number=model_number, locale__language_code=language
    )


def html_of(client, page, query="", **headers) -> str:
    response = client.get(page.url + query, **headers)
    assert response.status_code == 200
    return response.content.decode()


def make_model(number: str, *, category=Category.AIR_CONDITIONER, price="3299") -> ApplianceModel:
    return ApplianceModel.objects.create(
        model_number=number,
        name=f"测试机 {number}",
        name_en=f"Test unit {number}",
        category=category,
        launch_date=datetime.date(2025, 1, 1),
        list_price=Decimal(price),
    )


def add_manual(model: ApplianceModel, body=(), language="zh-hans") -> ManualPage:
    index = manual_index(language)
    page = ManualPage(
        title=f"{model.model_number} 使用说明书",
        slug=re.sub(r"[^a-z0-9]+", "-", model.model_number.lower()),
        appliance_model=model,
        body=list(body),
    )
    index.add_child(instance=page)
    return page


def picture(name: str) -> Image:
    return Image.objects.create(title=name, file=get_test_image_file(f"{name}.png"))


def video(name: str, *, poster: Image | None = None) -> Video:
    return Video.objects.create(
        title=name,
        file=f"videos/{name}.mp4",
        poster=poster,
        captions_zh_hans=f"captions/{name}.zh-hans.vtt",
        captions_en=f"captions/{name}.en.vtt",
        duration_seconds=95,
    )


def chapter(anchor: str, content: list) -> tuple:
    return ("section", {"title": anchor.title(), "anchor": anchor, "content": content})


def queries_for(client, url: str) -> int:
    """Queries of a visit whose chapters are not cached yet: the expensive case."""
    client.get(url)  # makes the renditions and warms per-process caches
    cache.clear()  # drops the cached chapters...
    client.get("/en/")  # ...but puts the site's root paths back, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


class TestTheFirstScreen:
    def test_shows_the_models_picture_name_and_number(self, client):
        html = html_of(client, manual())
        assert re.search(r'<img class="manual-hero__picture" src="/media/appliances/[^"]+"', html)
        assert 'alt="新一级能效变频挂机 1.5匹' in html
        assert 'width="112" height="112"' in html
        assert "<h1" in html and "新一级能效变频挂机 1.5匹</h1>" in html
        assert AC_NUMBER in html

    def test_shows_the_english_name_on_the_english_manual(self, client):
        html = html_of(client, manual(language="en"))
        assert "Inverter split AC, 1.5 HP, grade-1 efficiency</h1>" in html
        assert '<html lang="en"' in html

    def test_offers_a_quick_action_for_every_part_of_the_page(self, client):
        html = html_of(client, manual())
        actions = re.search(r'<ul class="manual-actions">(.*?)</ul>', html, re.S).group(1)
        for target in ["#contents", "#troubleshooting", "#warranty", "#cleaning", "#consumables"]:
            assert f'href="{target}"' in actions, target
        for target in ["contents", "troubleshooting", "warranty", "cleaning", "consumables"]:
            assert f'id="{target}"' in html, target

    def test_links_to_the_progress_lookup_by_phone_and_name(self, client):
        html = html_of(client, manual())
        actions = re.search(r'<ul class="manual-actions">(.*?)</ul>', html, re.S).group(1)
        assert 'href="/zh-hans/service/track/"' in actions

    def test_registers_the_unit_with_the_serial_and_signature_the_scan_brought(self, client):
        page = manual()
        code = page.appliance_model.public_code
        html = html_of(client, page, "?serial=KG2301ABCDEF123456&sig=Zx9Q")
        assert (
            f'href="/zh-hans/devices/register/?model={code}&amp;serial=KG2301ABCDEF123456'
            '&amp;sig=Zx9Q"' in html
        )

    def test_registers_by_model_alone_without_a_unit_code(self, client):
        page = manual(language="en")
        html = html_of(client, page)
        assert f'href="/en/devices/register/?model={page.appliance_model.public_code}"' in html

    def test_works_without_javascript(self, client):
        html = html_of(client, manual())
        # Every quick action is a plain link and the script only adds to the page.
        assert 'src="/static/js/manual.js" defer' in html
        assert "onclick" not in html


class TestTheChapters:
    def test_each_chapter_is_in_the_contents_and_has_its_own_link(self, client):
        page = manual()
        html = html_of(client, page)
        for anchor, title in page.sections():
            assert f'data-key="{anchor}">{title}</a></li>' in html
            assert f'<section class="manual-section" id="{anchor}"' in html
            assert f'<a class="self-link" href="#{anchor}"' in html
        assert [anchor for anchor, _ in page.sections()][:2] == ["safety", "install"]

    def test_specifications_are_a_table_with_row_headers(self, client):
        html = html_of(client, manual(language="en"))
        table = re.search(r'<table class="spec-table">(.*?)</table>', html, re.S).group(1)
        assert '<th scope="row">Model</th>' in table
        assert f"<td>{AC_NUMBER}</td>" in table
        assert '<th scope="row">Refrigerant</th>' in table

    def test_steps_are_an_ordered_list(self, client):
        html = html_of(client, manual(language="en"))
        assert '<ol class="steps">' in html
        assert "lift the front panel" in html

    def test_questions_fold_into_details(self, client):
        html = html_of(client, manual(language="en"))
        assert '<details class="faq__item">' in html
        assert "Why does cold air take a while to come?</summary>" in html

    def test_a_fault_opens_at_its_anchor_with_code_causes_steps_and_service(self, client):
        html = html_of(client, manual(language="en"))
        fault = re.search(r'<details class="fault" id="e1".*?</details>', html, re.S).group(0)
        assert '<span class="error-code"' in fault and "E1</span>" in fault
        assert '<ul class="fault__causes">' in fault and "The sensor has failed" in fault
        assert '<ol class="fault__steps">' in fault
        assert "Still not working?" in fault
        assert 'href="tel:4008208820"' in fault and "08:00–20:00" in fault
        assert "care@aftercare.example.cn" in fault

    def test_service_details_come_from_the_sites_contact_settings(self, client):
        settings = ContactSettings.for_site(Site.objects.get(is_default_site=True))
        settings.hotline = "400-100-2000"
        settings.save()
        cache.clear()
        html = html_of(client, manual(language="en"))
        assert 'href="tel:4001002000"' in html

    def test_a_fault_that_needs_an_engineer_says_stop_and_call(self, client):
        html = html_of(client, manual(language="en"))
        fault = re.search(
            r'<details class="fault fault--engineer" id="e4".*?</details>', html, re.S
        )
        assert fault, "E4 asks for an engineer"
        assert "Stop using the appliance and call service." in fault.group(0)
        safe = re.search(r'<details class="fault" id="e1".*?</details>', html, re.S).group(0)
        assert "Stop using the appliance" not in safe

    def test_a_video_plays_inline_with_captions_in_the_pages_language_first(self, client):
        model = make_model("KFR-VIDEO/1")
        clip = video("filter-clean", poster=picture("filter-poster"))
        content = [("video", {"video": clip, "caption": "清洗滤网"})]
        zh = add_manual(model, [chapter("videos", content)])
        en = add_manual(model, [chapter("videos", content)], language="en")

        html = html_of(client, zh)
        tag = re.search(r"<video [^>]*>", html).group(0)
        assert 'controls preload="metadata" playsinline' in tag
        assert re.search(r'poster="/media/images/filter-poster[^"]*\.width-800\.png"', tag)
        assert '<source src="/media/videos/filter-clean.mp4" type="video/mp4">' in html
        assert re.search(
            r'<track kind="captions" srclang="zh-Hans" label="中文" [^>]*default>', html
        )
        assert not re.search(r'srclang="en" label="English" [^>]*default', html)

        html = html_of(client, en)
        assert re.search(r'srclang="en" label="English" [^>]*default>', html)
        assert not re.search(r'srclang="zh-Hans" label="中文" [^>]*default', html)

    def test_offers_the_full_manual_as_a_pdf_with_its_size(self, client):
        page = manual(language="en")
        pdf = Document(title="Full manual")
        pdf.file.save("full-manual.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048), save=False)
        pdf.file_size = pdf.file.size  # what the admin's upload form records
        pdf.save()
        page.pdf = pdf
        page.save_revision().publish()
        html = html_of(client, page)
        assert f'href="{pdf.url}" download' in html
        assert "2.0\xa0KB" in html


class TestTheShopOffers:
    def test_lists_the_parts_that_fit_with_their_prices(self, client):
        html = html_of(client, manual(language="en"))
        consumables = re.search(r'id="consumables".*?</section>', html, re.S).group(0)
        assert "Split AC fine filter, pair" in consumables
        assert "¥39.00" in consumables
        assert "Range hood oil cup" not in consumables

    def test_offers_only_the_plans_of_the_models_price_band(self):
        offers = offers_for(ApplianceModel.objects.get(model_number=AC_NUMBER))
        assert [plan.upc for plan in offers.plans] == [
            "EW-AC-3000-6000-1Y",
            "EW-AC-3000-6000-2Y",
            "EW-AC-3000-6000-3Y",
        ]

    def test_offers_the_cleaning_visits_of_the_category(self):
        offers = offers_for(ApplianceModel.objects.get(model_number=AC_NUMBER))
        assert {service.upc for service in offers.cleaning} == {"SV-AC-SPLIT", "SV-AC-CABINET"}

    def test_offers_nothing_the_shop_does_not_sell_for_the_category(self):
        purifier = ApplianceModel.objects.get(model_number=PURIFIER_NUMBER)
        offers = offers_for(purifier)
        assert offers.plans == []
        assert [service.upc for service in offers.cleaning] == ["SV-PURIFIER"]
        assert "RO-400G-A" in {part.upc for part in offers.consumables}

    def test_shows_a_new_price_at_once_although_the_chapters_are_cached(self, client):
        page = manual(language="en")
        html_of(client, page)  # the chapters are now cached
        # Saved as the dashboard saves it: the shop's caches hear of it (catalog/freshness.py).
        record = StockRecord.objects.get(partner_sku="EW-AC-3000-6000-3Y")
        record.price = Decimal("459")
        record.save()
        html = html_of(client, page)
        warranty = re.search(r'id="warranty".*?</section>', html, re.S).group(0)
        assert "¥459.00" in warranty and "¥499.00" not in warranty

    @pytest.mark.parametrize(
        ("band", "price", "holds"),
        [
            ("under-3000", "2999.99", True),
            ("under-3000", "3000", False),
            ("3000-6000", "3000", True),
            ("3000-6000", "6000", False),
            ("6000-10000", "8499", True),
            ("premium", "8499", False),
            (None, "8499", False),
        ],
    )
    def test_a_price_band_holds_its_lower_bound_not_its_upper(self, band, price, holds):
        assert band_holds(band, Decimal(price)) is holds


class TestCaching:
    def test_anonymous_visitors_may_keep_it_for_five_minutes(self, client):
        response = client.get(manual().url)
        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]

    def test_a_signed_in_visitor_gets_a_private_copy(self, client):
        client.force_login(make_member().user)
        response = client.get(manual().url)
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_publishing_shows_the_new_chapters_at_once(self, client):
        page = manual(language="en")
        assert "lift the front panel" in html_of(client, page)  # now cached
        page.body = [chapter("care", [("paragraph", RichText("<p>Brand-new care text.</p>"))])]
        page.save_revision().publish()
        html = html_of(client, manual(language="en"))
        assert "Brand-new care text." in html
        assert "lift the front panel" not in html

    def test_a_saved_draft_leaves_the_public_chapters_alone(self, client):
        page = manual(language="en")
        html_of(client, page)
        page.body = [chapter("care", [("paragraph", RichText("<p>Draft text.</p>"))])]
        page.save_revision()
        cache.clear()
        assert "Draft text." not in html_of(client, manual(language="en"))


class TestTheQueryCount:
    def test_does_not_grow_with_models_manuals_videos_or_scans(
        self, client, django_assert_num_queries
    ):
        page = manual()
        before = queries_for(client, page.url)

        numbers = [f"KFR-BULK/{n:03d}" for n in range(200)]
        ApplianceModel.objects.bulk_create(
            ApplianceModel(
                model_number=number,
                name=f"批量 {number}",
                category=Category.AIR_CONDITIONER,
                launch_date=datetime.date(2025, 1, 1),
                list_price=Decimal("3299"),
                public_code=f"B{n:05d}",
            )
            for n, number in enumerate(numbers)
        )
        for model in ApplianceModel.objects.filter(model_number__in=numbers):
            add_manual(model)
        Video.objects.bulk_create(
            Video(title=f"clip {n}", file=f"videos/clip-{n}.mp4") for n in range(200)
        )
        ScanCount.objects.bulk_create(
            ScanCount(
                appliance_model=page.appliance_model,
                day=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
                language="zh-hans",
                device="phone",
                count=n,
            )
            for n in range(200)
        )

        client.get(page.url)
        cache.clear()
        client.get("/en/")
        with django_assert_num_queries(before):
            client.get(page.url)

    def test_does_not_grow_with_the_videos_and_pictures_it_shows(self, client):
        def body(size: int) -> list:
            steps = [
                {
                    "text": RichText(f"<p>Step {n}</p>"),
                    "image": {"image": picture(f"step-{size}-{n}"), "alt_text": f"Step {n}"},
                }
                for n in range(size)
            ]
            clips = [
                (
                    "video",
                    {"video": video(f"clip-{size}-{n}", poster=picture(f"poster-{size}-{n}"))},
                )
                for n in range(size)
            ]
            return [chapter("care", [("steps", steps), *clips]), chapter("more", clips)]

        small = add_manual(make_model("KFR-SMALL/1"), body(1))
        large = add_manual(make_model("KFR-LARGE/1"), body(6))
        assert queries_for(client, large.url) == queries_for(client, small.url)

    def test_a_cached_body_costs_fewer_queries(self, client):
        url = manual().url
        cold = queries_for(client, url)
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        assert len(warm) < cold


class TestTheManualIndex:
    def test_lists_every_manual_of_the_language_by_category(self, client):
        index = ManualIndexPage.objects.get(locale__language_code="en")
        html = html_of(client, index)
        groups = re.findall(r'<h2 class="section-title" id="group-\d+">([^<]+)</h2>', html)
        assert "Air conditioner" in groups and "Water purifier" in groups
        assert len(groups) == len(set(groups))
        assert (
            html.count('class="manual-card"')
            == ManualPage.objects.live().filter(locale__language_code="en").count()
        )
        assert "/en/manuals/kfr-35gwbp3dn8y-ph200b3/" in html

    def test_finds_a_manual_by_model_number(self, client):
        index = ManualIndexPage.objects.get(locale__language_code="zh-hans")
        html = html_of(client, index, "?q=mro1781a")
        assert html.count('class="manual-card"') == 1
        assert "MRO1781A-400G" in html

    def test_says_so_when_no_manual_matches(self, client):
        index = ManualIndexPage.objects.get(locale__language_code="en")
        html = html_of(client, index, "?q=NO-SUCH-MODEL")
        assert "No manual matches" in html

    def test_pages_past_fifty_manuals_at_a_flat_query_count(
        self, client, django_assert_num_queries
    ):
        index = ManualIndexPage.objects.get(locale__language_code="zh-hans")
        first_page = queries_for(client, index.url)
        for n in range(60):
            add_manual(make_model(f"KFR-MANY/{n:02d}"))
        html = html_of(client, index)
        assert html.count('class="manual-card"') == 50
        assert 'rel="next" href="?page=2"' in html
        assert html_of(client, index, "?page=oops").count('class="manual-card"') == 50
        with django_assert_num_queries(first_page):
            client.get(index.url + "?page=2")
