from django.core.management.base import BaseCommand

from portal.demo.builder import build


class Command(BaseCommand):
    help = (
        "Load realistic demo data: appliance models, the shop's plans, services and parts, "
        "bilingual pages and one account per role. Safe to run again: it adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing on success.")

    def handle(self, *args, quiet=False, **options):
        summary = build()
        if quiet:
            return
        counts = ", ".join(f"{number} {name}" for name, number in summary.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {counts}."))
        self.stdout.write("")
        rows = [("Role", "Login email", "Password", "Sign in at")]
        rows += [
            (a.role, a.email, summary.password, summary.sign_in_url(a.where))
            for a in summary.accounts
        ]
        self._table(rows)
        self.stdout.write("")
        self._table([("Place", "Address"), *summary.places()])

    def _table(self, rows):
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for i, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
