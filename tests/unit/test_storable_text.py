"""groundwork.storable_text: what came in as JSON, made storable in any database."""

import json

from groundwork.storable_text import REPLACEMENT, storable, storable_text


class TestStorableText:
    def test_replaces_nul_and_lone_surrogates_one_for_one(self):
        text = json.loads('"a\\u0000b\\ud800c"')
        assert storable_text(text) == f"a{REPLACEMENT}b{REPLACEMENT}c"
        assert storable_text(text).encode("utf-8")

    def test_leaves_ordinary_text_alone(self):
        assert storable_text("售后 😀 \t\n") == "售后 😀 \t\n"


class TestStorableJson:
    def test_cleans_every_string_keys_too_and_keeps_the_shape(self):
        body = json.loads('{"id": "evt\\u0000", "data": {"k\\u0000": ["\\udfff", 1, null, true]}}')
        assert storable(body) == {
            "id": f"evt{REPLACEMENT}",
            "data": {f"k{REPLACEMENT}": [REPLACEMENT, 1, None, True]},
        }

    def test_numbers_no_json_column_takes_back_become_text(self):
        body = json.loads("[NaN, Infinity, -Infinity, 1e400, 1.5]")
        assert storable(body) == ["nan", "inf", "-inf", "inf", 1.5]
