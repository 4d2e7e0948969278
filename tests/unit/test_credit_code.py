"""The unified social credit code's check character (GB 32100-2015), without a database."""

import pytest

from catalog.invoices import credit_code

# Codes printed on real business licences (and the standard's own example).
REAL = ["91350100M000100Y43", "91440300708461136T", "9144030071526726XG"]


class TestAValidCode:
    @pytest.mark.parametrize("code", REAL)
    def test_passes(self, code):
        assert credit_code.is_valid(code)

    @pytest.mark.parametrize("code", REAL)
    def test_its_check_character_is_computed_from_the_first_17(self, code):
        assert credit_code.check_character(code[:17]) == code[17]

    def test_as_typed_with_spaces_and_lower_case_is_normalised_first(self):
        assert credit_code.normalise(" 9135 0100-m000 100y43 ") == "91350100M000100Y43"


class TestAnInvalidCode:
    @pytest.mark.parametrize("position", range(18))
    def test_any_one_character_changed_fails(self, position):
        code = REAL[0]
        for replacement in credit_code.ALPHABET:
            if replacement == code[position]:
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            # A different character at one place changes the weighted sum modulo 31 (every
            # weight is a power of 3, prime to 31), so the check character no longer fits.
            assert not credit_code.is_valid(changed), changed

    def test_two_neighbours_swapped_fail(self):
        code = REAL[1]
        swapped = code[:9] + code[10] + code[9] + code[11:]
        assert swapped != code
        assert not credit_code.is_valid(swapped)

    @pytest.mark.parametrize(
        "code",
        [
            "",
            "91350100M000100Y4",  # 17 characters
            "91350100M000100Y433",  # 19
            "91350100M000100I43",  # I is not in the alphabet (nor O, Z, S, V)
            "91350100M000100O43",
            "9135010OM000100Y43",  # the division code must be digits
            "91350100m000100y43",  # lower case: normalise first
            "９１３５０１００Ｍ０００１００Ｙ４３",  # full-width
        ],
    )
    def test_malformed_codes_fail(self, code):
        assert not credit_code.is_valid(code)

    def test_the_check_character_needs_17_characters(self):
        with pytest.raises(ValueError):
            credit_code.check_character("91350100")

    def test_the_weights_are_powers_of_three_modulo_31(self):
        assert credit_code.WEIGHTS == (
            1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
        )  # fmt: skip
