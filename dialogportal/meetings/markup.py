"""Section text is stored as written (Markdown-ish, as the minutes parser keeps it). This renders
the small subset Danish minutes use – paragraphs, sub-headings, numbered and bulleted lists,
bold, italics and links – to HTML, escaping everything else. No raw HTML ever passes."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_BULLET_RE = re.compile(r"^\s*[-*•]\s+(.*)$")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC_RE = re.compile(
    r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])|(?<![_\w])_(?!\s)(.+?)(?<!\s)_(?![_\w])"
)
_AUTOLINK_RE = re.compile(r"&lt;(https?://[^\s&]+?)&gt;")
_LINK_RE = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)")


def _inline(text: str) -> str:
    html = str(escape(text))
    html = _LINK_RE.sub(lambda m: f'<a href="{m[2]}">{m[1]}</a>', html)
    html = _AUTOLINK_RE.sub(lambda m: f'<a href="{m[1]}">{m[1]}</a>', html)
    html = _BOLD_RE.sub(lambda m: f"<strong>{m[1] or m[2]}</strong>", html)
    return _ITALIC_RE.sub(lambda m: f"<em>{m[1] or m[2]}</em>", html)


def _strip_emphasis(text: str) -> str:
    return re.sub(r"^[*_]+|[*_]+$", "", text.strip()).strip()


@dataclass(frozen=True)
class Block:
    """A block of section text, for renderers that are not HTML (DOCX)."""

    kind: str  # "heading", "paragraph", "numbered", "bullet"
    text: str
    level: int = 0
    number: int = 0


def blocks(text: str) -> list[Block]:
    """Split section text into headings, paragraphs and list items."""
    result: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            result.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if heading := _HEADING_RE.match(line):
            flush()
            result.append(Block("heading", _strip_emphasis(heading[2]), level=len(heading[1])))
        elif numbered := _NUMBERED_RE.match(line):
            flush()
            result.append(Block("numbered", numbered[2], number=int(numbered[1])))
        elif bullet := _BULLET_RE.match(line):
            flush()
            result.append(Block("bullet", bullet[1]))
        else:
            paragraph.append(line)
    flush()
    return result


def plain(text: str) -> str:
    """Inline markup removed, for DOCX runs and feeds."""
    return re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", text)


def to_html(text: str, *, heading_level: int = 4) -> SafeString:
    """Render section text; sub-headings start at `heading_level` (h4 below an item's h3)."""
    out: list[str] = []
    open_list = ""
    for block in blocks(text):
        wanted = {"numbered": "ol", "bullet": "ul"}.get(block.kind, "")
        if open_list and wanted != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if wanted and not open_list:
            start = f' start="{block.number}"' if wanted == "ol" and block.number != 1 else ""
            out.append(f"<{wanted}{start}>")
            open_list = wanted
        if block.kind == "heading":
            level = min(6, heading_level + max(0, block.level - 3))
            out.append(f"<h{level}>{_inline(block.text)}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{_inline(block.text)}</p>")
        else:
            out.append(f"<li>{_inline(block.text)}</li>")
    if open_list:
        out.append(f"</{open_list}>")
    return mark_safe("\n".join(out))  # noqa: S308 - every text run above went through escape()
