"""The text of a Word (DOCX) file, through python-docx and its XML.

The body is read in document order, with its structure as Markdown-like lines: heading styles
("Heading 2", "Overskrift 2", "Title") become ``#`` lines; numbered paragraphs get the number
Word shows (resolved from the numbering definitions, so an automatically numbered heading
"3. Budget" keeps its 3); bulleted paragraphs become ``-`` lines; tables become
``| cell | cell |`` rows; content controls and text boxes are read where they stand.
Headers, footers, footnotes, endnotes and comments are returned apart from the body.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

__all__ = ["WordText", "read_docx"]

_HEADING_STYLE_RE = re.compile(r"^(?:heading|overskrift)\s*(?P<level>[1-6])$", re.IGNORECASE)
_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC, _T, _TAB = qn("w:tr"), qn("w:tc"), qn("w:t"), qn("w:tab")
_BREAKS = {qn("w:br"), qn("w:cr")}
_TEXT_BOX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_VAL = qn("w:val")
_NOTE_PARTS = ("footnotes.xml", "endnotes.xml", "comments.xml")


@dataclass(frozen=True, slots=True)
class WordText:
    body: str
    furniture: tuple[str, ...]


@dataclass
class _Numbering:
    """Word's list numbering: which format each (list, level) has, and the running counters."""

    levels: dict[str, dict[int, tuple[str, int, str]]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, tuple[str, int, str]]] = {}
        for definition in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for level in definition.iterchildren(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                start = level.find(qn("w:start"))
                text = level.find(qn("w:lvlText"))
                levels[int(level.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    int(start.get(_VAL, "1")) if start is not None else 1,
                    text.get(_VAL, "") if text is not None else "",
                )
            abstract[definition.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterchildren(qn("w:num")):
            reference = num.find(qn("w:abstractNumId"))
            if reference is not None:
                numbering.levels[num.get(qn("w:numId"), "")] = abstract.get(
                    reference.get(_VAL, ""), {}
                )
        return numbering

    def label(self, num_id: str, level: int) -> str | None:
        """The number (or "-" for a bullet) Word shows before the next paragraph of a list."""
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return None
        fmt, _, text = levels[level]
        if fmt in {"bullet", "none"}:
            return "-" if fmt == "bullet" else None
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(levels.get(len(counters), ("decimal", 1, ""))[1] - 1)
        counters[level] += 1
        del counters[level + 1 :]
        label = text or f"%{level + 1}."

        def number(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            value = counters[index] if index < len(counters) else 1
            return _format_number(value, levels.get(index, ("decimal", 1, ""))[0])

        return re.sub(r"%([1-9])", number, label).strip() or None


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    digits = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    digits += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for size, letters in digits:
        count, value = divmod(value, size)
        out += letters * count
    return out or "0"


def _run_text(element: Any) -> str:
    """The paragraph's own text (not that of a text box anchored in it)."""
    pieces: list[str] = []
    for node in element.iter(_T, _TAB, *_BREAKS, _TEXT_BOX):
        if node.tag == _TEXT_BOX or any(a.tag == _TEXT_BOX for a in node.iterancestors()):
            continue
        if node.tag == _T:
            pieces.append(node.text or "")
        elif node.tag == _TAB:
            pieces.append("\t")
        else:
            pieces.append(" ")
    return " ".join("".join(pieces).split())


class _BodyReader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _Numbering.of(document)
        self.styles: dict[str, Any] = {}

    def _style(self, style_id: str | None) -> tuple[str, tuple[str, int] | None]:
        """A paragraph style's name and the list numbering it carries, if any."""
        key = style_id or ""
        if key not in self.styles:
            name, numbering = "", None
            try:
                style = self.document.styles.get_by_id(style_id, 1) if style_id else None
            except (KeyError, ValueError):
                style = None
            name = (style.name or "") if style is not None else ""
            depth = 0
            while style is not None and depth < 10:
                num_pr = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                if num_pr is not None:
                    numbering = _num_pr(num_pr)
                    break
                style, depth = style.base_style, depth + 1
            self.styles[key] = (name, numbering)
        result: tuple[str, tuple[str, int] | None] = self.styles[key]
        return result

    def paragraph(self, element: Any) -> Iterator[str]:
        text = _run_text(element)
        p_pr = element.find(qn("w:pPr"))
        style_id = None
        numbering = None
        if p_pr is not None:
            style_element = p_pr.find(qn("w:pStyle"))
            style_id = style_element.get(_VAL) if style_element is not None else None
            num_pr = p_pr.find(qn("w:numPr"))
            numbering = _num_pr(num_pr) if num_pr is not None else None
        name, style_numbering = self._style(style_id)
        numbering = numbering or style_numbering
        label = None
        if numbering is not None and text:
            label = self.numbering.label(*numbering)
        heading = _HEADING_STYLE_RE.match(name)
        if text:
            if heading is not None or name == "Title":
                level = int(heading["level"]) if heading is not None else 1
                number = f"{label} " if label and label != "-" else ""
                yield f"{'#' * level} {number}{text}"
            elif label is not None:
                yield f"{label} {text}"
            elif name.startswith(("List Bullet", "Opstilling med punkttegn")):
                yield f"- {text}"
            else:
                yield text
        for box in element.iter(_TEXT_BOX):
            if any(a.tag == _FALLBACK for a in box.iterancestors()):
                continue  # the same text box again, for old Word versions
            for child in box.iterchildren():
                yield from self.block(child)

    def table(self, element: Any) -> Iterator[str]:
        for row in element.iterchildren(_TR):
            cells: list[str] = []
            for cell in row.iterchildren(_TC):
                value = " ".join(" ".join(self.block(child)) for child in cell.iterchildren())
                value = " ".join(value.replace("|", "/").split())
                if not cells or cells[-1] != value:  # merged cells repeat their text
                    cells.append(value)
            if any(cells):
                yield "| " + " | ".join(cells) + " |"

    def block(self, element: Any) -> Iterator[str]:
        if element.tag == _P:
            yield from self.paragraph(element)
        elif element.tag == _TBL:
            yield from self.table(element)
        elif element.tag == _SDT:
            content = element.find(_SDT_CONTENT)
            if content is not None:
                for child in content.iterchildren():
                    yield from self.block(child)


def _num_pr(element: Any) -> tuple[str, int] | None:
    num_id = element.find(qn("w:numId"))
    level = element.find(qn("w:ilvl"))
    if num_id is None or num_id.get(_VAL) in {None, "0"}:
        return None
    return num_id.get(_VAL), int(level.get(_VAL, "0")) if level is not None else 0


def _plain_paragraphs(element: Any) -> list[str]:
    lines = []
    for paragraph in element.iter(_P):
        if any(a.tag == _FALLBACK for a in paragraph.iterancestors()):
            continue
        text = _run_text(paragraph)
        if text:
            lines.append(text)
    return lines


def read_docx(data: bytes) -> WordText:
    """The body and the furniture of a DOCX file; raises what python-docx raises."""
    document = docx.Document(io.BytesIO(data))
    reader = _BodyReader(document)
    body: list[str] = []
    for child in document.element.body.iterchildren():
        lines = list(reader.block(child))
        if lines:
            body.extend(lines)
            body.append("")
    furniture: list[str] = []
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                furniture.extend(_plain_paragraphs(part._element))
    for package_part in document.part.package.iter_parts():
        if str(package_part.partname).rsplit("/", 1)[-1] in _NOTE_PARTS:
            furniture.extend(_plain_paragraphs(parse_xml(package_part.blob)))
    return WordText("\n".join(body).rstrip("\n"), tuple(furniture))
