import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser

from dialogportal.meetings.importing import save_parsed_minutes
from dialogportal.minutes.cli import main as import_minutes_main


class Command(BaseCommand):
    help = (
        "Import an existing agenda or minutes (Markdown, text, PDF, DOCX) into a committee. "
        "Importing the same document twice creates nothing new; a document that cannot be "
        "understood is refused whole, naming the line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--committee", metavar="SLUG")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["file"], "--format", options["format"]]
        if options["committee"]:
            argv += ["--committee", options["committee"]]
        if options["dry_run"]:
            argv.append("--dry-run")
        code = import_minutes_main(
            argv,
            save=save_parsed_minutes,
            stdout=cast(TextIO, self.stdout),
            stderr=cast(TextIO, self.stderr),
        )
        if code:
            sys.exit(code)
