"""Recompute every member's balance from the ledger and report where the stored one differs.

Three sums must agree for each member: the balance kept on the account, the sum of their
ledger entries, and what is left in their lots. Each lot's `remaining` must also equal its
points plus its movements. The running totals the ledger keeps beside the entries (points
by day, points left by expiry date) must equal what the entries add up to. Exits non-zero
when anything differs.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F, Sum, Value
from django.db.models.functions import Coalesce

from membership.models import LedgerEntry, PointsAccount, PointsDay, PointsExpiry
from membership.points.totals import ledger_days, ledger_expiries


class Command(BaseCommand):
    help = "Check each member's points balance against the ledger; non-zero exit on any difference."

    def handle(self, *args, **options):
        stored = dict(PointsAccount.objects.values_list("member_id", "balance"))
        ledger = dict(
            LedgerEntry.objects.order_by()
            .values("member_id")
            .annotate(total=Sum("points"))
            .values_list("member_id", "total")
        )
        in_lots = dict(
            LedgerEntry.objects.filter(remaining__isnull=False)
            .order_by()
            .values("member_id")
            .annotate(total=Sum("remaining"))
            .values_list("member_id", "total")
        )
        differences = 0
        for member_id in sorted(stored.keys() | ledger.keys()):
            balance = stored.get(member_id)
            from_ledger = ledger.get(member_id, 0)
            left = in_lots.get(member_id, 0)
            if balance != from_ledger or from_ledger != left:
                differences += 1
                self.stdout.write(
                    f"member {member_id}: balance {balance}, ledger {from_ledger}, lots {left}"
                )
        broken_lots = (
            LedgerEntry.objects.filter(remaining__isnull=False)
            .annotate(moved=Coalesce(Sum("lot_movements__points"), Value(0)))
            .exclude(remaining=F("points") + F("moved"))
            .values_list("pk", "member_id", "points", "moved", "remaining")
        )
        for pk, member_id, points, moved, remaining in broken_lots:
            differences += 1
            self.stdout.write(
                f"lot {pk} of member {member_id}: {points} earned {moved:+d} moved, "
                f"but {remaining} left"
            )
        differences += self.check_totals()
        if differences:
            raise CommandError(f"{differences} difference(s) between balances and the ledger.")
        self.stdout.write(f"{len(stored)} balances and their running totals agree with the ledger.")

    def check_totals(self) -> int:
        """Report each day or expiry date whose kept totals differ from the entries'."""
        differences = 0
        zero = dict.fromkeys(PointsDay.TOTALS, 0)
        kept_days = {}
        for row in PointsDay.objects.values("member_id", "day", *PointsDay.TOTALS).iterator():
            key = (row.pop("member_id"), row.pop("day"))
            if row != zero:
                kept_days[key] = row
        from_entries = ledger_days(LedgerEntry.objects.all())
        for member_id, day in sorted(kept_days.keys() | from_entries.keys()):
            kept = kept_days.get((member_id, day), zero)
            counted = from_entries.get((member_id, day), zero)
            if kept != counted:
                differences += 1
                wrong = ", ".join(
                    f"{name} {kept[name]} kept, {counted[name]} in the ledger"
                    for name in PointsDay.TOTALS
                    if kept[name] != counted[name]
                )
                self.stdout.write(f"member {member_id}, points of {day}: {wrong}")
        kept_expiries = {
            (member_id, on): n
            for member_id, on, n in PointsExpiry.objects.exclude(points=0).values_list(
                "member_id", "expires_on", "points"
            )
        }
        left_in_lots = ledger_expiries(LedgerEntry.objects.all())
        for member_id, on in sorted(kept_expiries.keys() | left_in_lots.keys()):
            kept, left = kept_expiries.get((member_id, on), 0), left_in_lots.get((member_id, on), 0)
            if kept != left:
                differences += 1
                self.stdout.write(
                    f"member {member_id}, points expiring on {on}: {kept} kept, "
                    f"{left} left in the lots"
                )
        return differences
