"""Site search: manuals, guides and pages of the visitor's language, by substring.

The point of the substring search is Chinese: 滤芯 ("filter cartridge") sits inside
sentences with no spaces around it, where a word-splitting full-text index never sees it.
"""

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from appliances.models import Category
from cms.models import GuideIndexPage, GuidePage, ManualPage
from cms.search import snippet
from tests.factories.aftersales import make_appliance_model
from tests.factories.cms import (
    chapter,
    make_content_page,
    make_guide,
    make_manual,
    manual_index,
    paragraph,
)

FILTER_NOTE = ("除甲醛滤芯每6个月更换一次。", "Replace the formaldehyde cartridge every 6 months.")


def care_chapter(*texts) -> Callable[[str], list]:
    """A manual body of one care chapter saying `texts`, each a (Chinese, English) pair."""

    def body(language):
        index = 0 if language == "zh-hans" else 1
        return [chapter("care", [("paragraph", paragraph(pair[index])) for pair in texts])]

    return body


@pytest.fixture
def pages(db):
    """Pages of both languages in which 滤芯 (filter cartridge) occurs more or less often:
    a guide with it in its title, the purifier's manual full of it, ten manuals that say it
    once; a water heater's guide and manual about descaling; the service promise."""
    purifier = make_appliance_model(
        model_number="MRO1781A-400G",
        name="反渗透净水器 400G",
        name_en="RO water purifier, 400G",
        category=Category.WATER_PURIFIER,
    )
    make_manual(
        purifier,
        body=care_chapter(
            ("PP棉滤芯6个月一换,活性炭滤芯6到12个月一换。", "Sediment cartridge: 6 months."),
            ("RO滤芯约24个月一换;换滤芯后冲洗5分钟。", "RO membrane: about 24 months."),
            ("滤芯到期时指示灯闪烁。", "The light blinks when a cartridge is due."),
        ),
        revisions=False,
    )
    for _ in range(10):
        make_manual(make_appliance_model(), body=care_chapter(FILTER_NOTE), revisions=False)
    heater = make_appliance_model(
        model_number="ES60H-J7",
        name="电热水器 60升",
        name_en="Electric water heater, 60 L",
        category=Category.WATER_HEATER,
    )
    make_manual(
        heater,
        body=care_chapter(
            ("热水器每半年排污除垢一次。", "Drain the tank for descaling twice a year.")
        ),
        revisions=False,
    )
    make_guide(
        slug="purifier-filter-life",
        category=Category.WATER_PURIFIER,
        title=("净水器滤芯多久换一次", "How often to change purifier filters"),
        intro=("PP棉、活性炭和RO滤芯寿命不同。", "Cartridges wear at different rates."),
        lead=("净水器的滤芯就像口罩,用久了会堵。", "Purifier cartridges clog like a mask."),
        models=[purifier],
    )
    make_guide(
        slug="water-heater-descaling",
        category=Category.WATER_HEATER,
        title=("热水器除垢", "Descaling a water heater"),
        intro=("半年排一次污,加热更快。", "Drain and descale every six months."),
        lead=("水垢沉在内胆底部,让加热变慢。", "Scale settles in the tank and slows heating."),
        models=[heater],
    )
    make_content_page(
        slug="service-promise",
        title=("服务承诺", "Our service promise"),
        intro=("2小时响应,100%回复。", "A reply within 2 hours, every time."),
    )


def search(client, query, language="zh-hans", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def queries_for(client, url: str, params: dict) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return len(queries)


@pytest.mark.usefixtures("pages")
class TestSearchingInChinese:
    def test_finds_a_two_character_word_inside_a_sentence(self, client):
        response = search(client, "滤芯")
        found = titles(response)
        assert "净水器滤芯多久换一次" in found
        assert any("MRO1781A-400G" in title for title in found)  # the purifier's manual

    def test_ranks_titles_that_hold_the_word_first(self, client):
        found = titles(search(client, "滤芯"))
        assert found[0] == "净水器滤芯多久换一次"

    def test_ranks_pages_that_use_the_word_most_next(self, client):
        found = titles(search(client, "滤芯"))
        # Purifier manuals talk of little else; a fridge manual mentions its odour filter once.
        assert "净水器" in found[1]

    def test_every_word_must_appear(self, client):
        found = titles(search(client, "滤芯 除垢"))
        assert found == []
        found = titles(search(client, "热水器 除垢"))
        assert "热水器除垢" in found

    def test_shows_the_kind_and_a_snippet_with_the_word_marked(self, client):
        html = search(client, "滤芯").content.decode()
        assert '<p class="search-hit__kind">' in html
        assert "<mark>滤芯</mark>" in html

    def test_finds_only_pages_in_the_visitors_language(self, client):
        # 滤芯 stands for "filter" too (the synonym table): English pages about filters.
        found = titles(search(client, "滤芯", language="en"))
        assert found == ["How often to change purifier filters"]
        assert not any(re.search(r"[\u4e00-\u9fff]", title) for title in found)


@pytest.mark.usefixtures("pages")
class TestSearchingInEnglish:
    def test_finds_english_manuals_and_guides(self, client):
        found = titles(search(client, "descaling", language="en"))
        assert "Descaling a water heater" in found
        assert any("user manual" in title for title in found)

    def test_ignores_case(self, client):
        assert titles(search(client, "DESCALING", language="en")) == titles(
            search(client, "descaling", language="en")
        )

    def test_finds_a_content_page_by_its_title(self, client):
        found = titles(search(client, "promise", language="en"))
        assert any("promise" in title.lower() for title in found)

    def test_leaves_out_unpublished_pages(self, client):
        guide = GuidePage.objects.get(slug="water-heater-descaling", locale__language_code="en")
        guide.unpublish()
        assert "Descaling a water heater" not in titles(search(client, "descaling", language="en"))


@pytest.mark.usefixtures("pages")
class TestNothingToShow:
    def test_an_empty_query_asks_for_words(self, client):
        response = search(client, "   ", language="en")
        assert response.context["results"] is None
        assert "Type a word from your question" in response.content.decode()

    def test_a_word_found_nowhere_says_so(self, client):
        response = search(client, "zeppelin", language="en")
        assert titles(response) == []
        assert "Nothing matches “zeppelin”." in response.content.decode()

    def test_an_odd_page_number_shows_the_first_page(self, client):
        first = titles(search(client, "滤芯"))
        assert titles(search(client, "滤芯", page="x")) == first
        assert titles(search(client, "滤芯", page="99")) == first

    def test_markup_in_the_query_is_shown_as_text(self, client):
        html = search(client, "<script>alert(1)</script>", language="en").content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.usefixtures("pages")
class TestPaging:
    def test_shows_ten_results_a_page_and_keeps_the_query(self, client):
        response = search(client, "滤芯")
        assert len(titles(response)) == 10
        html = response.content.decode()
        assert re.search(r'rel="next" href="\?q=%E6%BB%A4%E8%8A%AF&amp;page=2"', html)


@pytest.mark.usefixtures("pages")
class TestTheQueryCount:
    def test_does_not_grow_with_the_number_of_pages_or_hits(
        self, client, django_assert_num_queries
    ):
        params = {"q": "滤芯"}
        index = manual_index("zh-hans")
        for model in [make_appliance_model() for _ in range(40)]:
            # Live without revisions, as a bulk import leaves them: all the search reads.
            index.add_child(
                instance=ManualPage(
                    title=f"{model.name}({model.model_number})使用说明书",
                    slug=model.model_number.lower().replace("/", "-"),
                    appliance_model=model,
                    body=care_chapter(FILTER_NOTE)("zh-hans"),
                )
            )
        before = queries_for(client, "/zh-hans/search/", params)
        parent = GuideIndexPage.objects.get(locale__language_code="zh-hans")
        for n in range(60):
            parent.add_child(
                instance=GuidePage(
                    title=f"滤芯小知识 {n}",
                    slug=f"filter-note-{n}",
                    intro="滤芯要按时换。",
                    body=[("paragraph", RichText("<p>滤芯寿命与水质有关。</p>"))],
                )
            )
        assert ManualPage.objects.count() > 60
        client.get("/zh-hans/search/", params)
        with django_assert_num_queries(before):
            client.get("/zh-hans/search/", params)


class TestTheSnippet:
    def test_centres_on_the_first_match_and_marks_every_word(self):
        text = "开头" * 80 + "更换滤芯前关闭进水阀,滤芯装好后冲洗五分钟" + "结尾" * 80
        html = snippet(text, "滤芯 冲洗")
        assert html.startswith("…") and html.endswith("…")
        assert html.count("<mark>滤芯</mark>") == 2
        assert "<mark>冲洗</mark>" in html

    def test_escapes_the_page_text(self):
        assert snippet("Use <b>filters</b> & more", "filters") == (
            "Use &lt;b&gt;<mark>filters</mark>&lt;/b&gt; &amp; more"
        )
