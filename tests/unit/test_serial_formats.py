"""A model's serial format in words and an example serial, read from its pattern."""

import re

import pytest
from django.utils import translation

from appliances import serials

DEMO_PATTERNS = [
    r"^KG[0-9]{4}[A-Z0-9]{12}$",
    r"^FE[0-9]{4}[A-Z0-9]{10}$",
    r"^CX[0-9]{4}[A-Z0-9]{14}$",
    r"^AC[0-9]{14}$",
    r"^[A-Z0-9]{12,20}$",
    r"^\d{6}[A-Z]{2}$",
]


class TestAnExample:
    @pytest.mark.parametrize("pattern", DEMO_PATTERNS)
    def test_is_accepted_by_its_own_pattern(self, pattern):
        example = serials.example(pattern)
        assert example and re.fullmatch(pattern, example)

    def test_starts_with_the_models_prefix(self):
        assert serials.example(r"^KG[0-9]{4}[A-Z0-9]{12}$") == "KG2403A1B2C3D4E5F6"

    @pytest.mark.parametrize(
        "pattern", [r"^(AC|KG)[0-9]{4}$", r"^[A-Z]+[0-9]*$", r"^[a-f0-9]{8}$", r"^(", r""]
    )
    def test_is_not_made_up_for_a_pattern_it_cannot_read(self, pattern):
        assert serials.example(pattern) == ""
        assert serials.describe(pattern) == ""


class TestTheFormat:
    def test_in_english_names_prefix_and_runs(self):
        with translation.override("en"):
            text = serials.describe(r"^KG[0-9]{4}[A-Z0-9]{12}$")
        assert text == "KG + 4 digits + 12 letters or digits"

    def test_in_chinese(self):
        with translation.override("zh-hans"):
            text = serials.describe(r"^KG[0-9]{4}[A-Z0-9]{12}$")
        assert text == "KG + 4 位数字 + 12 位字母或数字"

    def test_says_a_range_of_lengths(self):
        with translation.override("en"):
            assert serials.describe(r"^[A-Z0-9]{12,20}$") == "12 to 20 letters or digits"

    def test_of_one_digit_is_singular(self):
        with translation.override("en"):
            assert serials.describe(r"^X[0-9]$") == "X + 1 digit"
