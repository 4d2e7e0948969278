"""Text messages through Aliyun's SMS service (dysmsapi SendSms), over its HTTP API.

Aliyun's RPC-style API takes every parameter in the query string and a signature over them
(Aliyun's "signature method" for SMS, version 1.0): the parameters, without Signature,
are sorted by name, each name and value percent-encoded (RFC 3986: only A–Z a–z 0–9 - _ . ~
are left as they are, so a space is %20 and * is %2A), joined as name=value with &; the
string to sign is "GET&%2F&" followed by that query percent-encoded once more; the
signature is Base64(HMAC-SHA1(AccessKeySecret + "&", string to sign)).

In mainland China a message must use a template approved in the Aliyun console. Our message
names its template (sms.Sms.template, e.g. "phone_code") and gives its parameters; the
setting ALIYUN_SMS_TEMPLATES maps those names to Aliyun template codes. A message whose
template has no code there goes through ALIYUN_SMS_TEMPLATE_CODE, a template with one
variable (ALIYUN_SMS_TEMPLATE_PARAM, "content" by default) that carries the whole text.

Failures: the network, a 5xx, and Aliyun's throttling and system errors may pass and raise
`SmsUnavailable` (a ConnectionError, so groundwork.queue.RETRY retries it); anything else
Aliyun answers (a number it rejects, a template or signature it does not know, a key it
refuses) raises `SmsRefused`, which no retry can fix.
"""

import base64
import datetime
import hashlib
import hmac
import json
import uuid
from urllib.parse import quote

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .sms import BaseBackend, Sms, SmsRefused

API_VERSION = "2017-05-25"
DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/"
# (connect, read) seconds: a worker waits this long at most, then the task retries.
TIMEOUT = (3.05, 10)
REQUIRED_SETTINGS = (
    "ALIYUN_SMS_ACCESS_KEY_ID",
    "ALIYUN_SMS_ACCESS_KEY_SECRET",
    "ALIYUN_SMS_SIGN_NAME",
    "ALIYUN_SMS_TEMPLATE_CODE",
)
# Aliyun's answers that mean "not now" rather than "never": flow control per number or
# account, a busy or failing service, a nonce seen twice (the retry draws a new one).
TRANSIENT_CODES = frozenset(
    {
        "isv.BUSINESS_LIMIT_CONTROL",
        "isp.SYSTEM_ERROR",
        "isp.GATEWAY_ERROR",
        "ServiceUnavailable",
        "InternalError",
        "SignatureNonceUsed",
    }
)


class SmsUnavailable(ConnectionError):
    """Aliyun could not take the message now (network, throttling, its own errors)."""


def percent_encode(value: str) -> str:
    """RFC 3986 encoding of UTF-8 text, as Aliyun's signature rules spell it."""
    return quote(str(value).encode("utf-8"), safe="-_.~")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(
        f"{percent_encode(name)}={percent_encode(params[name])}"
        for name in sorted(params)
        if name != "Signature"
    )


def string_to_sign(params: dict[str, str], *, method: str = "GET") -> str:
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def signature(params: dict[str, str], secret: str, *, method: str = "GET") -> str:
    digest = hmac.new(
        f"{secret}&".encode(),
        string_to_sign(params, method=method).encode("utf-8"),
        hashlib.sha1,
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def signed_url(endpoint: str, params: dict[str, str], secret: str) -> str:
    return (
        f"{endpoint}?Signature={percent_encode(signature(params, secret))}"
        f"&{canonical_query(params)}"
    )


def _timestamp(now: datetime.datetime) -> str:
    return now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_templates(text: str) -> dict[str, str]:
    """ "phone_code=SMS_1,service_done=SMS_2" as a dict; blanks and stray commas ignored."""
    templates = {}
    for pair in (text or "").split(","):
        name, _sep, code = pair.partition("=")
        if name.strip() and code.strip():
            templates[name.strip()] = code.strip()
    return templates


class AliyunBackend(BaseBackend):
    def __init__(self):
        missing = [name for name in REQUIRED_SETTINGS if not getattr(settings, name, "")]
        if missing:
            raise ImproperlyConfigured(
                "The Aliyun SMS backend needs these settings (environment variables): "
                + ", ".join(missing)
            )
        self.access_key_id = settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.access_key_secret = settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = settings.ALIYUN_SMS_SIGN_NAME
        self.template_code = settings.ALIYUN_SMS_TEMPLATE_CODE
        self.template_param = getattr(settings, "ALIYUN_SMS_TEMPLATE_PARAM", "") or "content"
        self.templates = parse_templates(getattr(settings, "ALIYUN_SMS_TEMPLATES", ""))
        self.endpoint = getattr(settings, "ALIYUN_SMS_ENDPOINT", "") or DEFAULT_ENDPOINT
        self.region = getattr(settings, "ALIYUN_SMS_REGION", "") or "cn-hangzhou"

    def params_for(self, message: Sms, *, now: datetime.datetime, nonce: str) -> dict[str, str]:
        code = self.templates.get(message.template)
        if code:
            variables = {name: str(value) for name, value in message.params.items()}
        else:
            code, variables = self.template_code, {self.template_param: message.text}
        return {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.phone,
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "TemplateCode": code,
            "TemplateParam": json.dumps(variables, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": _timestamp(now),
            "Version": API_VERSION,
        }

    def send(self, message: Sms) -> str:
        params = self.params_for(
            message, now=datetime.datetime.now(datetime.UTC), nonce=uuid.uuid4().hex
        )
        url = signed_url(self.endpoint, params, self.access_key_secret)
        try:
            response = requests.get(url, timeout=TIMEOUT)
        except requests.Timeout as error:
            raise SmsUnavailable(f"Aliyun SMS timed out: {error}") from error
        except requests.RequestException as error:
            raise SmsUnavailable(f"Aliyun SMS unreachable: {error}") from error
        if response.status_code >= 500:
            raise SmsUnavailable(f"Aliyun SMS answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as error:
            raise SmsRefused(
                f"Aliyun SMS answered HTTP {response.status_code}, not JSON"
            ) from error
        code = str(body.get("Code", ""))
        if code == "OK":
            return str(body.get("BizId", ""))
        detail = f"{code}: {body.get('Message', '')} (request {body.get('RequestId', '?')})"
        if code in TRANSIENT_CODES or code.startswith("Throttling"):
            raise SmsUnavailable(detail)
        raise SmsRefused(detail)
