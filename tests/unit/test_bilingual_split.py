"""Taking the shop's old two-language titles and descriptions apart (migration 0034)."""

import pytest

from catalog.catalogue.bilingual import has_chinese, split_html, split_title


class TestSplittingATitle:
    @pytest.mark.parametrize(
        ("text", "zh", "en"),
        [
            ("挂机深度清洗 (Split AC deep clean)", "挂机深度清洗", "Split AC deep clean"),
            (
                "空调延保3年 · 3000–6000元机型 (3-yr AC plan)",
                "空调延保3年 · 3000–6000元机型",
                "3-yr AC plan",
            ),
            (
                "挂机高密度过滤网(2片) (Split AC fine filter, pair)",
                "挂机高密度过滤网(2片)",
                "Split AC fine filter, pair",
            ),
            ("空调遥控器（AC remote）", "空调遥控器", "AC remote"),
            ("Aftercare 官方旗舰店 / Official store", "Aftercare 官方旗舰店", "Official store"),
        ],
    )
    def test_gives_each_language_its_part(self, text, zh, en):
        assert split_title(text) == (zh, en)

    def test_leaves_chinese_only_text_chinese(self):
        assert split_title("延保服务") == ("延保服务", "")

    def test_keeps_chinese_brackets_that_hold_chinese(self):
        assert split_title("滤网(2片)") == ("滤网(2片)", "")

    def test_calls_text_without_chinese_english(self):
        assert split_title("Extended warranty plan") == ("", "Extended warranty plan")

    def test_does_not_split_a_latin_name_in_brackets_from_nothing(self):
        assert split_title("(Split AC deep clean)") == ("", "(Split AC deep clean)")


class TestSplittingADescription:
    def test_sends_each_paragraph_to_its_language(self):
        html = "<p>拆洗滤网。</p>\n<p>Filters washed.</p><p>约90分钟。</p>"
        assert split_html(html) == ("<p>拆洗滤网。</p><p>约90分钟。</p>", "<p>Filters washed.</p>")

    def test_keeps_text_outside_paragraphs_whole(self):
        assert split_html("拆洗 <b>filters</b>") == ("拆洗 <b>filters</b>", "")
        assert split_html("Filters <b>washed</b>") == ("", "Filters <b>washed</b>")

    def test_of_nothing_is_nothing(self):
        assert split_html("") == ("", "")
        assert split_html(None) == ("", "")


def test_chinese_is_told_by_its_characters():
    assert has_chinese("AC 空调") and not has_chinese("AC ¥39.00 · 3–6")
