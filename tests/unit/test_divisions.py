"""The division data and its lookups: codes, parents, names found in free text."""

import json

import pytest

from groundwork import divisions


class TestTheDataFile:
    def test_holds_all_31_mainland_provinces(self):
        names = [p.name for p in divisions.provinces()]
        assert len(names) == 31
        assert {"北京市", "上海市", "广东省", "新疆维吾尔自治区"} <= set(names)

    def test_every_code_starts_with_its_parents(self):
        data = json.loads(divisions.DATA_FILE.read_text(encoding="utf-8"))
        for province in data:
            for city in province["children"]:
                assert city["code"].startswith(province["code"])
                for district in city["children"]:
                    assert district["code"].startswith(city["code"])


class TestAPlace:
    def test_is_found_by_its_district_code(self):
        place = divisions.place("310115")
        assert (place.province.name, place.city.name, place.district.name) == (
            "上海市",
            "市辖区",
            "浦东新区",
        )

    def test_of_a_municipality_names_the_province_as_its_city(self):
        place = divisions.place("110105")
        assert place.city_name == "北京市"
        assert str(place) == "北京市 朝阳区"

    def test_of_a_province_names_its_city(self):
        assert str(divisions.place("440305")) == "广东省 深圳市 南山区"

    @pytest.mark.parametrize("code", ["", None, "31", "3101", "999999", "31011"])
    def test_is_none_for_anything_but_a_district(self, code):
        assert divisions.place(code) is None

    def test_of_a_city_without_districts_is_one_of_its_towns(self):
        place = divisions.place("441900003")
        assert place.city.name == "东莞市"
        assert place.district.level == 3


class TestChildren:
    def test_of_a_province_are_its_cities(self):
        assert [c.code for c in divisions.children("44")][:3] == ["4401", "4402", "4403"]

    def test_of_a_district_or_unknown_code_are_none(self):
        assert divisions.children("310115") == ()
        assert divisions.children("nope") == ()


class TestFindingAPlaceInText:
    @pytest.mark.parametrize(
        "text, code",
        [
            ("上海市 浦东新区 世纪大道100号", "310115"),
            ("浦东新区 上海市", "310115"),
            ("上海 徐汇区 漕溪北路", "310104"),
            ("广州天河区体育西路", "440106"),
            ("北京市 朝阳区 建国路", "110105"),
        ],
    )
    def test_finds_a_district_named_with_its_province_or_city(self, text, code):
        assert divisions.find_in_text(text).district.code == code

    def test_a_district_name_alone_is_ambiguous(self):
        # 朝阳区 is in Beijing and in Changchun.
        assert divisions.find_in_text("朝阳区 建国路88号") is None

    def test_finds_nothing_in_an_address_abroad(self):
        assert divisions.find_in_text("10 Downing Street, London") is None

    def test_by_names_needs_the_province(self):
        assert divisions.find_place("上海市", "", "浦东新区").district.code == "310115"
        assert divisions.find_place("北京市", "", "浦东新区") is None
