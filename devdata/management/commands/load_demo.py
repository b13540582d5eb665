from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services
from claims.models import Claim
from devdata.demo import DEMO_USERS, load_demo, reset_demo_passwords


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
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=(
                "Give the demo users their documented passwords again and print them, loading "
                "nothing (only with DEBUG on: `make demo-passwords`)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset_passwords"]:
            self.reset_passwords()
            return
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
            self.print_passwords(list(DEMO_USERS))

    def reset_passwords(self) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo passwords are known to everyone: they are set only with DEBUG on. "
                "Set a real password with `manage.py changepassword <username>`."
            )
        reset = reset_demo_passwords()
        if not reset:
            raise CommandError("No demo user exists yet: run `make demo` to load the demo.")
        self.print_passwords(reset)

    def print_passwords(self, usernames: list[str]) -> None:
        self.stdout.write("Demo users (DEBUG is on; never use these passwords in production):")
        for username in usernames:
            self.stdout.write(f"  {username:8} {DEMO_USERS[username][0]}")
