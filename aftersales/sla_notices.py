"""The SLA job's emails: the staff of the level told, and the customer a promise was broken to.

Each alert is sent once: its `sent_at` is claimed by one conditional UPDATE and released if
the mail server fails, so the retried task (or the job's resend of lost notices) sends it.
Staff read the site's default language; the customer reads the request's.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import compensation, ladder
from .models import ServiceAlert

Step = ServiceAlert.Step
BROKEN = (Step.MISSED_ANSWER, Step.MISSED_ARRIVAL)


def send_alert(*, alert_id: int) -> bool:
    claimed = ServiceAlert.objects.filter(pk=alert_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    alert = ServiceAlert.objects.select_related(
        "request__area", "request__appliance_model", "request__customer", "grant"
    ).get(pk=alert_id)
    try:
        _tell_staff(alert)
        if alert.step in BROKEN:
            _tell_customer(alert)
    except Exception:
        ServiceAlert.objects.filter(pk=alert_id).update(sent_at=None)
        raise
    return True


def _tell_staff(alert: ServiceAlert) -> None:
    recipients = list(ladder.staff_at(alert.level).values_list("email", flat=True))
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(alert)
        subject = _("[%(step)s] Service request %(number)s") % {
            "step": alert.get_step_display(),
            "number": alert.request.number,
        }
        body = render_to_string("aftersales/email/sla_staff.txt", context)
    send_mail(subject, body, None, recipients)


def _tell_customer(alert: ServiceAlert) -> None:
    service_request = alert.request
    email = service_request.email or (
        service_request.customer.email if service_request.customer_id else ""
    )
    if not email:
        return
    with translation.override(service_request.language):
        subject = _("We missed our promise on request %(number)s") % {
            "number": service_request.number
        }
        body = render_to_string("aftersales/email/sla_customer.txt", _context(alert))
    send_mail(subject, body, None, [email])


def _context(alert: ServiceAlert) -> dict:
    grant = alert.grant
    return {
        "alert": alert,
        "request": alert.request,
        "role": alert.get_level_display(),
        "grant": grant,
        "what": compensation.describe(grant.kind, grant.amount) if grant else "",
        "service_phone": settings.AFTERCARE_SERVICE_PHONE,
    }
