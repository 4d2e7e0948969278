"""Count the touchpoint dashboard's days again, e.g. after loading history or fixing data."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from aftersales import touchpoints


class Command(BaseCommand):
    help = "Count the touchpoint dashboard's figures again for a range of days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=touchpoints.HISTORY_DAYS,
            help="How many days back from today (default: %(default)s).",
        )
        parser.add_argument("--from", dest="first", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", help="Last day, YYYY-MM-DD (default: today).")

    def handle(self, *args, days, first, last, **options):
        now = timezone.now()
        today = touchpoints.site_day(now)
        try:
            last_day = datetime.date.fromisoformat(last) if last else today
            first_day = (
                datetime.date.fromisoformat(first)
                if first
                else last_day - datetime.timedelta(days=days)
            )
        except ValueError as bad:
            raise CommandError(f"Not a date: {bad}") from bad
        if days < 0 or first_day > last_day:
            raise CommandError("The first day must not come after the last.")
        rows = touchpoints.rebuild(first=first_day, last=last_day, now=now)
        self.stdout.write(f"Counted {first_day} to {last_day}: {rows} rows.")
