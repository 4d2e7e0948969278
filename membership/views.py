"""The member centre under /<lang>/members/: the signed-in customer's own points only."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from . import selectors
from .forms import HistoryFilterForm
from .rules import reminder_horizon

HISTORY_PER_PAGE = 20


def rewards_url() -> str | None:
    """The rewards catalogue, once its URLs exist (membership.rewards is built alongside)."""
    try:
        return reverse("membership:rewards")
    except NoReverseMatch:
        return None


@never_cache
@login_required
def centre(request):
    today = timezone.localdate()
    centre = selectors.member_centre(request.user, today=today)
    expiry = centre.next_expiry
    context = {
        "centre": centre,
        "standing": centre.standing,
        "expiring_soon": expiry is not None and expiry.on <= reminder_horizon(today),
        "rewards_url": rewards_url(),
    }
    return render(request, "membership/centre.html", context)


@never_cache
@login_required
def history(request):
    form = HistoryFilterForm(request.GET)
    context = {"form": form, "rewards_url": rewards_url()}
    if not form.is_valid():
        # A hand-edited or stale address: say what is wrong, with the form to fix it.
        return render(request, "membership/history.html", context, status=400)
    data = form.cleaned_data
    context["page"] = selectors.history_page(
        request.user,
        kind=data["kind"],
        start=data["start"],
        end=data["end"],
        before=data["before"],
        after=data["after"],
        per_page=HISTORY_PER_PAGE,
    )
    context["first_page"] = not (data["before"] or data["after"])
    return render(request, "membership/history.html", context)
