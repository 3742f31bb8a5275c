import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext

from dialogportal.meetings.importing import known_file, store_request
from dialogportal.minutes.cli import COMMITTEE_LEVELS
from dialogportal.minutes.cli import main as import_minutes_main


class Command(BaseCommand):
    help = (
        "Import existing agendas and minutes (PDF, DOCX, Markdown, text): one FILE, or every "
        "document in a DIR (an archive) with a progress bar and a summary. The same file twice "
        "changes nothing; a document that cannot be understood is refused whole, naming the "
        "file and line. Exit codes: 0 done, 1 refused (or, for a DIR, any file failed), "
        "2 unreadable input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="FILE|DIR")
        parser.add_argument("--committee", metavar="SLUG")
        parser.add_argument("--create-committee", action="store_true")
        parser.add_argument("--committee-level", choices=COMMITTEE_LEVELS)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument("--show-text", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["path"], "--format", options["format"]]
        if options["committee"]:
            argv += ["--committee", options["committee"]]
        if options["committee_level"]:
            argv += ["--committee-level", options["committee_level"]]
        for flag in ("create_committee", "dry_run", "show_text"):
            if options[flag]:
                argv.append("--" + flag.replace("_", "-"))
        stderr = cast(TextIO, self.stderr)
        code = import_minutes_main(
            argv,
            store=store_request,
            known=known_file,
            stdout=cast(TextIO, self.stdout),
            stderr=stderr,
            translate=gettext,
            is_tty=self.stderr.isatty(),
        )
        if code:
            sys.exit(code)
