"""Partners' installation orders: the signed JSON endpoint and the CSV upload in the dashboard.

Calls are signed for real with the partner's secret, as a partner's system would sign them.
"""

import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales.models import Channel, ServiceKind, ServiceRequest
from aftersales.partner_orders import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from tests.factories.aftersales import make_appliance_model, make_area
from tests.factories.service_desk import make_partner
from tests.factories.staff import make_dispatcher, make_shop_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return make_partner(code="jd", name="京东")


@pytest.fixture
def model():
    return make_appliance_model(model_number="KFR-35GW/JD001")


def order(model, **fields):
    body = {
        "order_id": "JD-1001",
        "contact_name": "李娜",
        "contact_phone": "13800138000",
        "address": "上海市浦东新区世纪大道100号",
        "lines": [{"line_id": "1", "model": model.model_number, "quantity": 1}],
    }
    body.update(fields)
    return body


def post(client, partner, body, *, secret=None, timestamp=None, signature=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    timestamp = str(int(time.time())) if timestamp is None else timestamp
    if signature is None:
        signature = sign(secret=secret or partner.secret, timestamp=timestamp, body=raw)
    return client.post(
        reverse("aftersales-api:partner-installations", kwargs={"partner": partner.code}),
        data=raw,
        content_type="application/json",
        headers={TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature},
        HTTP_ACCEPT_LANGUAGE="en",
    )


class TestASignedOrder:
    def test_opens_one_installation_per_line_and_answers_201(self, client, partner, model):
        area = make_area(code="pudong")
        body = order(
            model,
            area="pudong",
            lines=[
                {"line_id": "1", "model": model.model_number},
                {"line_id": "2", "model": model.model_number.lower(), "quantity": 2},
            ],
        )
        response = post(client, partner, body)
        assert response.status_code == 201
        numbers = [line["number"] for line in response.json()["requests"]]
        opened = ServiceRequest.objects.filter(number__in=numbers).order_by("partner_order_id")
        assert [r.partner_order_id for r in opened] == ["JD-1001/1", "JD-1001/2"]
        first = opened[0]
        assert (first.kind, first.channel, first.partner, first.area) == (
            ServiceKind.INSTALLATION,
            Channel.PARTNER,
            "jd",
            area,
        )
        assert first.events.get().actor_role == "partner"

    def test_sent_twice_makes_one_request_and_answers_200_with_its_number(
        self, client, partner, model
    ):
        first = post(client, partner, order(model))
        again = post(client, partner, order(model))
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["requests"][0]["number"] == again.json()["requests"][0]["number"]
        assert ServiceRequest.objects.filter(partner="jd").count() == 1


class TestARefusedCall:
    def test_a_bad_signature_is_400_and_writes_nothing(self, client, partner, model):
        response = post(client, partner, order(model), secret="not-the-secret")
        assert response.status_code == 400
        assert response.json() == {"error": "The signature does not match."}
        assert not ServiceRequest.objects.exists()

    def test_a_body_changed_after_signing_is_refused(self, client, partner, model):
        timestamp = str(int(time.time()))
        signature = sign(
            secret=partner.secret, timestamp=timestamp, body=json.dumps(order(model)).encode()
        )
        tampered = order(model, address="somewhere else")
        response = post(client, partner, tampered, timestamp=timestamp, signature=signature)
        assert response.status_code == 400

    def test_a_stale_timestamp_is_refused_even_signed(self, client, partner, model):
        stale = str(int(time.time()) - 6 * 60)
        response = post(client, partner, order(model), timestamp=stale)
        assert response.status_code == 400
        assert "five minutes" in response.json()["error"]
        assert not ServiceRequest.objects.exists()

    def test_a_missing_timestamp_or_unknown_partner_is_refused(self, client, partner, model):
        assert post(client, partner, order(model), timestamp="").status_code == 400
        partner.is_active = False
        partner.save()
        assert post(client, partner, order(model)).status_code == 400

    def test_an_unknown_model_is_400_with_the_field(self, client, partner, model):
        body = order(
            model,
            lines=[
                {"line_id": "1", "model": model.model_number},
                {"line_id": "2", "model": "NO-SUCH-MODEL"},
            ],
        )
        response = post(client, partner, body)
        assert response.status_code == 400
        assert response.json()["fields"] == {"lines[1].model": ["Unknown model “NO-SUCH-MODEL”."]}
        assert not ServiceRequest.objects.exists()  # all or nothing for one call

    @pytest.mark.parametrize(
        "body",
        [
            b"not json",
            b"\xff\xfe",
            b"[1, 2]",
            json.dumps({"order_id": "X"}).encode(),
            json.dumps({"lines": [{"line_id": "1"}]}).encode(),
            json.dumps({"lines": ["a"]}).encode(),
            b'{"lines": [{"quantity": 1' + b"0" * 5000 + b"}]}",
            b"[" * 100_000,
        ],
    )
    def test_a_malformed_body_is_400_not_500(self, client, partner, body):
        response = post(client, partner, body)
        assert response.status_code == 400
        assert "error" in response.json()

    def test_a_nul_or_a_lone_surrogate_is_stored_replaced(self, client, partner, model):
        raw = json.dumps(order(model, contact_name="李\u0000娜\ud800")).encode()
        response = post(client, partner, raw)
        assert response.status_code == 201
        assert ServiceRequest.objects.get().contact_name == "李\ufffd娜\ufffd"

    def test_missing_fields_are_named(self, client, partner, model):
        response = post(client, partner, order(model, contact_phone="call me", address=None))
        fields = response.json()["fields"]
        assert set(fields) == {"contact_phone", "address"}

    def test_get_is_not_allowed(self, client, partner):
        url = reverse("aftersales-api:partner-installations", kwargs={"partner": partner.code})
        assert client.get(url).status_code == 405


CSV_HEADER = (
    "order_id,line_id,model,serial,quantity,contact_name,contact_phone,email,address,area,note\n"
)


class TestTheCsvUpload:
    @pytest.fixture
    def desk(self, client):
        user = make_dispatcher()
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return user

    def upload(self, client, partner, text, encoding="utf-8"):
        upload = SimpleUploadedFile("orders.csv", text.encode(encoding), "text/csv")
        return client.post(
            reverse("dashboard:aftersales-partner-orders"),
            {"partner": partner.pk, "file": upload},
        )

    def test_good_duplicate_and_bad_rows_each_get_their_outcome(self, client, desk, partner, model):
        make_partner(code="tmall")
        first = CSV_HEADER + f"T-1,1,{model.model_number},,1,王芳,13900000001,,北京市朝阳区1号,,\n"
        self.upload(client, partner, first)
        text = (
            CSV_HEADER
            + f"T-1,1,{model.model_number},,1,王芳,13900000001,,北京市朝阳区1号,,\n"  # again
            + f"T-2,1,{model.model_number},,1,张强,13900000002,,北京市海淀区2号,,\n"  # new
            + "T-3,1,NOPE-1,,1,赵敏,13900000003,,北京市东城区3号,,\n"  # unknown model
            + f"T-4,1,{model.model_number},,1,,not-a-phone,,,,\n"  # three mistakes
            + ",,,,,,,,,,\n"  # a blank line a spreadsheet left
        )
        response = self.upload(client, partner, text)
        assert response.status_code == 200
        outcomes = [(r.row, r.order, r.outcome) for r in response.context["results"]]
        assert outcomes == [
            (2, "T-1/1", "existing"),
            (3, "T-2/1", "created"),
            (4, "T-3/1", "refused"),
            (5, "T-4/1", "refused"),
        ]
        results = response.context["results"]
        assert results[2].reasons == ("model: Unknown model “NOPE-1”.",)
        assert {reason.split(":")[0] for reason in results[3].reasons} == {
            "contact_name",
            "contact_phone",
            "address",
        }
        assert response.context["counts"] == {"created": 1, "existing": 1, "refused": 2}
        assert ServiceRequest.objects.filter(partner="jd").count() == 2
        opened = ServiceRequest.objects.get(partner_order_id="T-2/1")
        assert (opened.created_by, opened.channel) == (desk, Channel.PARTNER)

    def test_a_chinese_excel_file_in_gb18030_is_read(self, client, desk, partner, model):
        text = CSV_HEADER + f"G-1,1,{model.model_number},,1,王芳,13900000001,,北京市朝阳区1号,,\n"
        response = self.upload(client, partner, text, encoding="gb18030")
        assert [r.outcome for r in response.context["results"]] == ["created"]
        assert ServiceRequest.objects.get(partner_order_id="G-1/1").contact_name == "王芳"

    def test_a_file_without_the_columns_is_refused_whole(self, client, desk, partner):
        response = self.upload(client, partner, "name,phone\n王芳,139\n")
        assert response.status_code == 400
        assert "missing: order_id, line_id, model" in response.content.decode()

    def test_a_field_past_the_csv_limit_is_refused_not_500(self, client, desk, partner):
        text = CSV_HEADER + "X-1,1,M," + "a" * 200_000 + "\n"
        response = self.upload(client, partner, text)
        assert response.status_code == 400
        assert not ServiceRequest.objects.exists()

    def test_the_template_lists_the_columns(self, client, desk):
        response = client.get(reverse("dashboard:aftersales-partner-orders") + "?template=1")
        assert response.content.decode("utf-8-sig").startswith(CSV_HEADER.strip())

    def test_shop_staff_may_not_upload(self, client, partner):
        client.force_login(make_shop_staff())
        response = client.get(reverse("dashboard:aftersales-partner-orders"))
        assert response.status_code in (302, 403)
