from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from claims import services
from claims.models import Claim
from devdata.demo import DEMO_USERS, load_demo


class Command(BaseCommand):
    help = (
        "Load the worked example (North Korean troops in Russia, October 2024): actors, sources, "
        "claims, statements and verdict history, plus demo users analyst, editor and admin. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no claims yet (used by `make run`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Claim.objects.exists():
            self.stdout.write("The database already holds claims: demo not loaded.")
            return
        summary = load_demo(set_passwords=settings.DEBUG)
        created = ", ".join(f"{n} {kind}" for kind, n in summary.created.items() if n)
        self.stdout.write(
            self.style.SUCCESS(f"Demo loaded: {created}.")
            if created
            else self.style.SUCCESS("Demo already loaded: nothing to change.")
        )
        # The story's projections ("about 10,000 by December 2024") are long due: the review
        # queue asks about them at once rather than after the hourly job's first run.
        due = services.estimates.flag_due_projections()
        if due:
            self.stdout.write(f"{due} due projection(s) wait in the review queue for an outcome.")
        if settings.DEBUG:
            self.stdout.write("Demo users (DEBUG is on; never use these passwords in production):")
            for username, (password, _, _) in DEMO_USERS.items():
                self.stdout.write(f"  {username:8} {password}")
