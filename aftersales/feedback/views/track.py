"""Track progress by phone number and name, without an account: /<lang>/service/track/.

A wrong phone, a wrong name and no request at all get the very same page. Each lookup
counts against the client's address and against the phone number (ten in ten minutes
each), so neither one address trying many phones nor many addresses trying one phone
gets far; the limits refuse when the cache cannot count, as they guard personal data.
The address, the engineer and the notes show only once a code texted to the phone comes
back, and stay shown for that session for a short while.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from groundwork import throttle
from groundwork.client_ip import client_ip

from ... import phone_codes
from .. import lookup, proof
from ..forms import CodeForm, LookupForm
from ..phones import mask

PURPOSE = "track"
LOOKUP_KEY = "track-lookup"
TRIES = 10
WINDOW_SECONDS = 10 * 60
TEMPLATE = "aftersales/feedback/track.html"


def allowed(*, request, phone: str | None) -> bool:
    """Count this lookup against the address, then the phone; False past either limit."""
    if not throttle.allow(
        key=f"track-ip:{client_ip(request)}",
        limit=TRIES,
        window_seconds=WINDOW_SECONDS,
        when_unavailable=False,
    ):
        return False
    if phone is None:
        return True
    return throttle.allow(
        key=f"track-phone:{phone}",
        limit=TRIES,
        window_seconds=WINDOW_SECONDS,
        when_unavailable=False,
    )


def _stored_lookup(request) -> tuple[str, str] | None:
    stored = proof.recall_value(request, key=LOOKUP_KEY)
    if not stored:
        return None
    phone, name = stored.get("phone"), stored.get("name")
    if isinstance(phone, str) and isinstance(name, str):
        return phone, name
    return None


def _page(request, *, form, phone=None, name=None, status=200, code_form=None, problem=""):
    looked_up = phone is not None
    proven = looked_up and proof.proven_phone(request, purpose=PURPOSE) == phone
    jobs = lookup.find(phone=phone, name=name, with_details=proven) if looked_up else []
    context = {
        "form": form,
        "looked_up": looked_up,
        "jobs": jobs,
        "proven": proven,
        "masked_phone": mask(phone) if jobs else "",
        "code_form": code_form or CodeForm(),
        "problem": problem,
    }
    return render(request, TEMPLATE, context, status=status)


class TrackView(View):
    def get(self, request):
        if request.GET.get("new") == "1":
            proof.drop_value(request, key=LOOKUP_KEY)
            return _page(request, form=LookupForm())
        stored = _stored_lookup(request)
        if stored is None:
            return _page(request, form=LookupForm())
        phone, name = stored
        return _page(
            request, form=LookupForm(initial={"phone": phone, "name": name}), phone=phone, name=name
        )

    def post(self, request):
        form = LookupForm(request.POST)
        valid = form.is_valid()
        phone = form.cleaned_data.get("phone")  # counted even when the name is missing
        if not allowed(request=request, phone=phone):
            return _page(
                request,
                form=LookupForm(),
                status=429,
                problem=_(
                    "Too many lookups in a short time. Please wait ten minutes and try "
                    "again, or call us."
                ),
            )
        if not valid:
            return _page(request, form=form, status=400)
        name = form.cleaned_data["name"]
        proof.remember_value(request, key=LOOKUP_KEY, value={"phone": phone, "name": name})
        return _page(request, form=form, phone=phone, name=name)


class SendTrackCodeView(View):
    """Text a code to the phone of the current lookup, if that lookup found something."""

    def post(self, request):
        stored = _stored_lookup(request)
        if stored is None:
            messages.error(request, _("Look up your service first."))
            return redirect("feedback:track")
        phone, name = stored
        if not lookup.find(phone=phone, name=name):
            return redirect("feedback:track")
        try:
            phone_codes.send(
                phone=phone,
                purpose=PURPOSE,
                text=_(
                    "Your Aftercare code is %(code)s. It shows your service details and "
                    "expires in 10 minutes."
                ),
                now=timezone.now(),
            )
        except phone_codes.CodeRefused as refused:
            form = LookupForm(initial={"phone": phone, "name": name})
            return _page(
                request, form=form, phone=phone, name=name, status=429, problem=str(refused)
            )
        messages.success(request, _("We texted a code to %(phone)s.") % {"phone": mask(phone)})
        return redirect("feedback:track")


class VerifyTrackCodeView(View):
    def post(self, request):
        stored = _stored_lookup(request)
        if stored is None:
            messages.error(request, _("Look up your service first."))
            return redirect("feedback:track")
        phone, name = stored
        code_form = CodeForm(request.POST)
        form = LookupForm(initial={"phone": phone, "name": name})
        if not code_form.is_valid():
            return _page(
                request, form=form, phone=phone, name=name, code_form=code_form, status=400
            )
        try:
            phone_codes.redeem(
                phone=phone,
                purpose=PURPOSE,
                code=code_form.cleaned_data["code"],
                now=timezone.now(),
            )
        except phone_codes.CodeRefused as refused:
            return _page(
                request,
                form=form,
                phone=phone,
                name=name,
                code_form=code_form,
                status=400,
                problem=str(refused),
            )
        proof.remember(request, purpose=PURPOSE, phone=phone)
        return redirect("feedback:track")
