"""Staff screens of the feedback loop: the director's mailbox, rating follow-ups, campaigns.

Writes go through aftersales.feedback's services; a refusal becomes a message on the page.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django_tables2 import SingleTableView

from groundwork.queue import enqueue_on_commit

from ...feedback import mailbox, ratings, tasks
from ...models import FeedbackCampaign, FollowUp, MailboxMessage
from ..views import PER_PAGE, FilteredTableView
from . import forms, selectors, tables

# --- The director's mailbox --------------------------------------------------------------


class MailboxListView(FilteredTableView):
    """The inbox, soonest deadline first, with the reply figures of the selection."""

    template_name = "aftersales/dashboard/feedback/mailbox_list.html"
    form_class = forms.MailboxSearchForm
    table_class = tables.MailboxTable
    context_table_name = "messages_table"

    def filter_data(self):
        data = self.request.GET.copy()
        data.setdefault("state", "open")
        return data

    def get_queryset(self):
        self.form = self.form_class(self.filter_data())
        self.figures = None
        if not self.form.is_valid():
            return MailboxMessage.objects.none()
        filters = dict(self.form.cleaned_data)
        state = filters.pop("state")
        selection = selectors.messages_for_staff(user=self.request.user, **filters)
        self.figures = mailbox.reply_figures(selection)
        return selectors.in_state(selection, state, now=timezone.now())

    def get_context_data(self, **kwargs):
        return super().get_context_data(figures=self.figures, now=timezone.now(), **kwargs)


class MailboxDetailView(generic.DetailView):
    template_name = "aftersales/dashboard/feedback/mailbox_detail.html"
    context_object_name = "message"
    queryset = MailboxMessage.objects.select_related(
        "customer",
        "owner",
        "replied_by",
        "useful_marked_by",
        "service_request",
        "unit__appliance_model",
        "order",
        "campaign",
        "area",
    )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("reply_form", forms.ReplyForm())
        escalations = [
            (escalation, mailbox.LEVEL_NAMES[escalation.level])
            for escalation in self.object.escalations.all()
        ]
        return super().get_context_data(
            escalations=escalations,
            level_name=mailbox.LEVEL_NAMES.get(self.object.escalation_level, ""),
            now=timezone.now(),
            **kwargs,
        )


class MailboxReplyView(MailboxDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = message = self.get_object()
        form = forms.ReplyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The reply was not sent; please write it first."))
            return self.render_to_response(self.get_context_data(reply_form=form), status=400)
        try:
            mailbox.reply_to(
                message=message,
                text=form.cleaned_data["reply"],
                actor=request.user,
                now=timezone.now(),
            )
        except mailbox.AlreadyAnswered as refused:
            messages.error(request, str(refused))
        else:
            enqueue_on_commit(tasks.send_mailbox_reply, message.pk)
            messages.success(
                request, _("Reply to %(number)s sent to the customer.") % {"number": message.number}
            )
        return redirect("dashboard:aftersales-mailbox-detail", pk=message.pk)


class MailboxUsefulView(generic.View):
    """Mark a suggestion useful: the sender earns the points once; the campaign's gift is
    granted separately in the compensation catalogue."""

    def post(self, request, pk):
        message = get_object_or_404(MailboxMessage, pk=pk)
        if message.kind != MailboxMessage.Kind.SUGGESTION:
            messages.error(request, _("Only a suggestion can be marked useful."))
        elif mailbox.mark_useful(message=message, actor=request.user, now=timezone.now()):
            messages.success(
                request,
                _("%(number)s is marked as a useful suggestion.") % {"number": message.number},
            )
        else:
            messages.info(request, _("This suggestion was already marked useful."))
        return redirect("dashboard:aftersales-mailbox-detail", pk=message.pk)


# --- Rating follow-ups -----------------------------------------------------------------------


class FollowUpListView(FilteredTableView):
    template_name = "aftersales/dashboard/feedback/follow_up_list.html"
    form_class = forms.FollowUpSearchForm
    table_class = tables.FollowUpTable
    context_table_name = "follow_ups"

    def get_queryset(self):
        self.form = self.form_class(self.filter_data())
        if not self.form.is_valid():
            return FollowUp.objects.none()
        return selectors.follow_ups_for_staff(user=self.request.user, **self.form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


class FollowUpDetailView(generic.DetailView):
    template_name = "aftersales/dashboard/feedback/follow_up_detail.html"
    context_object_name = "follow_up"
    queryset = FollowUp.objects.select_related(
        "area",
        "owner",
        "closed_by",
        "rating__service_request",
        "rating__booking__slot",
        "rating__engineer",
        "rating__customer",
    )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("outcome_form", forms.OutcomeForm())
        return super().get_context_data(now=timezone.now(), **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = follow_up = self.get_object()
        form = forms.OutcomeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The outcome was not recorded; please correct the form."))
            return self.render_to_response(self.get_context_data(outcome_form=form), status=400)
        try:
            ratings.record_outcome(
                follow_up=follow_up,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                actor=request.user,
                now=timezone.now(),
            )
        except ratings.FollowUpClosed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The outcome is recorded and the follow-up closed."))
        return redirect("dashboard:aftersales-follow-up-detail", pk=follow_up.pk)


# --- Feedback campaigns ----------------------------------------------------------------------


class CampaignListView(SingleTableView):
    template_name = "aftersales/dashboard/feedback/campaign_list.html"
    table_class = tables.CampaignTable
    context_table_name = "campaigns"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return selectors.campaigns_for_staff()


class CampaignCreateView(generic.CreateView):
    model = FeedbackCampaign
    form_class = forms.CampaignForm
    template_name = "aftersales/dashboard/feedback/campaign_form.html"

    def get_success_url(self):
        messages.success(self.request, _("Campaign “%(name)s” saved.") % {"name": self.object.name})
        return reverse("dashboard:aftersales-campaign-list")


class CampaignUpdateView(CampaignCreateView, generic.UpdateView):
    pass
