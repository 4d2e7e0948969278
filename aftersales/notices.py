"""Messages to the customer at each step of a request, and the day before a visit.

Written first, sent after: `write_for_event` adds one `ServiceNotice` per channel (email when
an address is known, a text to the contact phone) in the transaction of the step itself;
`send_notice` claims a row with one conditional UPDATE and sends it, so a task run twice,
a replayed job or the sweep never sends a row twice. A failure that may pass releases the
claim for the retry; a provider that refuses the message for good leaves it claimed, with
the reason. The text is composed when it is sent, in the request's language.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from groundwork import sms
from groundwork.queue import TRANSIENT_ERRORS

from .models import ServiceBooking, ServiceNotice, ServiceRequest
from .request_links import detail_url

Channel = ServiceNotice.Channel

# Timeline steps the customer hears about, by the step's action: what the notice says.
STEP_NOTICES = {
    "open": "received",
    "answer": "answered",
    "assign": "assigned",
    "reschedule": "moved",
    "requeue": "moved_open",
    "on_the_way": "on_the_way",
    "schedule_call": "call_scheduled",
    "ship_back": "shipped_back",
    "complete": "done",
    "cancel": "cancelled",
}
REMINDER = "reminder"
# A notice written this long ago and still unsent was lost on its way to the queue; older
# than the horizon, it is news nobody needs any more.
LOST_AFTER = datetime.timedelta(minutes=10)
HORIZON = datetime.timedelta(days=2)


def _language(code: str) -> str:
    known = {language for language, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def _recipients(*, email: str, phone: str) -> list[tuple[str, str]]:
    found = []
    if email:
        found.append((Channel.EMAIL, email))
    if phone:
        found.append((Channel.SMS, phone))
    return found


def _request_email(service_request: ServiceRequest) -> str:
    if service_request.email:
        return service_request.email
    customer = service_request.customer if service_request.customer_id else None
    return customer.email if customer is not None else ""


def write_for_event(*, event, service_request: ServiceRequest) -> list[ServiceNotice]:
    """The notices announcing `event`, written now (call it inside the step's transaction)."""
    step = STEP_NOTICES.get(event.action)
    if step is None or not event.customer_visible:
        return []
    now = timezone.now()
    notices = [
        ServiceNotice(
            key=f"event:{event.pk}",
            channel=channel,
            step=step,
            request=service_request,
            event=event,
            recipient=recipient,
            language=_language(service_request.language),
            created_at=now,
        )
        for channel, recipient in _recipients(
            email=_request_email(service_request), phone=service_request.contact_phone
        )
    ]
    return ServiceNotice.objects.bulk_create(notices, ignore_conflicts=True)


def write_reminders(*, today: datetime.date) -> list[int]:
    """Reminders for every visit tomorrow: engineers' visits and shop bookings alike.

    Keyed by the visit and its date, so running again the same day adds nothing, and a visit
    moved to another day gets its reminder for the new one. Returns the unsent notices' ids.
    """
    tomorrow = today + datetime.timedelta(days=1)
    now = timezone.now()
    keys, notices = [], []
    visits = (
        ServiceRequest.objects.filter(status=ServiceRequest.Status.ASSIGNED, slot__date=tomorrow)
        .select_related("customer")
        .only("pk", "email", "contact_phone", "language", "customer__email")
    )
    for visit in visits:
        key = f"reminder:request:{visit.pk}:{tomorrow:%Y-%m-%d}"
        keys.append(key)
        notices += [
            ServiceNotice(
                key=key,
                channel=channel,
                step=REMINDER,
                request=visit,
                recipient=recipient,
                language=_language(visit.language),
                created_at=now,
            )
            for channel, recipient in _recipients(
                email=_request_email(visit), phone=visit.contact_phone
            )
        ]
    bookings = ServiceBooking.objects.filter(
        status=ServiceBooking.Status.BOOKED, slot__date=tomorrow
    ).values(
        "pk", "contact_phone", "customer__email", "customer__member_profile__preferred_language"
    )
    for booking in bookings:
        key = f"reminder:booking:{booking['pk']}:{tomorrow:%Y-%m-%d}"
        keys.append(key)
        notices += [
            ServiceNotice(
                key=key,
                channel=channel,
                step=REMINDER,
                booking_id=booking["pk"],
                recipient=recipient,
                language=_language(booking["customer__member_profile__preferred_language"] or ""),
                created_at=now,
            )
            for channel, recipient in _recipients(
                email=booking["customer__email"] or "", phone=booking["contact_phone"]
            )
        ]
    ServiceNotice.objects.bulk_create(notices, ignore_conflicts=True)
    return list(
        ServiceNotice.objects.filter(key__in=keys, sent_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def unsent(*, now: datetime.datetime) -> list[int]:
    """Notices that should have gone by `now` and have not (their queueing was lost)."""
    return list(
        ServiceNotice.objects.filter(
            sent_at__isnull=True, created_at__range=(now - HORIZON, now - LOST_AFTER)
        ).values_list("pk", flat=True)[:500]
    )


# -- sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    link: str
    template: str
    params: dict


def send_for_event(*, event_id: int) -> int:
    """Send every notice of the step `event_id`; how many went out now.

    Each channel is tried even when another fails for a passing reason; the first such
    error is raised at the end, so the task retries and sends only what is still unsent.
    """
    pending = list(
        ServiceNotice.objects.filter(key=f"event:{event_id}", sent_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    sent, errors = 0, []
    for notice_id in pending:
        try:
            sent += send_notice(notice_id=notice_id)
        except TRANSIENT_ERRORS as error:
            errors.append(error)
    if errors:
        raise errors[0]
    return sent


def send_notice(*, notice_id: int) -> bool:
    """Send one notice unless it has been claimed already; True if it went out now."""
    claimed = ServiceNotice.objects.filter(pk=notice_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    notice = ServiceNotice.objects.select_related(
        "request__engineer",
        "request__slot",
        "request__appliance_model",
        "booking__slot",
    ).get(pk=notice_id)
    if not still_due(notice):
        ServiceNotice.objects.filter(pk=notice_id).update(error="no longer due")
        return False
    try:
        message = compose(notice)
        if notice.channel == Channel.SMS:
            sms.send(
                phone=notice.recipient,
                text=message.text,
                template=message.template,
                params=message.params,
            )
        else:
            with translation.override(notice.language):
                hotline = _("Questions? Call our service hotline %(phone)s.") % {
                    "phone": settings.AFTERCARE_SERVICE_PHONE
                }
            body = f"{message.text}\n\n{message.link}\n\n{hotline}"
            send_mail(message.subject, body, None, [notice.recipient])
    except sms.SmsRefused as refused:
        ServiceNotice.objects.filter(pk=notice_id).update(error=str(refused)[:255])
        return False
    except Exception:
        ServiceNotice.objects.filter(pk=notice_id).update(sent_at=None)
        raise
    return True


def still_due(notice: ServiceNotice) -> bool:
    """A reminder for a visit since cancelled or moved to another day is not sent."""
    if notice.step != REMINDER:
        return True
    day = notice.key.rsplit(":", 1)[-1]
    if notice.request_id:
        visit = notice.request
        return (
            visit.status == ServiceRequest.Status.ASSIGNED
            and visit.slot is not None
            and f"{visit.slot.date:%Y-%m-%d}" == day
        )
    booking = notice.booking
    return booking.status == ServiceBooking.Status.BOOKED and f"{booking.slot.date:%Y-%m-%d}" == day


def _window(slot) -> dict:
    if slot is None:
        return {"date": "", "start": "", "end": ""}
    return {
        "date": date_format(slot.date, "MONTH_DAY_FORMAT"),
        "start": time_format(slot.starts_at, "H:i"),
        "end": time_format(slot.ends_at, "H:i"),
    }


def compose(notice: ServiceNotice) -> Message:
    """Subject, text and link of `notice`, in its language."""
    with translation.override(notice.language):
        if notice.booking_id:
            return _compose_booking_reminder(notice)
        return _compose_request(notice)


def _compose_booking_reminder(notice: ServiceNotice) -> Message:
    booking = notice.booking
    params = {"number": booking.number, "service": booking.service_title, **_window(booking.slot)}
    text = (
        _(
            "Reminder: your %(service)s visit is tomorrow, %(date)s, %(start)s–%(end)s "
            "(booking %(number)s)."
        )
        % params
    )
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("aftersales:bookings")
    subject = _("Your visit tomorrow: %(number)s") % params
    return Message(subject, text, link, "service_reminder", params)


def _compose_request(notice: ServiceNotice) -> Message:
    service_request = notice.request
    engineer = service_request.engineer
    params = {
        "number": service_request.number,
        "kind": service_request.get_kind_display().lower(),
        "engineer": engineer.name if engineer is not None else _("our engineer"),
        "minutes": service_request.eta_minutes or "",
        **_window(service_request.slot),
    }
    link = detail_url(service_request, language=notice.language)
    step = notice.step
    if step == "received":
        due = timezone.localtime(service_request.response_due)
        params["due"] = f"{date_format(due, 'MONTH_DAY_FORMAT')} {time_format(due, 'H:i')}"
        text = _(
            "We have your %(kind)s request %(number)s and will contact you by %(due)s. "
            "Follow it here: %(link)s"
        )
        subject = _("Request %(number)s received")
    elif step == "answered":
        text = _(
            "Our service team has looked at request %(number)s and will arrange the next step "
            "with you."
        )
        subject = _("Request %(number)s answered")
    elif step == "assigned":
        text = _(
            "Engineer %(engineer)s will visit on %(date)s between %(start)s and %(end)s "
            "for request %(number)s."
        )
        subject = _("Request %(number)s: engineer %(engineer)s, %(date)s %(start)s–%(end)s")
    elif step == "moved":
        text = _(
            "Your visit for request %(number)s is now on %(date)s between %(start)s and "
            "%(end)s, with engineer %(engineer)s."
        )
        subject = _("Request %(number)s: visit moved to %(date)s %(start)s–%(end)s")
    elif step == "moved_open":
        text = _(
            "We are moving your visit for request %(number)s and will confirm the engineer "
            "and the time shortly."
        )
        subject = _("Request %(number)s: visit being moved")
    elif step == REMINDER:
        text = _(
            "Reminder: engineer %(engineer)s visits tomorrow, %(date)s, %(start)s–%(end)s "
            "(request %(number)s)."
        )
        subject = _("Your visit tomorrow: %(number)s")
    elif step == "on_the_way":
        if service_request.eta_minutes:
            text = _(
                "Engineer %(engineer)s is on the way and should arrive in about %(minutes)s "
                "minutes (request %(number)s)."
            )
        else:
            text = _("Engineer %(engineer)s is on the way to you (request %(number)s).")
        subject = _("Request %(number)s: engineer on the way")
    elif step == "call_scheduled":
        appointment = service_request.appointment_at
        when = timezone.localtime(appointment) if appointment else None
        params["when"] = (
            f"{date_format(when, 'MONTH_DAY_FORMAT')} {time_format(when, 'H:i')}" if when else ""
        )
        params["call_link"] = service_request.call_link
        text = _("Your video call for request %(number)s is on %(when)s: %(call_link)s")
        subject = _("Request %(number)s: video call on %(when)s")
    elif step == "shipped_back":
        params["tracking"] = service_request.outbound_tracking
        text = _("Your appliance is on its way back (request %(number)s), tracking %(tracking)s.")
        subject = _("Request %(number)s: shipped back")
    elif step == "done":
        # Imported here: the feedback package reads this module's notices at import.
        from .feedback import rating_link

        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        params["rating"] = base + rating_link(service_request, language=notice.language)
        text = _(
            "Request %(number)s is done. Please check and confirm here: %(link)s "
            "How did we do? Rate the visit in one minute: %(rating)s"
        )
        subject = _("Request %(number)s done: please confirm")
    elif step == "cancelled":
        text = _("Request %(number)s is cancelled.")
        subject = _("Request %(number)s cancelled")
    else:  # a step added to STEP_NOTICES without its words: say where it stands
        text = _("Request %(number)s is now: %(status)s.")
        params["status"] = service_request.get_status_display()
        subject = _("Request %(number)s updated")
    params["link"] = link
    return Message(subject % params, text % params, link, f"service_{step}", params)
