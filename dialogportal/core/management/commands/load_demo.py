from typing import Any

from django.core.management.base import BaseCommand

from dialogportal.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data (safe to run again: it only adds what is missing)."

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo(log=self.stdout.write)
