"""`screen-text FILE`: screen plain text, one document per line, and print JSON lines.

Batch users and the evaluation script use this, with exactly the detectors the moderation queue
uses. The project CLI passes the arguments after its `screen-text` subcommand to `main`.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from dialogportal.screening.detectors import screen_text

EXIT_USAGE = 2


def _documents(text: str) -> Iterator[str]:
    # Lines are split on "\n" only: str.splitlines() would also split on form feeds and U+2028,
    # and the line numbers would no longer match the file a user opens in an editor.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        yield line.removesuffix("\r")


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    return Path(source).read_bytes()


def main(argv: list[str] | None = None) -> int:
    """Run `screen-text`; returns the process exit code."""
    parser = argparse.ArgumentParser(
        prog="dialogportal screen-text",
        description="Screen plain text for CPR numbers, phone numbers and e-mail addresses. "
        'Prints one JSON object per input line: {"line": n, "hits": [...]}.',
    )
    parser.add_argument(
        "file", metavar="FILE", help="UTF-8 text, one document per line; - for stdin"
    )
    arguments = parser.parse_args(argv)
    try:
        data = _read(arguments.file)
    except OSError as error:
        print(
            f"screen-text: cannot read {arguments.file}: {error.strerror or error}", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        print(
            f"screen-text: {arguments.file} is not UTF-8 (line {line}, byte {error.start}); "
            "convert it first, e.g. iconv -f cp1252 -t utf-8",
            file=sys.stderr,
        )
        return EXIT_USAGE
    out = sys.stdout
    # ensure_ascii=False output must not die on a C/POSIX locale.
    if isinstance(out, io.TextIOWrapper) and out.encoding.lower().replace("-", "") != "utf8":
        out.reconfigure(encoding="utf-8")
    try:
        for number, document in enumerate(_documents(text), start=1):
            hits = [
                {"kind": hit.kind, "start": hit.start, "end": hit.end, "text": hit.text}
                for hit in screen_text(document)
            ]
            out.write(json.dumps({"line": number, "hits": hits}, ensure_ascii=False) + "\n")
        out.flush()
    except BrokenPipeError:  # `… | head` closed the pipe; that is not an error
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
