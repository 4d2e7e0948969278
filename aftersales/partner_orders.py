"""Installation orders from e-commerce partners: a signed JSON call, or a CSV staff upload.

Each order line opens one installation request, once: the request carries the partner and
"<order id>/<line id>", which the database keeps unique, so a repeated call or upload finds
the request it opened the first time.

The call is signed like Stripe's webhooks: the header X-Aftercare-Signature is the hex
HMAC-SHA256, under the partner's secret, of "<timestamp>.<raw body>", and the header
X-Aftercare-Timestamp is that Unix timestamp. Signing the timestamp with the body is what
makes the 5-minute window mean something: a captured call cannot be replayed later with a
fresh timestamp. (A replay inside the window opens nothing new either: the order id does.)
"""

import csv
import datetime
import hashlib
import hmac
import io
import re
from dataclasses import dataclass

from django import forms
from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appliances.models import ApplianceModel
from groundwork.whole_numbers import WholeNumberField

from .models import (
    Channel,
    InstallationPartner,
    RegisteredUnit,
    ServiceArea,
    ServiceKind,
    ServiceRequest,
)
from .services.requests import open_request

SIGNATURE_HEADER = "X-Aftercare-Signature"
TIMESTAMP_HEADER = "X-Aftercare-Timestamp"
TOLERANCE = datetime.timedelta(minutes=5)
MAX_LINES = 50
MAX_CSV_ROWS = 2000
MAX_CSV_BYTES = 2 * 1024 * 1024
# The CSV's columns, in this order in the template staff download.
CSV_COLUMNS = [
    "order_id",
    "line_id",
    "model",
    "serial",
    "quantity",
    "contact_name",
    "contact_phone",
    "email",
    "address",
    "area",
    "note",
]

phone_number = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,19}$", gettext_lazy("Enter a phone number, e.g. 13812345678.")
)
reference = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_\-.:]*$",
    gettext_lazy("Use letters, digits and - _ . : only."),
)


class BadSignature(Exception):
    """The call is not signed by the partner it names, or not now; the message says which."""


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(
    *, partner: InstallationPartner | None, body: bytes, timestamp: str, signature: str, now
) -> None:
    """Raise BadSignature unless `signature` is the partner's over this timestamp and body,
    and the timestamp is within five minutes of `now`."""
    if partner is None or not partner.is_active:
        raise BadSignature(_("Unknown partner."))
    if not re.fullmatch(r"[0-9]{1,12}", timestamp or ""):
        raise BadSignature(_("The timestamp header is missing or not a Unix time."))
    sent_at = datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.UTC)
    if abs(now - sent_at) > TOLERANCE:
        raise BadSignature(_("The timestamp is more than five minutes away from ours."))
    try:
        expected = sign(secret=partner.secret, timestamp=timestamp, body=body)
    except UnicodeEncodeError:  # pragma: no cover - the timestamp is ASCII by now
        raise BadSignature(_("The signature does not match.")) from None
    if not hmac.compare_digest(expected, (signature or "").strip().lower()):
        raise BadSignature(_("The signature does not match."))


class OrderLineForm(forms.Form):
    """One order line, as a CSV row or a JSON order's fields plus one of its lines."""

    order_id = forms.CharField(max_length=40, validators=[reference])
    line_id = forms.CharField(max_length=20, validators=[reference])
    model = forms.CharField(max_length=64)
    serial = forms.CharField(max_length=40, required=False)
    quantity = WholeNumberField(min_value=1, max_value=20, required=False)
    contact_name = forms.CharField(max_length=64)
    contact_phone = forms.CharField(max_length=20, validators=[phone_number])
    email = forms.EmailField(required=False)
    address = forms.CharField(max_length=255)
    area = forms.CharField(max_length=32, required=False)
    note = forms.CharField(max_length=500, required=False)

    def clean_model(self):
        number = self.cleaned_data["model"].strip()
        model = ApplianceModel.objects.filter(model_number__iexact=number, is_active=True).first()
        if model is None:
            raise forms.ValidationError(
                _("Unknown model “%(model)s”.") % {"model": number}, code="unknown_model"
            )
        return model

    def clean_area(self):
        code = self.cleaned_data["area"].strip()
        if not code:
            return None
        area = ServiceArea.objects.filter(code=code, is_active=True).first()
        if area is None:
            raise forms.ValidationError(
                _("Unknown service area “%(area)s”.") % {"area": code}, code="unknown_area"
            )
        return area

    def clean(self):
        data = super().clean()
        model, serial = data.get("model"), (data.get("serial") or "").strip()
        if model is not None and serial and not re.fullmatch(model.serial_pattern, serial):
            self.add_error(
                "serial",
                _("“%(serial)s” is not a serial number of %(model)s.")
                % {"serial": serial, "model": model.model_number},
            )
        data["serial"] = serial
        order_id, line_id = data.get("order_id"), data.get("line_id")
        if order_id and line_id and len(f"{order_id}/{line_id}") > 64:
            self.add_error("line_id", _("The order and line ids are too long together."))
        return data


@dataclass(frozen=True)
class Opened:
    line_id: str
    service_request: ServiceRequest
    created: bool


def partner_order_id(order_id: str, line_id: str) -> str:
    return f"{order_id}/{line_id}"


def open_line(
    *, partner: InstallationPartner, line: dict, now: datetime.datetime, created_by=None
) -> Opened:
    """The installation request for one validated order line: opened now, or found."""
    key = partner_order_id(line["order_id"], line["line_id"])
    existing = ServiceRequest.objects.filter(partner=partner.code, partner_order_id=key).first()
    if existing is not None:
        return Opened(line["line_id"], existing, False)
    model = line["model"]
    unit = None
    if line["serial"]:
        unit = RegisteredUnit.objects.filter(appliance_model=model, serial=line["serial"]).first()
    quantity = line.get("quantity") or 1
    symptom = _("Installation ordered at %(partner)s, order %(order)s.") % {
        "partner": partner.name,
        "order": line["order_id"],
    }
    if quantity > 1:
        symptom += " " + _("%(n)s units.") % {"n": quantity}
    if line.get("note"):
        symptom += "\n" + line["note"]
    service_request = open_request(
        kind=ServiceKind.INSTALLATION,
        channel=Channel.PARTNER,
        appliance_model=model,
        unit=unit,
        serial=line["serial"],
        contact_name=line["contact_name"],
        contact_phone=line["contact_phone"],
        email=line.get("email") or "",
        area=line.get("area"),
        address=line["address"],
        symptom=symptom,
        now=now,
        created_by=created_by,
        role="partner" if created_by is None else "agent",
        partner=partner.code,
        partner_order_id=key,
    )
    # open_request hands back the first request when the same line raced in a moment ago.
    return Opened(line["line_id"], service_request, service_request.opened_at == now)


# --- The JSON order ------------------------------------------------------------------------

ORDER_FIELDS = ("order_id", "contact_name", "contact_phone", "email", "address", "area", "note")
LINE_FIELDS = ("line_id", "model", "serial", "quantity")


class OrderRefused(Exception):
    """The body is not an order we can take; `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def _text(value) -> str | None:
    """A JSON value as form data: strings as they are, whole numbers as digits."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def read_order(data) -> list[dict]:
    """The order's lines, each validated with the order's fields; OrderRefused if any is bad.

    All or nothing: a call with one bad line opens nothing, and says which line.
    """
    if not isinstance(data, dict):
        raise OrderRefused({"": [_("The body must be a JSON object.")]})
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        raise OrderRefused({"lines": [_("An order has at least one line.")]})
    if len(lines) > MAX_LINES:
        raise OrderRefused({"lines": [_("At most %(n)s lines in one order.") % {"n": MAX_LINES}]})
    errors: dict[str, list[str]] = {}
    order = {name: _text(data.get(name)) for name in ORDER_FIELDS if data.get(name) is not None}
    valid = []
    seen = set()
    for index, line in enumerate(lines):
        if not isinstance(line, dict):
            errors[f"lines[{index}]"] = [_("Each line must be a JSON object.")]
            continue
        fields = {name: _text(line.get(name)) for name in LINE_FIELDS if line.get(name) is not None}
        form = OrderLineForm({**order, **fields})
        if not form.is_valid():
            for field, messages in form.errors.items():
                name = f"lines[{index}].{field}" if field in LINE_FIELDS else field
                errors.setdefault(name, list(messages))
            continue
        if form.cleaned_data["line_id"] in seen:
            errors[f"lines[{index}].line_id"] = [_("This line id appears twice in the order.")]
            continue
        seen.add(form.cleaned_data["line_id"])
        valid.append(form.cleaned_data)
    if errors:
        raise OrderRefused(errors)
    return valid


def open_order(
    *, partner: InstallationPartner, lines: list[dict], now: datetime.datetime
) -> list[Opened]:
    """One installation request per line, in one transaction."""
    with transaction.atomic():
        return [open_line(partner=partner, line=line, now=now) for line in lines]


# --- The CSV upload ------------------------------------------------------------------------


@dataclass(frozen=True)
class RowResult:
    row: int  # the line number in the file, the header being 1
    order: str
    outcome: str  # "created", "existing" or "refused"
    number: str = ""
    reasons: tuple[str, ...] = ()


class FileRefused(Exception):
    """The upload is not a CSV file of order lines at all."""


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without Excel's byte-order mark), else GB18030, the
    encoding a Chinese Excel saves CSV in."""
    if len(raw) > MAX_CSV_BYTES:
        raise FileRefused(_("The file is larger than 2 MB; split it."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("The file is neither UTF-8 nor GB18030 text."))


def import_csv(
    *, partner: InstallationPartner, raw: bytes, now: datetime.datetime, created_by
) -> list[RowResult]:
    """Open a request for each good row; report each row's outcome.

    Every row stands alone, in its own transaction: a day's file holds many customers'
    orders, and one mistyped model must not hold back everyone else's installation. A bad
    row writes nothing and is reported with its reasons; fixed and uploaded again with the
    rest, the rows already opened are reported as already there, not opened twice.
    """
    reader = csv.DictReader(io.StringIO(decode(raw), newline=""))
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise FileRefused(
            _("The file is not CSV we can read: %(error)s") % {"error": error}
        ) from None
    missing = [name for name in ("order_id", "line_id", "model") if name not in header]
    if missing:
        raise FileRefused(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_CSV_ROWS:  # refused before any row is written
                raise FileRefused(_("At most %(n)s rows in one file.") % {"n": MAX_CSV_ROWS})
    except csv.Error as error:  # e.g. a field past the csv module's size limit
        raise FileRefused(
            _("The file is not CSV we can read: %(error)s") % {"error": error}
        ) from None
    results = []
    for index, row in enumerate(rows, start=2):
        values = {name: (row.get(name) or "").strip() for name in CSV_COLUMNS}
        if not any(values.values()):
            continue  # a blank line, as spreadsheets leave at the end
        form = OrderLineForm(values)
        order = f"{values['order_id']}/{values['line_id']}"
        if not form.is_valid():
            # Named by the file's own column, which is what staff correct.
            reasons = tuple(
                f"{field}: {message}" if field in form.fields else str(message)
                for field, messages in form.errors.items()
                for message in messages
            )
            results.append(RowResult(index, order, "refused", reasons=reasons))
            continue
        with transaction.atomic():
            opened = open_line(
                partner=partner, line=form.cleaned_data, now=now, created_by=created_by
            )
        results.append(
            RowResult(
                index,
                order,
                "created" if opened.created else "existing",
                number=opened.service_request.number,
            )
        )
    return results
