"""Chinese names are written family name first, with no space; Latin names as before."""

from types import SimpleNamespace

from groundwork.personal_names import full_name


def person(first="", last=""):
    return SimpleNamespace(first_name=first, last_name=last)


class TestAChineseName:
    def test_puts_the_family_name_first_unspaced(self):
        assert full_name(person("娜", "李")) == "李娜"

    def test_with_a_two_character_given_name(self):
        assert full_name(person("小明", "王")) == "王小明"


class TestALatinName:
    def test_keeps_the_given_name_first(self):
        assert full_name(person("Anna", "Smith")) == "Anna Smith"


class TestAHalfName:
    def test_is_what_there_is(self):
        assert full_name(person("娜", "")) == "娜"
        assert full_name(person("", "李")) == "李"
        assert full_name(person()) == ""
