"""Care guides: a list per language, filterable by category, model and topic, page by page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from appliances.models import ApplianceModel, Category
from cms.models import GuideIndexPage, GuidePage
from tests.factories.aftersales import make_appliance_model
from tests.factories.cms import make_guide, make_manual

pytestmark = pytest.mark.usefixtures("guides")

# fmt: off
# slug, category, families of models, title, tags
GUIDES = [
    ("purifier-filter-life", Category.WATER_PURIFIER, ["purifier"],
     ("净水器滤芯多久换一次", "How often to change purifier filters"),
     (["滤芯", "净水器", "耗材"], ["filters", "water purifier", "consumables"])),
    ("ac-filter-cleaning", Category.AIR_CONDITIONER, ["ac"],
     ("空调滤网清洗", "Cleaning AC filters"),
     (["清洁", "空调", "滤网"], ["cleaning", "air conditioner", "filters"])),
    ("water-heater-descaling", Category.WATER_HEATER, ["heater"],
     ("热水器除垢", "Descaling a water heater"),
     (["除垢", "热水器", "清洁"], ["descaling", "water heater", "cleaning"])),
    ("washer-drum-self-clean", Category.WASHING_MACHINE, [],
     ("洗衣机筒自洁", "Drum self-clean"), (["清洁", "洗衣机"], ["cleaning", "washing machine"])),
    ("range-hood-oil-cup", Category.RANGE_HOOD, [],
     ("油烟机油杯清理", "Emptying the range hood oil cup"),
     (["清洁", "油烟机"], ["cleaning", "range hood"])),
    ("winter-energy-saving", "", ["ac", "heater"],
     ("冬季节能小窍门", "Saving energy in winter"),
     (["节能", "冬季"], ["energy saving", "winter"])),
]
# fmt: on


@pytest.fixture
def guides(db):
    """Six live guides in both languages, one spanning categories; the purifier's manual."""
    purifier = make_appliance_model(
        model_number="MRO1781A-400G",
        name="反渗透净水器 400G",
        name_en="RO water purifier, 400G",
        category=Category.WATER_PURIFIER,
    )
    families = {
        "purifier": purifier,
        "ac": make_appliance_model(),
        "heater": make_appliance_model(
            model_number="ES60H-J7", name="电热水器 60升", category=Category.WATER_HEATER
        ),
    }
    make_manual(purifier)
    for slug, category, models, title, tags in GUIDES:
        make_guide(
            slug=slug,
            category=category,
            models=[families[family] for family in models],
            title=title,
            intro=("按步骤做,家电更耐用。", "Step-by-step care."),
            tags=tags,
            steps_=[("关机断电。", "Switch off at the wall."), ("按说明清洁。", "Clean as shown.")],
            faq=[(("可以自己做吗?", "Can I do it myself?"), ("可以。", "Yes."))],
        )


def index(language="zh-hans") -> GuideIndexPage:
    return GuideIndexPage.objects.get(locale__language_code=language)


def listed(client, language="zh-hans", **params) -> tuple[list[str], str]:
    response = client.get(index(language).url, params)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<h2 class="guide-card__title"><a href="[^"]+">([^<]+)</a>', html), html


def add_guides(count: int, language="zh-hans", *, start=0, **fields) -> None:
    parent = index(language)
    for n in range(start, start + count):
        guide = GuidePage(
            title=f"保养小贴士 {n:03d}",
            slug=f"tip-{language}-{n:03d}",
            intro="每月检查一次。",
            body=[("paragraph", RichText("<p>检查密封圈。</p>"))],
            **fields,
        )
        guide.tags.set(["小贴士", f"批次{n % 3}"])
        parent.add_child(instance=guide)


def queries_for(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


class TestTheGuideList:
    def test_lists_the_live_guides_of_its_language(self, client):
        titles, _html = listed(client)
        assert "净水器滤芯多久换一次" in titles and "空调滤网清洗" in titles
        titles, _html = listed(client, "en")
        assert "How often to change purifier filters" in titles
        assert not any(re.search(r"[\u4e00-\u9fff]", title) for title in titles)

    def test_leaves_out_unpublished_guides(self, client):
        guide = GuidePage.objects.get(slug="range-hood-oil-cup", locale__language_code="en")
        guide.unpublish()
        titles, _html = listed(client, "en")
        assert "Emptying the range hood oil cup" not in titles

    def test_filters_by_category(self, client):
        titles, _html = listed(client, "en", category="water_heater")
        assert titles == ["Descaling a water heater"]

    def test_filters_by_model_code(self, client):
        purifier = ApplianceModel.objects.get(model_number="MRO1781A-400G")
        titles, html = listed(client, "en", model=purifier.public_code.lower())
        assert titles == ["How often to change purifier filters"]
        assert "MRO1781A-400G" in html  # says which model the list is for

    def test_filters_by_tag(self, client):
        titles, _html = listed(client, tag="清洁")
        assert set(titles) == {"空调滤网清洗", "热水器除垢", "洗衣机筒自洁", "油烟机油杯清理"}

    def test_combines_filters(self, client):
        titles, _html = listed(client, "en", category="air_conditioner", tag="cleaning")
        assert titles == ["Cleaning AC filters"]

    def test_says_so_when_nothing_matches(self, client):
        titles, html = listed(client, "en", category="tv")
        assert titles == []
        assert "No guides match these filters." in html

    def test_ignores_an_unknown_category_or_code(self, client):
        all_titles, _html = listed(client, "en")
        titles, _html = listed(client, "en", category="spaceship")
        assert titles == all_titles
        titles, html = listed(client, "en", model="NOPE99")
        assert titles == [] and "No guides match" in html

    def test_offers_only_choices_that_lead_somewhere(self, client):
        _titles, html = listed(client, "en")
        categories = re.search(r'<select id="guide-category".*?</select>', html, re.S).group(0)
        assert 'value="water_purifier"' in categories
        assert 'value="tv"' not in categories
        assert '<option value="descaling"' in html


class TestPaging:
    def test_shows_twelve_guides_a_page(self, client):
        add_guides(20)
        titles, html = listed(client)
        assert len(titles) == 12
        assert 'rel="next" href="?page=2"' in html
        assert len(listed(client, page=2)[0]) == 12
        assert len(listed(client, page=3)[0]) == 6 + 20 - 24

    @pytest.mark.parametrize("page", ["oops", "0", "999", ""])
    def test_a_page_number_that_makes_no_sense_shows_the_first_page(self, client, page):
        add_guides(20)
        first, _html = listed(client)
        titles, _html = listed(client, page=page)
        assert titles == first

    def test_keeps_the_filters_when_paging(self, client):
        add_guides(20, category="washing_machine")
        _titles, html = listed(client, category="washing_machine")
        assert 'href="?category=washing_machine&amp;page=2"' in html

    def test_costs_the_same_queries_with_many_more_guides(self, client, django_assert_num_queries):
        url = index().url + "?tag=小贴士"
        add_guides(2)
        before = queries_for(client, url)
        add_guides(40, start=2)
        client.get(url)
        with django_assert_num_queries(before):
            client.get(url)


class TestAGuide:
    def test_shows_its_tags_models_and_steps(self, client):
        guide = GuidePage.objects.get(slug="purifier-filter-life", locale__language_code="en")
        html = client.get(guide.url).content.decode()
        assert "<h1>How often to change purifier filters</h1>" in html
        assert '?tag=filters">filters</a>' in html
        assert '<ol class="steps">' in html
        # Each model it applies to links to that model's manual in the same language.
        assert 'href="/en/manuals/mro1781a-400g/"' in html
        assert '<details class="faq__item">' in html

    def test_is_tagged_in_its_own_language(self):
        zh = GuidePage.objects.get(slug="water-heater-descaling", locale__language_code="zh-hans")
        en = GuidePage.objects.get(slug="water-heater-descaling", locale__language_code="en")
        assert set(zh.tags.names()) == {"除垢", "热水器", "清洁"}
        assert set(en.tags.names()) == {"descaling", "water heater", "cleaning"}
        assert zh.translation_key == en.translation_key
