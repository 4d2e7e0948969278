"""groundwork.hostile_input: control characters and over-long values stop at the door."""

import pytest
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DataError, models
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDictKeyError

from groundwork.hostile_input import HostileInputMiddleware, bad_input, refused_by_the_database

MULTIPART_BOUNDARY = "BoUnDaRy"


def view(request):
    return HttpResponse(f"view ran: {request.POST.get('name', '')}")


@pytest.fixture
def door(settings):
    settings.HOSTILE_INPUT_MAX_VALUE_LENGTH = 100
    settings.HOSTILE_INPUT_LONG_VALUE_PATHS = ["/cms/"]
    return HostileInputMiddleware(view)


@pytest.fixture
def rf():
    return RequestFactory()


def multipart(fields: dict[str, str], file_content: bytes = b"") -> bytes:
    parts = []
    for name, value in fields.items():
        parts += [
            f"--{MULTIPART_BOUNDARY}",
            f'Content-Disposition: form-data; name="{name}"',
            "",
            value,
        ]
    body = "\r\n".join(parts).encode()
    if file_content:
        body += (
            f"\r\n--{MULTIPART_BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="photo"; filename="a.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode() + file_content
    return body + f"\r\n--{MULTIPART_BOUNDARY}--\r\n".encode()


def post_multipart(rf, path, body):
    return rf.post(
        path, data=body, content_type=f"multipart/form-data; boundary={MULTIPART_BOUNDARY}"
    )


class TestOrdinaryInput:
    def test_reaches_the_view(self, door, rf):
        response = door(rf.post("/en/devices/register/?page=2", {"name": "王小明\r\n\t1号"}))
        assert response.status_code == 200
        assert response.content.decode() == "view ran: 王小明\r\n\t1号"

    def test_a_json_body_is_left_to_its_view(self, door, rf):
        request = rf.post(
            "/webhooks/stripe/", data=b'{"a": "\x00"}', content_type="application/json"
        )
        assert door(request).status_code == 200

    def test_file_contents_are_not_read_as_text(self, door, rf):
        body = multipart({"name": "ok"}, file_content=b"\x89PNG\x00\x01" + b"\x00" * 500)
        assert door(post_multipart(rf, "/en/devices/register/", body)).status_code == 200


class TestControlCharacters:
    @pytest.mark.parametrize(
        "path",
        [
            "/en/shop/%00/",
            "/en/search/?q=a%00b",
            "/en/search/?q%00=1",
            "/en/search/?q=%1b[31m",
            "/en/search/?q=%0b",
            "/en/search/?q=%7F%01",
        ],
    )
    def test_in_the_path_or_the_query_get_400(self, door, rf, path):
        response = door(rf.get(path))
        assert response.status_code == 400
        assert "control characters" in response.content.decode()

    def test_in_a_urlencoded_form_field_get_400(self, door, rf):
        response = door(rf.post("/en/devices/register/", {"serial": "AC\x00123"}))
        assert response.status_code == 400

    def test_in_a_multipart_form_field_get_400(self, door, rf):
        body = multipart({"serial": "AC\x00123"})
        assert door(post_multipart(rf, "/en/devices/register/", body)).status_code == 400

    def test_are_refused_on_editors_screens_too(self, door, rf):
        assert door(rf.post("/cms/pages/1/edit/", {"title": "a\x00"})).status_code == 400

    def test_the_message_is_in_the_language_of_the_address(self, door, rf):
        response = door(rf.get("/zh-hans/search/?q=%00"))
        assert response.status_code == 400
        assert response["Content-Language"] == "zh-hans"
        assert "控制字符" in response.content.decode()


class TestOverLongValues:
    def test_a_query_value_over_the_cap_gets_400(self, door, rf):
        response = door(rf.get("/en/search/", {"q": "a" * 101}))
        assert response.status_code == 400
        assert "too long (at most 100 characters)" in response.content.decode()

    def test_a_value_at_the_cap_passes(self, door, rf):
        assert door(rf.get("/en/search/", {"q": "a" * 100})).status_code == 200

    def test_a_form_field_or_a_field_name_over_the_cap_gets_400(self, door, rf):
        assert door(rf.post("/en/devices/register/", {"serial": "A" * 101})).status_code == 400
        assert door(rf.post("/en/devices/register/", {"n" * 101: "1"})).status_code == 400

    def test_a_multipart_field_over_the_cap_gets_400(self, door, rf):
        body = multipart({"serial": "A" * 101})
        assert door(post_multipart(rf, "/en/devices/register/", body)).status_code == 400

    def test_editors_screens_may_post_long_values(self, door, rf):
        assert door(rf.post("/cms/pages/1/edit/", {"body": "x" * 5000})).status_code == 200


class TestAnOverLongPath:
    def test_gets_400_before_any_view(self, door, rf, settings):
        response = door(rf.get("/en/shop/catalogue/x_" + "9" * 5000 + "/"))
        assert response.status_code == 400
        assert "too long" in response.content.decode()


class TestWhereToGoNext:
    @pytest.mark.parametrize("value", ["/en/shop/", "/cms/pages/3/", ""])
    def test_a_path_passes(self, door, rf, value):
        assert door(rf.get("/cms/login/", {"next": value})).status_code == 200

    def test_another_sites_address_is_left_to_the_views_own_check(self, door, rf):
        assert door(rf.get("/cms/login/", {"next": "https://evil.example/"})).status_code == 200

    @pytest.mark.parametrize("value", ["wagtailadmin_home", "javascript:alert(1)", "evil.example"])
    def test_a_bare_word_gets_400(self, door, rf, value):
        request = rf.post("/cms/pages/3/delete/", {"next": value}, HTTP_ACCEPT_LANGUAGE="en")
        response = door(request)
        assert response.status_code == 400
        assert "address on this site" in response.content.decode()


class TestAFormsetAnnouncingTooManyRows:
    @pytest.mark.parametrize("total", ["201", "1000000", "+३۶০۲০۹٥০८", "１２"])
    def test_gets_400_before_the_formset_builds_them(self, door, rf, total):
        data = {"form-TOTAL_FORMS": total, "form-INITIAL_FORMS": "0"}
        response = door(rf.post("/en/shop/basket/", data))
        assert response.status_code == 400
        assert "count of rows" in response.content.decode()

    @pytest.mark.parametrize("total", ["", "x", "1.5", "-1"])
    def test_a_malformed_count_gets_400_too(self, door, rf, total):
        data = {"lines-TOTAL_FORMS": total, "lines-INITIAL_FORMS": "0"}
        assert door(rf.post("/en/shop/basket/", data)).status_code == 400

    @pytest.mark.parametrize("total", ["0", "3", "200"])
    def test_a_few_rows_pass(self, door, rf, total):
        data = {"lines-TOTAL_FORMS": total, "lines-INITIAL_FORMS": "0"}
        assert door(rf.post("/en/shop/basket/", data)).status_code == 200


class TestExceptionsOnlyBadInputRaises:
    def test_a_missing_form_field_is_a_400(self, door, rf):
        request = rf.post("/en/shop/basket/", {"form-0-id": "1"})
        with pytest.raises(MultiValueDictKeyError) as missing:
            request.POST["form-TOTAL_FORMS"]  # as Oscar's basket view reads its formset
        response = door.process_exception(request, missing.value)
        assert response.status_code == 400
        assert "incomplete" in response.content.decode()

    def test_a_value_a_field_refuses_is_a_400(self, door, rf):
        error = ValidationError("“x” is not a valid UUID.")
        assert door.process_exception(rf.get("/en/"), error).status_code == 400

    def test_a_row_that_is_not_there_is_a_404(self, door, rf):
        error = ObjectDoesNotExist("Line matching query does not exist.")
        assert (
            door.process_exception(rf.get("/en/shop/accounts/orders/1/2/"), error).status_code
            == 404
        )

    def test_a_word_for_an_integer_key_is_a_400(self, door, rf):
        with pytest.raises(ValueError) as refused:
            models.IntegerField(name="id").get_prep_value("abc")
        assert refused_by_the_database(refused.value)
        assert door.process_exception(rf.get("/cms/pages/"), refused.value).status_code == 400

    def test_a_value_the_database_refused_is_a_400(self, door, rf):
        error = DataError("value too long for type character varying(12)")
        assert door.process_exception(rf.get("/en/"), error).status_code == 400

    def test_a_value_error_of_anything_else_is_not_the_inputs_fault(self):
        with pytest.raises(ValueError) as elsewhere:
            int("abc")
        assert not refused_by_the_database(elsewhere.value)

    def test_the_signal_tells_who_let_the_exception_escape(self, door, rf):
        caught = []

        def receiver(sender, request, exception, **kwargs):
            caught.append((request.path, exception))

        bad_input.connect(receiver)
        try:
            error = ValidationError("bad")
            door.process_exception(rf.get("/en/x/"), error)
        finally:
            bad_input.disconnect(receiver)
        assert caught == [("/en/x/", error)]

    def test_anything_else_is_left_to_django(self, door, rf):
        assert door.process_exception(rf.get("/en/"), ValueError("a bug")) is None
