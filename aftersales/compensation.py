"""The compensation catalogue: points, extra months of cover, a free cleaning, a coupon, a gift.

Staff grant within their role's caps (`grant`); the SLA job grants what the service promise
publishes for a broken promise (`grant_for_breach`). Either way the grant is one row under a
unique key, written in the same transaction as what it gives, so a key granted twice gives
once: points go to the ledger under "grant:<key>" (its unique source key), months of cover
extend the unit's cover, vouchers are issued by the membership rewards code that already
issues the shop's reward vouchers (it sits below this app, so no callable or signal is
needed, and no Oscar offer table is written from here).
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from membership import points
from membership.models import MemberProfile
from membership.rewards import offers
from membership.services import ensure_profile

from . import ladder
from .coverage import warranty_end
from .models import (
    CompensationCap,
    CompensationGrant,
    CompensationKind,
    CompensationReason,
    GrantRole,
    RegisteredUnit,
    ServiceRequest,
    StaffLevel,
    WarrantyContract,
)

Kind = CompensationKind
Rule = CompensationGrant.Rule
ONE_DAY = datetime.timedelta(days=1)
COUPON_VALID_DAYS = 180
CLEANING_VALID_DAYS = 365
# Stored in English on the ledger entry and translated where it is shown.
LEDGER_REASON = gettext_noop("Compensation from the service desk")
RULE_REASONS = {
    Rule.RESPONSE: CompensationReason.MISSED_ANSWER,
    Rule.ARRIVAL: CompensationReason.MISSED_ARRIVAL,
}


class GrantRefused(Exception):
    """A grant the rules do not allow; the message says why, in the staff member's language."""


def describe(kind: str, amount: int) -> str:
    """ "200 points", "3 extra months of cover"…: what the customer receives, in words."""
    if kind == Kind.POINTS:
        return ngettext("%(n)s point", "%(n)s points", amount) % {"n": amount}
    if kind == Kind.COVER_MONTHS:
        return ngettext("%(n)s extra month of cover", "%(n)s extra months of cover", amount) % {
            "n": amount
        }
    if kind == Kind.CLEANING_VOUCHER:
        return ngettext("%(n)s free cleaning visit", "%(n)s free cleaning visits", amount) % {
            "n": amount
        }
    if kind == Kind.COUPON:
        return _("a coupon of ¥%(n)s") % {"n": amount}
    return _("a gift worth ¥%(n)s") % {"n": amount}


# --- Caps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allowance:
    """What a role may still give of one kind on one case."""

    kind: str
    per_grant: int
    per_case: int
    given: int

    @property
    def left(self) -> int:
        return max(min(self.per_grant, self.per_case - self.given), 0)

    def get_kind_display(self) -> str:
        return str(Kind(self.kind).label)


def given_on(service_request: ServiceRequest) -> dict[str, int]:
    """The amounts granted on the case so far, per kind (every grant, whoever made it)."""
    rows = (
        CompensationGrant.objects.filter(service_request=service_request)
        .values("kind")
        .annotate(total=Sum("amount"))
    )
    return {row["kind"]: row["total"] for row in rows}


def allowances(*, level: int, service_request: ServiceRequest) -> list[Allowance]:
    caps = {cap.kind: cap for cap in CompensationCap.objects.filter(level=level)}
    given = given_on(service_request)
    return [
        Allowance(
            kind=kind,
            per_grant=caps[kind].per_grant if kind in caps else 0,
            per_case=caps[kind].per_case if kind in caps else 0,
            given=given.get(kind, 0),
        )
        for kind in Kind.values
    ]


def check_cap(*, level: int, kind: str, amount: int, service_request: ServiceRequest) -> None:
    """Raise GrantRefused unless `level` may grant `amount` of `kind` on this case now."""
    role = StaffLevel(level).label
    cap = CompensationCap.objects.filter(level=level, kind=kind).first()
    if cap is None or cap.per_grant == 0:
        raise GrantRefused(
            _("As %(role)s you may not grant %(kind)s; ask the next level up.")
            % {"role": str(role).lower(), "kind": str(Kind(kind).label).lower()}
        )
    if amount > cap.per_grant:
        raise GrantRefused(
            _(
                "%(amount)s is above what you may grant at once as %(role)s (%(cap)s); "
                "ask the next level up."
            )
            % {
                "amount": describe(kind, amount),
                "role": str(role).lower(),
                "cap": describe(kind, cap.per_grant),
            }
        )
    given = given_on(service_request).get(kind, 0)
    if given + amount > cap.per_case:
        raise GrantRefused(
            _(
                "This case has already had %(given)s; with %(amount)s more it would pass "
                "what you may grant on one case as %(role)s (%(cap)s)."
            )
            % {
                "given": describe(kind, given),
                "amount": describe(kind, amount),
                "role": str(role).lower(),
                "cap": describe(kind, cap.per_case),
            }
        )


# --- Granting ------------------------------------------------------------------------------


def grant(
    *,
    service_request: ServiceRequest,
    kind: str,
    amount: int,
    reason: str,
    granted_by,
    key: str,
    now: datetime.datetime,
    note: str = "",
) -> tuple[CompensationGrant, bool]:
    """A staff member's grant on a case, within their role's caps: (grant, made now).

    `key` is the form's own token, so the same form sent twice grants once (the second
    call returns the first grant and False). The case row is locked while the caps are
    checked, so two staff granting on one case at once cannot both pass the case limit.
    """
    level = ladder.level_of(granted_by)
    if level is None:
        raise GrantRefused(_("You may not grant compensation."))
    if amount <= 0:
        raise GrantRefused(_("A grant is at least 1."))
    existing = CompensationGrant.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        ServiceRequest.objects.select_for_update().filter(pk=service_request.pk).first()
        check_cap(level=level, kind=kind, amount=amount, service_request=service_request)
        made = _write(
            key=key,
            service_request=service_request,
            rule=Rule.NONE,
            kind=kind,
            amount=amount,
            reason=reason,
            note=note,
            granted_by=granted_by,
            role=ladder.role_of(level),
            now=now,
        )
    if made is None:  # the same form, a moment earlier, in another process
        return CompensationGrant.objects.get(key=key), False
    return made, True


def breach_key(service_request: ServiceRequest, rule: str) -> str:
    return f"sla-{rule}:{service_request.number}"


def grant_for_breach(
    *, service_request: ServiceRequest, rule: str, promise, now: datetime.datetime
) -> CompensationGrant | None:
    """What `promise` publishes for breaking `rule` on this request, granted as the system
    (no cap: the rule's own amount); None when this promise was already compensated."""
    if CompensationGrant.objects.filter(service_request=service_request, rule=rule).exists():
        return None
    return _write(
        key=breach_key(service_request, rule),
        service_request=service_request,
        rule=rule,
        kind=promise.compensation,
        amount=promise.compensation_amount,
        reason=RULE_REASONS[rule],
        note="",
        granted_by=None,
        role=GrantRole.SYSTEM,
        now=now,
    )


def _write(*, key, service_request, rule, kind, amount, reason, note, granted_by, role, now):
    """The grant row and what it gives, together or not at all; None if the key or the
    broken promise was granted already (the unique constraints decide)."""
    try:
        with transaction.atomic():
            row = CompensationGrant.objects.create(
                key=key,
                service_request=service_request,
                rule=rule,
                kind=kind,
                amount=amount,
                reason=reason,
                note=note,
                granted_by=granted_by,
                role=role,
                created_at=now,
                status=CompensationGrant.Status.DELIVERED,
            )
            _deliver(row, service_request=service_request, today=timezone.localdate(now))
            row.save()
            return row
    except IntegrityError:
        if CompensationGrant.objects.filter(key=key).exists() or (
            rule
            and CompensationGrant.objects.filter(
                service_request=service_request, rule=rule
            ).exists()
        ):
            return None
        raise


# --- Delivery ------------------------------------------------------------------------------


def _customer_of(service_request: ServiceRequest):
    if service_request.customer_id:
        return service_request.customer
    if service_request.unit_id:
        return service_request.unit.owner
    profile = (
        MemberProfile.objects.filter(phone=service_request.contact_phone)
        .select_related("user")
        .first()
    )
    return profile.user if profile is not None else None


def _deliver(row: CompensationGrant, *, service_request: ServiceRequest, today) -> None:
    customer = _customer_of(service_request)
    row.customer = customer
    if row.kind == Kind.POINTS:
        if customer is None:
            _owed(row, _("No member account to credit yet: credit the points when they join."))
            return
        points.award(
            member=ensure_profile(user=customer, language=service_request.language),
            points=row.amount,
            source_key=row.ledger_source_key,
            reason=LEDGER_REASON,
            actor=row.granted_by,
            today=today,
        )
        row.delivery_note = _("Credited to the member's points.")
    elif row.kind == Kind.COVER_MONTHS:
        if service_request.unit_id is None:
            _owed(row, _("No registered unit to extend yet: extend it once it is registered."))
            return
        row.cover_until, row.delivery_note = extend_cover(
            unit=service_request.unit, months=row.amount, today=today
        )
    elif row.kind == Kind.CLEANING_VOUCHER:
        offer = offers.free_cleaning_offer()
        valid_until = today + datetime.timedelta(days=CLEANING_VALID_DAYS)
        codes = [
            offers.issue_voucher(offer=offer, valid_until=valid_until).code
            for _n in range(row.amount)
        ]
        row.voucher_codes = " ".join(codes)
        row.delivery_note = _("Voucher codes, valid until %(date)s.") % {"date": valid_until}
    elif row.kind == Kind.COUPON:
        valid_until = today + datetime.timedelta(days=COUPON_VALID_DAYS)
        voucher = offers.issue_voucher(
            offer=offers.amount_off_offer(row.amount), valid_until=valid_until
        )
        row.voucher_codes = voucher.code
        row.delivery_note = _("Coupon code, valid until %(date)s.") % {"date": valid_until}
    else:
        row.delivery_note = _("To be sent by the service desk.")


def _owed(row: CompensationGrant, why: str) -> None:
    row.status = CompensationGrant.Status.PENDING
    row.delivery_note = why


def extend_cover(*, unit: RegisteredUnit, months: int, today: datetime.date):
    """Add `months` of cover after whatever covers the unit last (or from today if nothing
    does any more): the latest contract in force is lengthened, else the base warranty.
    Returns (the new last day, a note saying what changed)."""
    unit = RegisteredUnit.objects.select_for_update().get(pk=unit.pk)
    latest = unit.contracts.in_force().order_by("-ends_on", "-pk").first()
    covered_until = unit.base_warranty_end
    if latest is not None and latest.ends_on > covered_until:
        covered_until = latest.ends_on
    new_end = warranty_end(max(covered_until, today - ONE_DAY) + ONE_DAY, months)
    if latest is not None and latest.ends_on >= unit.base_warranty_end:
        WarrantyContract.objects.filter(pk=latest.pk).update(ends_on=new_end)
        return new_end, _("Contract %(number)s now ends on %(date)s.") % {
            "number": latest.number,
            "date": new_end,
        }
    RegisteredUnit.objects.filter(pk=unit.pk).update(base_warranty_end=new_end)
    return new_end, _("Base warranty now ends on %(date)s.") % {"date": new_end}
