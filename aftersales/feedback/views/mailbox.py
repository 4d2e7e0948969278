"""The director's mailbox for customers: write in, and read the replies ("My messages").

Signed-in customers write straight away; a guest first proves their phone with a texted
code, and their messages and replies are then shown to that phone for a short while.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from groundwork.personal_names import full_name
from groundwork.whole_numbers import page_number

from ... import phone_codes
from ...models import FeedbackCampaign, MailboxMessage
from .. import mailbox, proof
from ..forms import CodeForm, GuestPhoneForm, MailboxForm
from ..phones import mask

PURPOSE = "mailbox"
GUEST_KEY = "mailbox-guest"
MESSAGES_PER_PAGE = 20


def _guest(request) -> tuple[str, str] | None:
    """(phone, name) of a guest who proved their phone for the mailbox, or None."""
    phone = proof.proven_phone(request, purpose=PURPOSE)
    stored = proof.recall_value(request, key=GUEST_KEY)
    if phone is None or not stored or stored.get("phone") != phone:
        return None
    return phone, stored.get("name") or ""


def _campaign_tags(today) -> list[str]:
    running = FeedbackCampaign.objects.filter(starts_on__lte=today, ends_on__gte=today)
    return [tag for campaign in running for tag in campaign.tags if tag]


class WriteView(View):
    template_name = "aftersales/feedback/mailbox_write.html"

    def get(self, request):
        guest = _guest(request)
        if not request.user.is_authenticated and guest is None:
            return confirm_phone(request)
        return self.write(request, self.form(request, guest))

    def post(self, request):
        guest = _guest(request)
        if not request.user.is_authenticated and guest is None:
            return confirm_phone(request, status=403)
        form = self.form(request, guest, data=request.POST)
        if not form.is_valid():
            return self.write(request, form, status=400)
        data = form.cleaned_data
        user = request.user if request.user.is_authenticated else None
        message = mailbox.post_message(
            kind=data["kind"],
            topic=data["topic"],
            body=data["body"],
            customer=user,
            contact_name=(full_name(user) if user else guest[1])[:64],
            contact_phone="" if user else guest[0],
            email=data.get("email") or "",
            language=translation.get_language(),
            service_request=data.get("service_request"),
            order=data.get("order_number"),
            unit=data.get("unit"),
            tag=data.get("tag") or "",
            now=timezone.now(),
        )
        messages.success(
            request,
            _(
                "Thank you. Your message %(number)s has reached %(owner)s, who will reply "
                "within 48 hours."
            )
            % {"number": message.number, "owner": _owner_name(message)},
        )
        return redirect("feedback:my-message", number=message.number)

    def form(self, request, guest, data=None):
        return MailboxForm(
            data,
            user=request.user,
            guest_phone=guest[0] if guest else "",
            campaign_tags=_campaign_tags(timezone.localdate()),
        )

    def write(self, request, form, status=200):
        return render(request, self.template_name, {"form": form}, status=status)


def confirm_phone(request, *, status=200, phone_form=None, code_form=None, problem=""):
    """The guest's first step: name and phone, then the code texted to that phone."""
    stored = proof.recall_value(request, key=GUEST_KEY) or {}
    context = {
        "phone_form": phone_form or GuestPhoneForm(initial=stored),
        "code_form": code_form or CodeForm(),
        "code_sent_to": mask(stored["phone"]) if isinstance(stored.get("phone"), str) else "",
        "problem": problem,
    }
    return render(request, "aftersales/feedback/mailbox_phone.html", context, status=status)


def _owner_name(message: MailboxMessage) -> str:
    owner = message.owner
    if owner is None:
        return _("our customer care team")
    return full_name(owner) or owner.get_username()


class SendMailboxCodeView(View):
    def post(self, request):
        form = GuestPhoneForm(request.POST)
        if not form.is_valid():
            return confirm_phone(request, phone_form=form, status=400)
        phone, name = form.cleaned_data["phone"], form.cleaned_data["name"]
        try:
            phone_codes.send(
                phone=phone,
                purpose=PURPOSE,
                text=_(
                    "Your Aftercare code is %(code)s. Use it to write to our director's "
                    "mailbox; it expires in 10 minutes."
                ),
                now=timezone.now(),
            )
        except phone_codes.CodeRefused as refused:
            return confirm_phone(request, phone_form=form, status=429, problem=str(refused))
        proof.remember_value(request, key=GUEST_KEY, value={"phone": phone, "name": name})
        messages.success(request, _("We texted a code to %(phone)s.") % {"phone": mask(phone)})
        return redirect("feedback:mailbox")


class VerifyMailboxCodeView(View):
    def post(self, request):
        stored = proof.recall_value(request, key=GUEST_KEY) or {}
        phone = stored.get("phone")
        code_form = CodeForm(request.POST)
        if not isinstance(phone, str):
            return confirm_phone(request, status=400, problem=_("Ask for a code first."))
        if not code_form.is_valid():
            return confirm_phone(request, code_form=code_form, status=400)
        try:
            phone_codes.redeem(
                phone=phone,
                purpose=PURPOSE,
                code=code_form.cleaned_data["code"],
                now=timezone.now(),
            )
        except phone_codes.CodeRefused as refused:
            return confirm_phone(request, code_form=code_form, status=400, problem=str(refused))
        proof.remember(request, purpose=PURPOSE, phone=phone)
        return redirect("feedback:mailbox")


def _messages_of(request):
    """The signed-in customer's messages, or those of the guest's proved phone."""
    if request.user.is_authenticated:
        return MailboxMessage.objects.owned_by(request.user)
    guest = _guest(request)
    if guest is None:
        return None
    return MailboxMessage.objects.filter(customer__isnull=True, contact_phone=guest[0])


class MyMessagesView(View):
    template_name = "aftersales/feedback/my_messages.html"

    def get(self, request):
        found = _messages_of(request)
        if found is None:
            return redirect("feedback:mailbox")
        found = found.select_related("service_request", "unit__appliance_model", "order").order_by(
            "-created_at", "-pk"
        )
        page = Paginator(found, MESSAGES_PER_PAGE).get_page(page_number(request))
        return render(request, self.template_name, {"page_obj": page, "rows": page.object_list})


class MyMessageView(View):
    template_name = "aftersales/feedback/my_message.html"

    def get(self, request, number: str):
        found = _messages_of(request)
        if found is None:
            return redirect("feedback:mailbox")
        message = get_object_or_404(
            found.select_related("service_request", "unit__appliance_model", "order", "owner"),
            number=number,
        )
        return render(
            request, self.template_name, {"message": message, "owner_name": _owner_name(message)}
        )
