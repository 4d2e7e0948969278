"""Per-unit QR signatures: unforgeable, unwalkable, and small enough to print."""

import string

import pytest
import segno

from appliances import signing
from cms.qr import addresses, render

CODE = "K7M2PQ"
SERIAL = "AC20240301000001AB"
BASE32 = set(string.ascii_uppercase + "234567")


class TestAUnitSignature:
    def test_is_ten_base32_characters(self):
        sig = signing.unit_signature(CODE, SERIAL)
        assert len(sig) == signing.SIG_LENGTH == 10
        assert set(sig) <= BASE32

    def test_is_the_same_for_the_same_unit_in_any_case(self):
        assert signing.unit_signature(CODE, SERIAL) == signing.unit_signature(
            CODE.lower(), SERIAL.lower()
        )

    def test_differs_for_the_next_serial_so_codes_cannot_be_walked(self):
        assert signing.unit_signature(CODE, "AC20240301000001") != signing.unit_signature(
            CODE, "AC20240301000002"
        )

    def test_differs_for_another_model_with_the_same_serial(self):
        assert signing.unit_signature(CODE, SERIAL) != signing.unit_signature("K7M2PR", SERIAL)

    def test_depends_on_the_secret_key(self, settings):
        before = signing.unit_signature(CODE, SERIAL)
        settings.SECRET_KEY = "another-secret"
        assert signing.unit_signature(CODE, SERIAL) != before


class TestVerifyingAUnitCode:
    def test_accepts_its_own_signature_in_any_case(self):
        sig = signing.unit_signature(CODE, SERIAL)
        assert signing.verify_unit(CODE, SERIAL, sig)
        assert signing.verify_unit(CODE.lower(), SERIAL.lower(), sig.lower())

    @pytest.mark.parametrize("position", range(signing.SIG_LENGTH))
    def test_refuses_a_signature_changed_at_any_position(self, position):
        sig = signing.unit_signature(CODE, SERIAL)
        other = "B" if sig[position] != "B" else "C"
        assert not signing.verify_unit(CODE, SERIAL, sig[:position] + other + sig[position + 1 :])

    @pytest.mark.parametrize(
        "sig", ["", "ABCDEFGHJ", "ABCDEFGHJKL", "          ", "ÄBCDEFGHJK", "../../etc"]
    )
    def test_refuses_malformed_signatures(self, sig):
        assert not signing.verify_unit(CODE, SERIAL, sig)

    def test_refuses_a_missing_code_or_serial(self):
        sig = signing.unit_signature(CODE, SERIAL)
        assert not signing.verify_unit("", SERIAL, sig)
        assert not signing.verify_unit(CODE, "", sig)


class TestTheEncodedAddress:
    def test_is_all_upper_case_under_the_configured_base(self, settings):
        settings.QR_BASE_URL = "https://care.aftercare.cn/"
        url = addresses.unit_url("k7m2pq", SERIAL.lower())
        sig = signing.unit_signature(CODE, SERIAL)
        assert url == f"HTTPS://CARE.AFTERCARE.CN/Q/K7M2PQ/{SERIAL}/{sig}"
        assert addresses.model_url("k7m2pq") == "HTTPS://CARE.AFTERCARE.CN/Q/K7M2PQ"

    def test_default_base_is_the_public_site(self):
        from portal.settings import base

        assert base.QR_BASE_URL == "HTTPS://CARE.AFTERCARE.CN"

    @pytest.mark.parametrize("serial", [SERIAL, "CX2403ABCDEFGHJKLMNP", "FE2403ABCDEF1234"])
    def test_a_unit_code_fits_version_4_at_level_m(self, settings, serial):
        settings.QR_BASE_URL = "HTTPS://CARE.AFTERCARE.CN"
        url = addresses.unit_url(CODE, serial)
        qr = segno.make(url, error="m", micro=False)
        assert qr.mode == "alphanumeric"
        assert qr.version <= 4
        # What we actually print: no error boost, so level M exactly, and the same version.
        printed = render.symbol(url)
        assert (printed.version, printed.error, printed.mode) == (qr.version, "M", "alphanumeric")

    def test_the_example_from_the_issue_fits_version_4_at_level_m(self):
        url = "HTTPS://CARE.AFTERCARE.CN/Q/K7M2PQ/AC20240301000001AB/ABCDEFGHJK"
        assert segno.make(url, error="m", micro=False).version <= 4
