"""groundwork.whole_numbers: whole numbers from untrusted text, as the database can hold them."""

import pytest
from django import forms

from groundwork.whole_numbers import (
    BIGINT_MAX,
    BIGINT_MIN,
    WholeNumberField,
    parse_whole_number,
    row_id_or_none,
    whole_number_or_none,
)


class TestParsingAWholeNumber:
    @pytest.mark.parametrize(
        ("text", "number"),
        [("0", 0), ("42", 42), ("-7", -7), ("+7", 7), ("007", 7), (" 12\n", 12)],
    )
    def test_reads_ascii_digits_with_an_optional_sign(self, text, number):
        assert parse_whole_number(text) == number

    @pytest.mark.parametrize(
        "text",
        ["١٢٣", "１２３", "۱۲۳", "१२३", "𝟏𝟐𝟑", "1٢3"],
    )
    def test_refuses_digits_outside_ascii_that_int_would_read(self, text):
        assert int(text) > 0  # what the helper protects against
        with pytest.raises(ValueError, match="ASCII digits"):
            parse_whole_number(text)

    @pytest.mark.parametrize(
        "text", ["", " ", "-", "+-1", "1_000", "1,000", "1.0", "1e3", "0x10", "NaN", "1\x00", "²"]
    )
    def test_refuses_anything_else_int_or_isdigit_might_take(self, text):
        with pytest.raises(ValueError):
            parse_whole_number(text)

    def test_refuses_numbers_a_bigint_cannot_hold(self):
        assert parse_whole_number(str(BIGINT_MAX)) == BIGINT_MAX
        assert parse_whole_number(str(BIGINT_MIN)) == BIGINT_MIN
        for text in (str(BIGINT_MAX + 1), str(BIGINT_MIN - 1)):
            with pytest.raises(ValueError, match="outside"):
                parse_whole_number(text)

    def test_refuses_thousands_of_digits_before_int_sees_them(self):
        with pytest.raises(ValueError, match="ASCII digits"):
            parse_whole_number("9" * 5000)

    def test_keeps_to_the_bounds_it_is_given(self):
        assert parse_whole_number("5", minimum=1, maximum=5) == 5
        with pytest.raises(ValueError, match="outside 1..5"):
            parse_whole_number("6", minimum=1, maximum=5)

    def test_refuses_what_is_not_text(self):
        with pytest.raises(ValueError, match="Not text"):
            parse_whole_number(None)


class TestTheLenientForms:
    def test_give_none_for_bad_input(self):
        assert whole_number_or_none("12") == 12
        assert whole_number_or_none(None) is None
        assert whole_number_or_none("١٢") is None

    def test_a_row_id_is_positive_and_fits_a_bigint(self):
        assert row_id_or_none("1") == 1
        assert row_id_or_none(str(BIGINT_MAX)) == BIGINT_MAX
        for text in ("0", "-1", str(BIGINT_MAX + 1), "１"):
            assert row_id_or_none(text) is None


class NumberForm(forms.Form):
    number = WholeNumberField(required=False)
    places = WholeNumberField(min_value=0, max_value=100, required=False)


class TestTheFormField:
    def test_reads_ascii_digits(self):
        form = NumberForm(data={"number": "-12", "places": "3"})
        assert form.is_valid()
        assert form.cleaned_data == {"number": -12, "places": 3}

    def test_refuses_the_unicode_digits_djangos_integer_field_accepts(self):
        assert forms.IntegerField().clean("１２") == 12  # Django's own field
        form = NumberForm(data={"number": "１２"})
        assert not form.is_valid()
        assert form.errors.as_data()["number"][0].code == "invalid"

    def test_is_bounded_to_a_bigint_unless_told_otherwise(self):
        form = NumberForm(data={"number": str(BIGINT_MAX + 1), "places": "101"})
        assert not form.is_valid()
        assert set(form.errors) == {"number", "places"}

    def test_an_empty_value_is_none(self):
        form = NumberForm(data={"number": ""})
        assert form.is_valid()
        assert form.cleaned_data["number"] is None
