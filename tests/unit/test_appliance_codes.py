from appliances import codes


class TestAPublicCode:
    def test_has_six_characters_from_the_unambiguous_alphabet(self):
        code = codes.new_public_code()
        assert len(code) == codes.LENGTH
        assert set(code) <= set(codes.ALPHABET)

    def test_leaves_out_characters_people_confuse(self):
        assert not set("01OIL") & set(codes.ALPHABET)

    def test_is_read_regardless_of_case_and_spaces(self):
        assert codes.normalise(" k7m2pq ") == "K7M2PQ"
