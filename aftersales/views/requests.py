"""Opening a service request: details, then the review with the cover and price, then confirm.

Reached from My devices (?unit=), from a unit's QR landing or a model's manual (?model=, with
the signed ?serial=&sig= of a per-unit code), from a troubleshooting entry (?fault=&
fault_title=), or with nothing at all (a guest types model and serial). Nothing is stored
until the customer confirms the review screen; the confirmation works the quote out again
and opens the request only if it is still what the customer saw. A guest proves the phone
with a code texted when the review screen opens.
"""

import re
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from appliances import signing
from appliances.models import ApplianceModel
from groundwork import throttle
from groundwork.client_ip import client_ip
from groundwork.personal_names import full_name
from groundwork.whole_numbers import row_id_or_none

from .. import attachments, phone_codes, selectors
from ..models import Channel, RegisteredUnit, ServiceRequest
from ..request_forms import ConfirmForm, ServiceRequestForm, Subject
from ..request_links import detail_path
from ..services.requests import quote
from ..services.requests_customer import open_customer_request

CODE_PURPOSE = "service-request"
# Codes a client may have texted in an hour, whatever the phone numbers (each phone has its
# own limit in phone_codes): enough for a family, too few to spam strangers.
CODES_PER_CLIENT_HOUR = 10
ANCHOR = re.compile(r"[A-Za-z0-9_-]{1,60}")
SUBJECT_PARAMS = ("unit", "model", "serial", "sig", "fault", "fault_title")


class OpenRequestView(View):
    details_template = "aftersales/service/open.html"
    review_template = "aftersales/service/review.html"

    def dispatch(self, request, *args, **kwargs):
        params = request.POST if request.method == "POST" else request.GET
        if params.get("unit") and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        subject = self.subject_from(request, params)
        if subject is None:
            return render(request, "aftersales/unknown_model.html", status=404)
        self.subject = subject
        return super().dispatch(request, *args, **kwargs)

    def subject_from(self, request, params) -> Subject | None:
        """What the link settled; None for a unit or model code that names nothing of ours."""
        fault, fault_title = params.get("fault", "").strip(), params.get("fault_title", "").strip()
        trouble = {}
        if ANCHOR.fullmatch(fault):
            fault_title = " ".join(fault_title.split())[:120]
            trouble = {
                "fault": fault,
                "fault_title": fault_title,
                "troubleshooting": f"{fault_title} (#{fault})" if fault_title else f"#{fault}",
            }
        if params.get("unit"):
            unit_id = row_id_or_none(params["unit"])
            unit = (
                RegisteredUnit.objects.owned_by(request.user)
                .select_related("appliance_model")
                .filter(pk=unit_id)
                .first()
                if unit_id
                else None
            )
            return Subject(unit=unit, **trouble) if unit else None
        code = params.get("model", "")
        if not code:
            return Subject(**trouble)
        appliance_model = ApplianceModel.objects.by_public_code(code).first()
        if appliance_model is None:
            return None
        serial, sig = params.get("serial", ""), params.get("sig", "")
        if serial and signing.verify_unit(appliance_model.public_code, serial, sig):
            serial, sig = signing.normalise(serial), signing.normalise(sig)
            unit = selectors.owned_unit(
                request.user, appliance_model=appliance_model, serial=serial
            )
            return Subject(
                unit=unit, appliance_model=appliance_model, serial=serial, signature=sig, **trouble
            )
        return Subject(appliance_model=appliance_model, **trouble)

    def make_form(self, **kwargs) -> ServiceRequestForm:
        return ServiceRequestForm(subject=self.subject, user=self.request.user, **kwargs)

    # -- the steps ------------------------------------------------------------------------

    def get(self, request):
        return self.render_details(self.make_form(initial=self.initial()))

    def post(self, request):
        step = request.POST.get("step", "")
        if step == "edit":
            return self.render_details(self.make_form(initial=request.POST.dict()))
        if step == "confirm":
            # "Confirm" pressed twice, or the page reloaded: the first press opened it.
            token = request.POST.get("token", "")
            existing = ServiceRequest.objects.filter(client_token=token).first() if token else None
            if existing is not None:
                return redirect(detail_path(existing))
        form = self.make_form(data=request.POST)
        if not form.is_valid():
            return self.render_details(form, status=400)
        if step in ("details", "resend"):
            code_problem = self.send_code(form) if not request.user.is_authenticated else ""
            return self.render_review(form, code_sent=not code_problem, code_problem=code_problem)
        if step == "confirm":
            return self.confirm(form)
        return HttpResponseBadRequest(_("Unknown step."))

    def initial(self) -> dict:
        request, subject = self.request, self.subject
        initial = {"token": uuid.uuid4().hex}
        kind = request.GET.get("kind", "")
        if kind:
            initial["kind"] = kind
        elif subject.fault:
            initial["kind"] = "onsite_repair"
        if subject.fault_title:
            initial["symptom"] = subject.fault_title
        user = request.user
        if user.is_authenticated:
            profile = getattr(user, "member_profile", None)
            initial.update(
                contact_name=full_name(user),
                contact_phone=(profile.phone if profile is not None else "") or "",
                email=user.email,
            )
            last = selectors.requests_of(user).exclude(address="").first()
            if last is not None:
                initial.update(area=last.area_id, address=last.address)
        return initial

    def send_code(self, form) -> str:
        """Text the guest a code; the reason it was not sent, or "" when it was."""
        if not throttle.allow(
            key=f"service-code-ip:{client_ip(self.request)}",
            limit=CODES_PER_CLIENT_HOUR,
            window_seconds=3600,
            when_unavailable=False,
        ):
            return _("Too many codes were sent from here. Please try again in an hour.")
        try:
            phone_codes.send(
                phone=form.cleaned_data["contact_phone"],
                purpose=CODE_PURPOSE,
                text=_(
                    "Your Aftercare code is %(code)s. It confirms your phone for a service "
                    "request and expires in 10 minutes."
                ),
                now=timezone.now(),
            )
        except phone_codes.CodeRefused as refused:
            return str(refused)
        return ""

    def confirm(self, form):
        request, data = self.request, form.cleaned_data
        confirm = ConfirmForm(request.POST)
        if not confirm.is_valid():
            return self.render_review(form, status=400)
        now = timezone.now()
        price = self.quote_for(data, today=timezone.localdate(now))
        if confirm.cleaned_data["quote"] != digest(price):
            return self.render_review(
                form,
                status=409,
                problem=_(
                    "The cover or the price has changed since you looked. Please check it "
                    "again before you confirm."
                ),
            )
        if price.total and not confirm.cleaned_data["agree"]:
            return self.render_review(
                form, status=400, agree_problem=_("Please accept the estimate to go on.")
            )
        try:
            uploads = attachments.check_bundle(request.FILES.getlist("files"))
        except ValidationError as refused:
            return self.render_review(form, status=400, files_problem=" ".join(refused.messages))
        if not request.user.is_authenticated:
            try:
                phone_codes.redeem(
                    phone=data["contact_phone"],
                    purpose=CODE_PURPOSE,
                    code=confirm.cleaned_data["code"],
                    now=now,
                )
            except phone_codes.CodeRefused as refused:
                return self.render_review(form, status=400, code_problem=str(refused))
        service_request, created = open_customer_request(
            user=request.user,
            uploads=uploads,
            client_token=data["token"],
            now=now,
            kind=data["kind"],
            channel=Channel.QR if self.subject.from_qr else Channel.WEB,
            appliance_model=data["appliance_model"],
            unit=data["resolved_unit"],
            serial=data["resolved_serial"],
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
            email=data["email"],
            language=get_language(),
            area=data.get("area"),
            address=data.get("address", ""),
            symptom=data.get("symptom", ""),
            troubleshooting=self.subject.troubleshooting,
        )
        if created:
            messages.success(
                request,
                _("Request %(number)s is open. We will contact you by %(due)s.")
                % {"number": service_request.number, "due": when(service_request.response_due)},
            )
        return redirect(detail_path(service_request))

    def quote_for(self, data, *, today):
        return quote(
            kind=data["kind"],
            appliance_model=data["appliance_model"],
            unit=data["resolved_unit"],
            today=today,
        )

    # -- pages ----------------------------------------------------------------------------

    def context(self) -> dict:
        subject = self.subject
        return {
            "subject": subject,
            # A scanned unit is carried on by its signed code, not its row: the next step
            # must still see the scan, or the request would lose its QR channel.
            "subject_params": {
                "unit": subject.unit.pk if subject.unit and not subject.from_qr else "",
                "model": subject.appliance_model.public_code if subject.appliance_model else "",
                "serial": subject.serial,
                "sig": subject.signature,
                "fault": subject.fault,
                "fault_title": subject.fault_title,
            },
            "appliance_model": subject.known_model,
            "signed_in": self.request.user.is_authenticated,
            "here": self.request.get_full_path(),
        }

    def render_details(self, form, status=200):
        return render(
            self.request, self.details_template, {**self.context(), "form": form}, status=status
        )

    def render_review(self, form, status=200, **extra):
        data = form.cleaned_data
        price = self.quote_for(data, today=timezone.localdate())
        context = {
            **self.context(),
            "form": form,
            "data": data,
            "kind_label": dict(form.fields["kind"].choices).get(data["kind"], data["kind"]),
            "price": price,
            "quote_digest": digest(price),
            "accept": attachments.ACCEPT,
            "max_photos": attachments.MAX_PHOTOS,
            "photo_limit": attachments.PHOTO_MAX_BYTES,
            "video_limit": attachments.VIDEO_MAX_BYTES,
            "masked_phone": mask(data["contact_phone"]),
            "no_unit": data["resolved_unit"] is None,
            "area_name": selectors.area_name(data["area"]) if data.get("area") else "",
            **extra,
        }
        return render(self.request, self.review_template, context, status=status)


def digest(price) -> str:
    """What the review screen showed, to compare with the quote worked out on confirming."""
    contract = price.contract.pk if price.contract is not None else ""
    return f"{price.cover}|{price.callout_fee}|{price.labour}|{price.parts}|{contract}"


def mask(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else phone


def when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'MONTH_DAY_FORMAT')} {time_format(local, 'H:i')}"
