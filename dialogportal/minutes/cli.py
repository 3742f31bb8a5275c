"""``dialogportal import-minutes FILE|DIR [--committee SLUG] [--create-committee] [--dry-run]
[--format json|text]``.

``main`` receives the arguments after the subcommand name. With a FILE, the exit code is 0
when the document was imported (or is already there, or a dry run found nothing wrong), 1 when
it was refused (no save hook wired, or the store refused it), 2 when it could not be read or
understood (the message names the file, the page of a PDF and the line). With a DIR, every
document in it and below is imported on its own, with a progress bar and a summary; the exit
code is 1 if any failed and 2 when the directory holds nothing to import.

This package does not touch the database: the meetings app passes ``store`` (see
:mod:`dialogportal.minutes.batch`).
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path
from typing import TextIO

from dialogportal.minutes.batch import (
    FileResult,
    ImportOutcome,
    ImportRequest,
    KnownHook,
    Outcome,
    Progress,
    StoreHook,
    Summary,
    archive_files,
    import_file,
)
from dialogportal.minutes.errors import MinutesError, Translate, gettext_noop, render
from dialogportal.minutes.export import to_json_dict
from dialogportal.minutes.extract import read_minutes_source
from dialogportal.minutes.report import format_text

__all__ = ["ImportOutcome", "ImportRequest", "Outcome", "StoreHook", "build_parser", "main"]

EXIT_REFUSED = 1
EXIT_UNUSABLE = 2
COMMITTEE_LEVELS = ("city_council", "standing", "main", "sector", "area", "local", "staff_meeting")


def _identity(text: str) -> str:
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dialogportal import-minutes",
        description=(
            "Import existing agendas and minutes (PDF, DOCX, Markdown or text): one file, or "
            "every document in a directory (an archive)."
        ),
    )
    parser.add_argument("path", metavar="FILE|DIR", help="a document, or a directory of them")
    parser.add_argument("--committee", metavar="SLUG", help="the committee to import into")
    parser.add_argument(
        "--create-committee",
        action="store_true",
        help="create the committee named in the document when none has that name",
    )
    parser.add_argument(
        "--committee-level",
        choices=COMMITTEE_LEVELS,
        help="the level of a committee created by --create-committee (default: guessed)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check everything the import checks, and store nothing",
    )
    parser.add_argument(
        "--format", choices=("json", "text"), default="text", help="output of --dry-run"
    )
    parser.add_argument(
        "--show-text",
        action="store_true",
        help="print the text read from FILE with line numbers (what error messages refer to)",
    )
    return parser


def main(
    argv: list[str] | None = None,
    store: StoreHook | None = None,
    *,
    known: KnownHook | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    translate: Translate = _identity,
    is_tty: bool | None = None,
) -> int:
    """Run ``import-minutes``; return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    path = Path(args.path)

    def fail(template: str, code: int, **params: object) -> int:
        message = render(template, params, translate)
        print(f"import-minutes: {translate(gettext_noop('fejl'))}: {message}", file=err)
        return code

    if args.show_text:
        try:
            text = read_minutes_source(path).text
        except MinutesError as error:
            return fail("%(error)s", EXIT_UNUSABLE, error=error.render(translate))
        for number, line in enumerate(text.split("\n"), start=1):
            out.write(f"{number:6}  {line}\n")
        return 0
    run = partial(
        import_file,
        store=store,
        known=known,
        committee_slug=args.committee,
        create_committee=args.create_committee,
        committee_level=args.committee_level,
        dry_run=args.dry_run,
        translate=translate,
    )
    if path.is_dir():
        documents, others = archive_files(path)
        if not documents:
            return fail(
                gettext_noop("%(dir)s indeholder ingen dokumenter at importere (%(kinds)s)"),
                EXIT_UNUSABLE,
                dir=str(path),
                kinds="PDF, DOCX, Markdown, tekst",
            )
        summary = Summary(ignored=others)
        progress = Progress(
            len(documents),
            err,
            is_tty=err.isatty() if is_tty is None else is_tty,
            translate=translate,
        )
        for document in documents:
            result = run(document)
            summary.results.append(result)
            progress.step(result)
        if args.format == "json":
            out.write(json.dumps(summary.as_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write("\n".join(summary.lines(translate, dry_run=args.dry_run)) + "\n")
        return EXIT_REFUSED if summary.failed else 0
    result = run(path)
    return _single(result, args, out, err, translate)


def _single(
    result: FileResult, args: argparse.Namespace, out: TextIO, err: TextIO, translate: Translate
) -> int:
    if result.parsed is not None and args.dry_run:
        if args.format == "json":
            out.write(json.dumps(to_json_dict(result.parsed), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(format_text(result.parsed, args.committee, translate) + "\n")
    if result.status is Outcome.FAILED:
        print(f"import-minutes: {translate(gettext_noop('fejl'))}: {result.message}", file=err)
        return result.code
    if result.message and (not args.dry_run or args.format == "text"):
        out.write(result.message.rstrip("\n") + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
