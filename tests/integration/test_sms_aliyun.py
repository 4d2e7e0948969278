"""Aliyun's SMS API, mocked at the HTTP layer: the signature is Aliyun's documented one, and
its answers become a sent message, a retry (network, throttling) or a refusal for good."""

import urllib.parse

import pytest
import requests
import responses
from django.core.exceptions import ImproperlyConfigured

from groundwork import sms, sms_aliyun
from groundwork.queue import TRANSIENT_ERRORS

ENDPOINT = "https://dysmsapi.aliyuncs.com/"

# Aliyun's SMS documentation ("HTTP协议及签名"): these parameters, signed with the AccessKey
# secret "testSecret", give this signature and this string to sign.
DOC_PARAMS = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}
DOC_STRING_TO_SIGN = (
    "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123"
    "%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF"
    "%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF"
    "%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce"
    "%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode"
    "%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D"
    "%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25"
)


@pytest.fixture
def aliyun(settings):
    settings.SMS_BACKEND = "groundwork.sms_aliyun.AliyunBackend"
    settings.ALIYUN_SMS_ACCESS_KEY_ID = "LTAI-test-id"
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "test-secret"
    settings.ALIYUN_SMS_SIGN_NAME = "Aftercare"
    settings.ALIYUN_SMS_TEMPLATE_CODE = "SMS_000001"
    settings.ALIYUN_SMS_TEMPLATE_PARAM = "content"
    settings.ALIYUN_SMS_TEMPLATES = "phone_code=SMS_000002, service_done=SMS_000003"
    settings.ALIYUN_SMS_ENDPOINT = ENDPOINT
    return settings


def sent_params(call) -> dict[str, str]:
    query = urllib.parse.urlsplit(call.request.url).query
    return dict(urllib.parse.parse_qsl(query, keep_blank_values=True))


class TestTheSignature:
    def test_matches_the_sms_documentations_example(self):
        assert sms_aliyun.string_to_sign(DOC_PARAMS) == DOC_STRING_TO_SIGN
        assert sms_aliyun.signature(DOC_PARAMS, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="

    def test_matches_the_rpc_documentations_example(self):
        params = {
            "AccessKeyId": "testid",
            "Action": "DescribeRegions",
            "Format": "XML",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            "SignatureVersion": "1.0",
            "Timestamp": "2016-02-23T12:46:24Z",
            "Version": "2014-05-26",
        }
        assert sms_aliyun.signature(params, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="

    def test_percent_encodes_as_rfc_3986(self):
        assert sms_aliyun.percent_encode("a b*c~d") == "a%20b%2Ac~d"
        assert sms_aliyun.percent_encode("/=&+") == "%2F%3D%26%2B"
        assert sms_aliyun.percent_encode("派") == "%E6%B4%BE"

    def test_the_signature_itself_is_left_out_of_what_is_signed(self):
        with_signature = {**DOC_PARAMS, "Signature": "anything"}
        assert sms_aliyun.signature(with_signature, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


class TestSending:
    @responses.activate
    def test_a_text_goes_through_the_generic_template_signed(self, aliyun):
        responses.get(
            ENDPOINT,
            json={"Code": "OK", "Message": "OK", "BizId": "9006197469364984^0", "RequestId": "F6"},
        )
        message_id = sms.send(phone="13800138000", text="您的服务单 SR1 已受理")
        assert message_id == "9006197469364984^0"
        params = sent_params(responses.calls[0])
        assert params["Action"] == "SendSms" and params["Version"] == "2017-05-25"
        assert params["PhoneNumbers"] == "13800138000" and params["SignName"] == "Aftercare"
        assert params["TemplateCode"] == "SMS_000001"
        assert params["TemplateParam"] == '{"content":"您的服务单 SR1 已受理"}'
        assert params["SignatureMethod"] == "HMAC-SHA1" and params["SignatureVersion"] == "1.0"
        # Aliyun checks the signature by signing what it received: so do we.
        signature = params.pop("Signature")
        assert signature == sms_aliyun.signature(params, "test-secret")
        assert "%20" in responses.calls[0].request.url  # never "+" for a space

    @responses.activate
    def test_a_message_with_its_own_approved_template_uses_it(self, aliyun):
        responses.get(ENDPOINT, json={"Code": "OK", "BizId": "1"})
        sms.send(
            phone="13800138000",
            text="code 123456",
            template="phone_code",
            params={"code": "123456"},
        )
        params = sent_params(responses.calls[0])
        assert params["TemplateCode"] == "SMS_000002"
        assert params["TemplateParam"] == '{"code":"123456"}'

    @responses.activate
    @pytest.mark.parametrize(
        "answer",
        [
            {"json": {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控"}},
            {"json": {"Code": "Throttling.User", "Message": "Request was denied"}},
            {"json": {"Code": "isp.SYSTEM_ERROR"}},
            {"status": 503, "body": "Service Unavailable"},
            {"body": requests.ConnectionError("connection reset")},
            {"body": requests.Timeout("read timed out")},
        ],
    )
    def test_passing_failures_are_retried(self, aliyun, answer):
        responses.get(ENDPOINT, **answer)
        with pytest.raises(sms_aliyun.SmsUnavailable) as failure:
            sms.send(phone="13800138000", text="hello")
        assert isinstance(failure.value, TRANSIENT_ERRORS)

    @responses.activate
    @pytest.mark.parametrize(
        "code", ["isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "SignatureDoesNotMatch"]
    )
    def test_refusals_are_final(self, aliyun, code):
        responses.get(ENDPOINT, status=400 if code.startswith("Sig") else 200, json={"Code": code})
        with pytest.raises(sms.SmsRefused, match=code):
            sms.send(phone="13800138000", text="hello")

    def test_missing_keys_stop_it_with_their_names(self, aliyun):
        aliyun.ALIYUN_SMS_ACCESS_KEY_SECRET = ""
        with pytest.raises(ImproperlyConfigured, match="ALIYUN_SMS_ACCESS_KEY_SECRET"):
            sms.send(phone="13800138000", text="hello")
