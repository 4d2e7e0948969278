from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_tables2 import A, Column, TemplateColumn
from oscar.core.loading import get_class

from ...models import FeedbackCampaign, FollowUp, MailboxMessage

DashboardTable = get_class("dashboard.tables", "DashboardTable")

ROWS = "aftersales/dashboard/feedback/rows/"


class MailboxTable(DashboardTable):
    number = TemplateColumn(template_name=ROWS + "message_number.html", order_by="number")
    contact = TemplateColumn(
        verbose_name=_("From"), template_name=ROWS + "message_contact.html", orderable=False
    )
    owner = TemplateColumn(
        verbose_name=_("Owner"), template_name=ROWS + "staff_name.html", orderable=False
    )
    reply_due = TemplateColumn(
        verbose_name=_("Reply due"), template_name=ROWS + "message_due.html", order_by="reply_due"
    )
    escalation_level = TemplateColumn(
        verbose_name=_("Escalated to"),
        template_name=ROWS + "message_level.html",
        order_by="escalation_level",
    )

    icon = "fas fa-envelope"
    caption = ngettext_lazy("%d message", "%d messages")

    class Meta(DashboardTable.Meta):
        model = MailboxMessage
        fields = ("number", "created_at", "kind", "topic", "tag", "replied_at")
        sequence = (
            "number",
            "created_at",
            "kind",
            "topic",
            "contact",
            "owner",
            "reply_due",
            "escalation_level",
            "replied_at",
            "tag",
        )
        empty_text = _("No messages found.")


class FollowUpTable(DashboardTable):
    due_at = TemplateColumn(
        verbose_name=_("Due"), template_name=ROWS + "follow_up_due.html", order_by="due_at"
    )
    job = TemplateColumn(
        verbose_name=_("Service job"), template_name=ROWS + "follow_up_job.html", orderable=False
    )
    scores = TemplateColumn(
        verbose_name=_("Scores"), template_name=ROWS + "follow_up_scores.html", orderable=False
    )
    area = Column(verbose_name=_("Area"), order_by="area__code")
    owner = TemplateColumn(
        verbose_name=_("Supervisor"), template_name=ROWS + "staff_name.html", orderable=False
    )
    outcome = Column(verbose_name=_("Outcome"))
    actions = TemplateColumn(
        verbose_name=_("Actions"), template_name=ROWS + "follow_up_actions.html", orderable=False
    )

    icon = "fas fa-phone"
    caption = ngettext_lazy("%d follow-up", "%d follow-ups")

    class Meta(DashboardTable.Meta):
        model = FollowUp
        fields = ("due_at", "area", "outcome")
        sequence = ("due_at", "job", "scores", "area", "owner", "outcome", "actions")
        empty_text = _("No follow-ups found.")


class CampaignTable(DashboardTable):
    name = TemplateColumn(template_name=ROWS + "campaign_name.html", order_by="name")
    tags = TemplateColumn(
        verbose_name=_("Tags"), template_code="{{ record.tags|join:' ' }}", orderable=False
    )
    message_count = Column(verbose_name=_("Messages"), accessor=A("message_count"))
    useful_count = Column(verbose_name=_("Useful suggestions"), accessor=A("useful_count"))

    icon = "fas fa-bullhorn"
    caption = ngettext_lazy("%d campaign", "%d campaigns")

    class Meta(DashboardTable.Meta):
        model = FeedbackCampaign
        fields = ("name", "starts_on", "ends_on", "gift")
        sequence = ("name", "tags", "starts_on", "ends_on", "gift", "message_count", "useful_count")
        empty_text = _("No campaigns yet.")
