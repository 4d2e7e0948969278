"""What the feedback screens list, each queryset joining what its table prints."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ...models import FeedbackCampaign, FollowUp, MailboxMessage


def messages_for_staff(
    *,
    user,
    text: str = "",
    kind: str = "",
    topic: str = "",
    owner: str = "",
    campaign: FeedbackCampaign | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[MailboxMessage]:
    """The inbox before the state filter: the reply figures are of this selection."""
    found = MailboxMessage.objects.select_related("owner", "campaign").order_by("reply_due", "pk")
    if text := text.strip():
        found = found.filter(
            Q(number__icontains=text)
            | Q(contact_phone__contains=text)
            | Q(contact_name__icontains=text)
            | Q(customer__email__icontains=text)
            | Q(body__icontains=text)
        )
    if kind:
        found = found.filter(kind=kind)
    if topic:
        found = found.filter(topic=topic)
    if owner == "mine":
        found = found.filter(owner=user)
    elif owner == "none":
        found = found.filter(owner__isnull=True)
    if campaign is not None:
        found = found.filter(campaign=campaign)
    if date_from:
        found = found.filter(created_at__date__gte=date_from)
    if date_to:
        found = found.filter(created_at__date__lte=date_to)
    return found


def in_state(messages: QuerySet[MailboxMessage], state: str, *, now) -> QuerySet[MailboxMessage]:
    if state == "open":
        return messages.filter(replied_at__isnull=True)
    if state == "overdue":
        return messages.filter(replied_at__isnull=True, reply_due__lt=now)
    if state == "answered":
        return messages.filter(replied_at__isnull=False).order_by("-replied_at", "-pk")
    return messages


def follow_ups_for_staff(
    *, user, state: str = "", mine: bool = False, area=None
) -> QuerySet[FollowUp]:
    now = timezone.now()
    found = FollowUp.objects.select_related(
        "area",
        "owner",
        "rating__service_request",
        "rating__booking",
        "rating__engineer",
    )
    if state == "closed":
        found = found.filter(closed_at__isnull=False).order_by("-closed_at", "-pk")
    elif state == "overdue":
        found = found.filter(closed_at__isnull=True, due_at__lt=now)
    elif state != "all":
        found = found.filter(closed_at__isnull=True)
    if mine:
        found = found.filter(owner=user)
    if area is not None:
        found = found.filter(area=area)
    return found


def campaigns_for_staff() -> QuerySet[FeedbackCampaign]:
    return FeedbackCampaign.objects.annotate(
        message_count=Count("messages"),
        useful_count=Count("messages", filter=Q(messages__useful=True)),
    ).order_by("-starts_on", "pk")
