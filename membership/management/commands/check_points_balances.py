"""Recompute every member's balance from the ledger and report where the stored one differs.

Three sums must agree for each member: the balance kept on the account, the sum of their
ledger entries, and what is left in their lots. Each lot's `remaining` must also equal its
points plus its movements. Exits non-zero when anything differs.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F, Sum, Value
from django.db.models.functions import Coalesce

from membership.models import LedgerEntry, PointsAccount


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
        if differences:
            raise CommandError(f"{differences} difference(s) between balances and the ledger.")
        self.stdout.write(f"{len(stored)} balances agree with the ledger.")
