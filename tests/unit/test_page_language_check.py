"""The language test's reader (tests/page_language.py): what counts as shown, what as wrong."""

from tests.page_language import chinese_on_english_page, english_on_chinese_page, visible_text


class TestVisibleText:
    def test_keeps_text_and_the_attributes_a_visitor_reads_or_hears(self):
        page = (
            '<p class="lead">您好</p><img src="/a.png" alt="空调">'
            '<input type="submit" value="提交">'
            '<a href="/en/shop/" aria-label="购物车" data-x="basket">x</a>'
        )
        assert visible_text(page) == ["您好", "空调", "提交", "购物车", "x"]

    def test_drops_scripts_styles_drawings_and_comments(self):
        page = (
            "<script>var basket = 'total';</script><style>.basket{}</style>"
            "<svg><title>icon</title></svg><!-- note --><p>商品</p>"
        )
        assert visible_text(page) == ["商品"]

    def test_reads_a_buttons_content_not_its_value(self):
        assert visible_text('<button type="submit" value="Log In">登录</button>') == ["登录"]

    def test_unescapes_entities(self):
        assert visible_text("<p>Parts &amp; labour</p>") == ["Parts & labour"]


class TestEnglishOnAChinesePage:
    def test_finds_untranslated_words(self):
        found = english_on_chinese_page(["您的购物车总额现为", "Your basket total is now ¥329.00"])
        assert found == {"Your", "basket", "total", "is", "now"}

    def test_passes_model_numbers_prices_addresses_and_the_allowlist(self):
        chunks = [
            "KFR-35GW/BP3 ¥1,299.00",
            "customer@aftercare.demo",
            "Aftercare 二维码 QR",
            "A 到 Z",
        ]
        assert english_on_chinese_page(chunks) == set()

    def test_takes_extra_allowed_words(self):
        assert english_on_chinese_page(["Serenity 静悦"], {"serenity"}) == set()


class TestChineseOnAnEnglishPage:
    def test_finds_runs_of_chinese(self):
        assert chinese_on_english_page(["Split AC deep clean 挂机深度清洗"]) == {"挂机深度清洗"}

    def test_passes_the_language_picker_and_allowed_names(self):
        assert chinese_on_english_page(["简体中文", "Hello 李娜"], {"李娜"}) == set()
