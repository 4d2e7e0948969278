"""The rating page a finished job's "done" notice links to: no sign-in, one submission."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from groundwork.queue import enqueue_on_commit

from .. import ratings, tasks
from ..forms import RatingForm

TEMPLATE = "aftersales/feedback/rate.html"


class RateView(View):
    def dispatch(self, request, *args, token: str, **kwargs):
        self.job = ratings.job_for_token(token)
        if self.job is None:
            return render(
                request,
                TEMPLATE,
                {
                    "problem": _(
                        "This rating link is not valid or has expired. If you copied it from a "
                        "message, check that the whole link was copied."
                    )
                },
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if ratings.existing_rating(self.job) is not None:
            return self.page(request, already=True)
        if not ratings.is_finished(self.job):
            return self.page(
                request,
                problem=_("This service is not finished yet. You can rate it once it is done."),
                status=409,
            )
        return self.page(request, form=RatingForm())

    def post(self, request):
        form = RatingForm(request.POST)
        if ratings.existing_rating(self.job) is not None:
            return self.page(request, already=True, status=409)
        if not form.is_valid():
            return self.page(request, form=form, status=400)
        try:
            rating = ratings.rate_job(job=self.job, now=timezone.now(), **form.cleaned_data)
        except ratings.AlreadyRated:
            return self.page(request, already=True, status=409)
        except ratings.CannotRate as refused:
            return self.page(request, problem=str(refused), status=409)
        follow_up = getattr(rating, "follow_up", None)
        if follow_up is not None:
            enqueue_on_commit(tasks.notify_follow_up, follow_up.pk)
        return self.page(request, thanks=True, rating=rating)

    def page(self, request, *, status=200, **context):
        context.setdefault("job", self.job)
        context["title"] = _job_title(self.job)
        return render(request, TEMPLATE, context, status=status)


def _job_title(job) -> str:
    if hasattr(job, "service_title"):
        return job.service_title
    return f"{job.get_kind_display()} · {job.appliance_model.display_name}"
