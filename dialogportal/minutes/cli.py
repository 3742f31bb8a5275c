"""``dialogportal import-minutes FILE [--committee SLUG] [--dry-run] [--format json|text]``.

``main`` receives the arguments after the subcommand name. Exit codes: 0 done; 1 the parsed
minutes could not be saved (no save hook wired, or the hook refused); 2 the file could not be
read or understood (the message names the line).

This package does not touch the database: the meetings app passes ``save``, a callable that
stores a :class:`ParsedMinutes` for a committee slug and returns a one-line report.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

from dialogportal.minutes.errors import MinutesError
from dialogportal.minutes.export import to_json_dict
from dialogportal.minutes.extract import read_minutes_file
from dialogportal.minutes.parser import ParsedMinutes, parse_minutes

__all__ = ["SaveHook", "build_parser", "format_text", "main"]

SaveHook = Callable[[ParsedMinutes, str | None], str]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dialogportal import-minutes",
        description="Import an existing agenda or minutes (Markdown, text, PDF or DOCX).",
    )
    parser.add_argument("file", help="the document to import")
    parser.add_argument("--committee", metavar="SLUG", help="committee to import into")
    parser.add_argument(
        "--dry-run", action="store_true", help="parse and print the result; save nothing"
    )
    parser.add_argument(
        "--format", choices=("json", "text"), default="text", help="output of --dry-run"
    )
    return parser


def _shorten(text: str | None, width: int = 70) -> str:
    if not text:
        return "-"
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_text(parsed: ParsedMinutes, committee_slug: str | None = None) -> str:
    """A readable summary of what would be imported."""
    when = " ".join(
        part
        for part in (
            parsed.date.isoformat() if parsed.date else "no date",
            parsed.start_time.strftime("%H:%M") if parsed.start_time else "",
        )
        if part
    )
    lines = [
        f"{parsed.kind.capitalize()}: {parsed.committee or '(no committee named)'}",
        f"When:  {when}",
        f"Where: {parsed.location or '-'}",
    ]
    if committee_slug:
        lines.append(f"Into committee: {committee_slug}")
    if parsed.absent or parsed.excused:
        lines.append(f"Absent: {', '.join([*parsed.absent, *parsed.excused])}")
    lines.append(f"Items: {len(parsed.items)}")
    for item in parsed.items:
        flags = " (closed)" if item.closed else ""
        presenter = f" v. {item.presenter}" if item.presenter else ""
        lines.append(f"  {item.number:>4}  {_shorten(item.title)}{presenter}{flags}")
        lines.append(f"        journal number: {item.journal_number or '-'}")
        lines.append(f"        summary:        {_shorten(item.summary)}")
        for clause in item.recommendations:
            lines.append(f"        recommendation: {_shorten(clause)}")
        lines.append(f"        decision:       {_shorten(item.decision)}")
        lines.append(f"        case:           {_shorten(item.case_description)}")
        if item.finances:
            lines.append(f"        finances:       {_shorten(item.finances)}")
        for attachment in item.attachments:
            lines.append(f"        attachment:     {_shorten(attachment)}")
    return "\n".join(lines)


def main(
    argv: list[str] | None = None,
    save: SaveHook | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``import-minutes``; return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        text = read_minutes_file(args.file)
        parsed = parse_minutes(text, source_name=args.file)
    except MinutesError as error:
        print(f"import-minutes: error: {error}", file=err)
        return 2
    if args.dry_run:
        if args.format == "json":
            out.write(json.dumps(to_json_dict(parsed), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(format_text(parsed, args.committee) + "\n")
        return 0
    if save is None:
        print(
            "import-minutes: error: saving to the database is not available here; "
            "use --dry-run to check the document",
            file=err,
        )
        return 1
    try:
        report = save(parsed, args.committee)
    except (MinutesError, LookupError, PermissionError) as error:
        print(f"import-minutes: error: {error}", file=err)
        return 1
    out.write(report.rstrip("\n") + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
