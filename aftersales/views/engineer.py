"""The engineer's phone page under /<lang>/engineer/: today's jobs, and each job's steps.

An engineer sees their own jobs only: every lookup goes through `rounds.job_of(engineer,
number)`, so another engineer's job number is a 404, not a 403 that would confirm it
exists. The page speaks the engineer's language: /engineer/ (no language in the address,
the link engineers are given) sends them to their preferred language, and any prefixed
page speaks the language in its address, as every customer page does.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from .. import phone_codes, rounds
from ..job_forms import DoneForm, OnTheWayForm, PartFormSet
from ..models import Engineer
from ..services import work
from ..services.bookings import CannotChange
from ..services.parts import PartsShort
from ..services.requests import OutOfOrder

PERMISSION = "aftersales.work_servicerequest"
REFUSALS = (OutOfOrder, CannotChange, PartsShort)
# The day page also lists the jobs of the days after today, so a week is in view.
DAYS_AHEAD = 6


def preferred_language(user) -> str | None:
    profile = getattr(user, "member_profile", None) if user.is_authenticated else None
    language = getattr(profile, "preferred_language", None)
    return language if language in dict(settings.LANGUAGES) else None


def engineer_entry(request):
    """/engineer/: the engineer's page in their language (their preference, else the browser's)."""
    language = preferred_language(request.user) or translation.get_language_from_request(request)
    with translation.override(language):
        return redirect(reverse("engineer:day"))


class EngineerView(View):
    """Signed in, allowed to work on jobs, and an engineer: else the sign-in page or 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.engineer = Engineer.objects.filter(user=request.user).first()
        if self.engineer is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_job(self, number: str) -> rounds.Job:
        job = rounds.job_of(self.engineer, number)
        if job is None:
            raise Http404
        return job


class DayView(EngineerView):
    template_name = "aftersales/engineer/day.html"

    def get(self, request):
        language = preferred_language(request.user)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language and not chosen and language != translation.get_language():
            # Nobody picked a language on this phone yet: speak the engineer's own.
            return redirect(translate_url(request.get_full_path(), language))
        today = timezone.localdate()
        jobs = rounds.day_of(self.engineer, today)
        coming = rounds.days_after(self.engineer, today, days=DAYS_AHEAD)
        context = {"engineer": self.engineer, "today": today, "jobs": jobs, "coming": coming}
        return render(request, self.template_name, context)


class JobView(EngineerView):
    template_name = "aftersales/engineer/job.html"

    def get(self, request, number: str):
        return self.show(request, self.get_job(number))

    def show(self, request, job, *, eta_form=None, done_form=None, parts=None, status=200):
        context = {
            "job": job,
            "eta_form": eta_form or OnTheWayForm(),
            "done_form": done_form or DoneForm(for_booking=not job.is_request),
            "parts": parts or PartFormSet(prefix="parts"),
            "fault_photos": (
                job.record.attachments.filter(stage="fault") if job.is_request else []
            ),
        }
        return render(request, self.template_name, context, status=status)

    def refused(self, request, number: str, problem: str, status: int = 409, **forms):
        messages.error(request, problem)
        return self.show(request, self.get_job(number), status=status, **forms)


class OnTheWayView(JobView):
    http_method_names = ["post"]

    def post(self, request, number: str):
        job = self.get_job(number)
        form = OnTheWayForm(request.POST)
        if not form.is_valid():
            return self.show(request, job, eta_form=form, status=400)
        try:
            work.set_off(
                assignment=job.assignment,
                eta_minutes=form.cleaned_data["eta_minutes"],
                actor=request.user,
                now=timezone.now(),
            )
        except REFUSALS as refusal:
            return self.refused(request, number, str(refusal))
        messages.success(request, _("The customer is told you are on your way."))
        return redirect("engineer:job", number=number)


class ArrivedView(JobView):
    http_method_names = ["post"]

    def post(self, request, number: str):
        job = self.get_job(number)
        try:
            work.arrive(assignment=job.assignment, actor=request.user, now=timezone.now())
        except REFUSALS as refusal:
            return self.refused(request, number, str(refusal))
        messages.success(request, _("Arrival recorded."))
        return redirect("engineer:job", number=number)


class AskForCodeView(JobView):
    http_method_names = ["post"]

    def post(self, request, number: str):
        job = self.get_job(number)
        language = job.record.language if job.is_request else settings.LANGUAGE_CODE
        with translation.override(language):
            text = _(
                "Aftercare: the engineer has finished job %(number)s. If you are satisfied, "
                "give them this code: %(code)s. It is valid for 10 minutes."
            ) % {"number": job.number, "code": "%(code)s"}
        try:
            work.ask_for_code(assignment=job.assignment, now=timezone.now(), text=text)
        except phone_codes.CodeRefused as refusal:
            return self.refused(request, number, str(refusal), status=429)
        messages.success(
            request,
            _("A code was texted to the customer's phone ending %(end)s.")
            % {"end": job.contact_phone[-4:]},
        )
        return redirect("engineer:job", number=number)


class DoneView(JobView):
    http_method_names = ["post"]

    def post(self, request, number: str):
        job = self.get_job(number)
        form = DoneForm(request.POST, request.FILES, for_booking=not job.is_request)
        parts = PartFormSet(request.POST, prefix="parts")
        if not form.is_valid() or not parts.is_valid():
            messages.error(request, _("The job is not done yet; please correct the form."))
            return self.show(request, job, done_form=form, parts=parts, status=400)
        data = form.cleaned_data
        try:
            work.complete(
                assignment=job.assignment,
                resolution=data.get("resolution", ""),
                labour_minutes=data.get("labour_minutes"),
                parts=parts.lines(),
                photos=data.get("photos") or (),
                signature_png=data.get("signature_png"),
                code=data.get("code", ""),
                actor=request.user,
                now=timezone.now(),
            )
        except phone_codes.CodeRefused as refusal:
            form.add_error("code", str(refusal))
            return self.show(request, self.get_job(number), done_form=form, parts=parts, status=400)
        except ValidationError as error:
            form.add_error(None, error)
            return self.show(request, self.get_job(number), done_form=form, parts=parts, status=400)
        except REFUSALS as refusal:
            return self.refused(request, number, str(refusal), done_form=form, parts=parts)
        messages.success(request, _("Job %(number)s is done. Thank you!") % {"number": number})
        return redirect("engineer:day")


class FileView(EngineerView):
    """A photo the customer sent with their request, for the engineer on the job only."""

    def get(self, request, number: str, pk: int):
        job = self.get_job(number)
        if not job.is_request:
            raise Http404
        attachment = job.record.attachments.filter(pk=pk).first()
        if attachment is None:
            raise Http404
        response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
        response["Cache-Control"] = "private, no-store"
        return response
