"""Ratings of finished jobs: the signed link, the rating, the follow-up of an unhappy one.

The link needs no sign-in: it is signed (django.core.signing) with the job's kind and id,
so it cannot be forged or walked to someone else's job, and it lapses after LINK_MAX_AGE.
One rating per job: the one-to-one fields refuse a second, whatever the page showed.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from membership import points

from ..models import FollowUp, ServiceBooking, ServiceRating, ServiceRequest

SALT = "aftersales.rating-link"
LINK_MAX_AGE = datetime.timedelta(days=60)
FOLLOW_UP_WITHIN = datetime.timedelta(hours=48)
REQUEST, BOOKING = "r", "b"

Job = ServiceRequest | ServiceBooking


class CannotRate(Exception):
    """The job cannot be rated (not finished yet); the message says why."""


class AlreadyRated(CannotRate):
    def __init__(self):
        super().__init__(_("This service has already been rated. Thank you!"))


def _kind_of(job: Job) -> str:
    if isinstance(job, ServiceRequest):
        return REQUEST
    if isinstance(job, ServiceBooking):
        return BOOKING
    raise TypeError(f"Not a service job: {job!r}")


def rating_token(job: Job) -> str:
    return signing.dumps([_kind_of(job), job.pk], salt=SALT)


def _language_of(job: Job) -> str:
    if isinstance(job, ServiceRequest):
        language = job.language
    else:
        profile = getattr(job.customer, "member_profile", None)
        language = profile.preferred_language if profile else settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def rating_link(job: Job, *, language: str | None = None) -> str:
    """The absolute path of `job`'s rating page, in the customer's language.

    The "done" notice prefixes the site's address; the path works without signing in.
    """
    with translation.override(language or _language_of(job)):
        return reverse("feedback:rate", kwargs={"token": rating_token(job)})


def job_for_token(token: str) -> Job | None:
    """The job a rating link names, or None if the link is forged, damaged or too old."""
    try:
        kind, pk = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int):
        return None
    if kind == REQUEST:
        return (
            ServiceRequest.objects.select_related("area", "engineer", "appliance_model")
            .filter(pk=pk)
            .first()
        )
    if kind == BOOKING:
        return (
            ServiceBooking.objects.select_related("slot__area", "assignment__engineer")
            .filter(pk=pk)
            .first()
        )
    return None


def is_finished(job: Job) -> bool:
    if isinstance(job, ServiceRequest):
        return job.status in (ServiceRequest.Status.DONE, ServiceRequest.Status.CONFIRMED)
    return job.status == ServiceBooking.Status.COMPLETED


def existing_rating(job: Job) -> ServiceRating | None:
    field = "service_request" if isinstance(job, ServiceRequest) else "booking"
    return ServiceRating.objects.filter(**{field: job}).first()


def _where_and_who(job: Job):
    if isinstance(job, ServiceRequest):
        return job.area, job.engineer
    assignment = getattr(job, "assignment", None)
    return job.slot.area, assignment.engineer if assignment else None


def rate_job(
    *,
    job: Job,
    punctuality: int,
    attitude: int,
    skill: int,
    tidiness: int,
    nps: int,
    comment: str,
    now: datetime.datetime,
) -> ServiceRating:
    """Record the customer's rating of a finished job, once.

    The customer earns the rating points once (a guest, who has no account, none); an
    unhappy rating opens a follow-up for the area's supervisor, due in 48 hours. Raises
    CannotRate for a job not finished, AlreadyRated for a second rating.
    """
    if not is_finished(job):
        raise CannotRate(_("This service is not finished yet. You can rate it once it is done."))
    area, engineer = _where_and_who(job)
    is_request = isinstance(job, ServiceRequest)
    try:
        with transaction.atomic():
            rating = ServiceRating.objects.create(
                service_request=job if is_request else None,
                booking=None if is_request else job,
                customer=job.customer,
                area=area,
                engineer=engineer,
                punctuality=punctuality,
                attitude=attitude,
                skill=skill,
                tidiness=tidiness,
                nps=nps,
                comment=comment.strip(),
                created_at=now,
            )
            points.award_for_service_rating(
                customer=job.customer, job=f"{'request' if is_request else 'booking'}:{job.pk}"
            )
            if rating.is_detractor:
                FollowUp.objects.create(
                    rating=rating,
                    area=area,
                    owner=area.supervisor if area is not None else None,
                    opened_at=now,
                    due_at=now + FOLLOW_UP_WITHIN,
                )
    except IntegrityError:
        if existing_rating(job) is not None:
            raise AlreadyRated from None
        raise
    return rating


class FollowUpClosed(Exception):
    pass


def record_outcome(
    *, follow_up: FollowUp, outcome: str, note: str, actor, now: datetime.datetime
) -> FollowUp:
    """Close a follow-up with what was done; a closed one is not reopened or overwritten."""
    closed = FollowUp.objects.filter(pk=follow_up.pk, closed_at__isnull=True).update(
        outcome=outcome, outcome_note=note.strip(), closed_at=now, closed_by=actor
    )
    if not closed:
        raise FollowUpClosed(_("This follow-up was already closed."))
    follow_up.refresh_from_db()
    return follow_up
