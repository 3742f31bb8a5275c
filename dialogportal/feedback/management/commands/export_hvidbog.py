"""`dialogportal export-hvidbog --process SLUG --format pdf|docx|html --out FILE`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogportal.feedback import exports, queries
from dialogportal.processes.models import Process

FORMATS = ("pdf", "docx", "html")


class Command(BaseCommand):
    help = "Skriv hvidbogen for en proces som PDF, Word (DOCX) eller HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--process", required=True, help="processens korte navn (slug)")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("--out", required=True, help="filen, der skrives")

    def handle(self, *args: Any, **options: Any) -> None:
        process = Process.objects.filter(slug=options["process"]).first()
        if process is None:
            raise CommandError(
                f"Der findes ingen proces med det korte navn »{options['process']}«."
            )
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"Mappen {out.parent} findes ikke.")
        book = queries.hvidbog(process)
        fmt = options["fmt"]
        if fmt == "pdf":
            out.write_bytes(exports.hvidbog_pdf(book))
        elif fmt == "docx":
            out.write_bytes(exports.hvidbog_docx(book))
        else:
            out.write_text(exports.hvidbog_html(book, for_print=True), encoding="utf-8")
        self.stdout.write(
            f"Hvidbogen for »{process.title}« ({book.received_count} input) er skrevet til {out}."
        )
