from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogportal.core.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (safe to run again: it only adds what is missing). Refuses with DEBUG "
        "off – a production site must never get demo accounts with a published password – "
        "unless --force says this is a demo site (`dialogportal demo` does)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even with DEBUG off (a local or public demo site, never production)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this looks like a production site: load_demo would create "
                "accounts with a published password. Run it with --force only on a demo site."
            )
        load_demo(log=self.stdout.write)
