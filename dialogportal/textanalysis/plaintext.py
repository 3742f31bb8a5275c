"""Danish text without a language model: the canonical form (NFC) and sentence boundaries,
plain regular expressions. Importable where a text is only cut into sentences or compared (the
web process removing personal data from a summary, checking an LLM's citations) without loading
the lemmatiser or numpy. `textanalysis.danish` re-exports these names."""

from __future__ import annotations

import re
import unicodedata


def normalise(text: str) -> str:
    """Unicode NFC; the engine's one canonical form of a text."""
    return unicodedata.normalize("NFC", text)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations after which a period never ends a sentence (lower case, without final period).
_NON_TERMINAL = _words(
    """
    bl.a f.eks fx ca d kl nr jf evt inkl ift dvs mht vedr ang hhv pga iht ifm tlf hr fr dr
    st skt sml el ref ekskl afd adm stk sp jvf vha mf. s p o.a mfl m.fl t.o.m f.o.m h.c
    """
)
# Abbreviations that may end a sentence: split only before a capital letter.
_AMBIGUOUS = _words("pct osv mv m.m etc mio mia kr o.l mm ml km m")
# Postal district letters: "Randers C. Der ..." ends a sentence, "H. C. Andersen" does not.
_POSTAL_DISTRICTS = _words("C N S V Ø K NV NØ SV SØ")

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'»”\u2019)\]]*(?=\s)|\n")
_PREV_TOKEN_RE = re.compile(r"(\S+)\s+(\S+)$|(\S+)$")


def _ends_sentence(text: str, boundary_start: int, boundary_end: int) -> bool:
    mark = text[boundary_start:boundary_end]
    if mark == "\n":
        return True
    rest = text[boundary_end:].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    starts_upper = nxt.isupper() or nxt in "\"'«»“”-\u2013•*("
    if not (starts_upper or nxt.isdigit()):
        return False
    if not mark.startswith("."):
        return True
    head = text[:boundary_start]
    match = _PREV_TOKEN_RE.search(head[-80:])
    if match is None:
        return True
    token = (match.group(2) or match.group(3) or "").lstrip("([\"'«“")
    previous_word = match.group(1) or ""
    low = token.lower()
    if low in _NON_TERMINAL:
        return False
    if low in _AMBIGUOUS:
        return nxt.isupper()
    if len(token) <= 2 and token.isalpha() and token.isupper():
        # An initial, unless it is the postal district after a town name.
        is_town = len(previous_word) > 2 and previous_word.isalpha() and previous_word[0].isupper()
        return token in _POSTAL_DISTRICTS and is_town
    if "." in token and token.replace(".", "").isalpha() and len(token) <= 8:
        return nxt.isupper()
    # "d. 3. 5. klasse", lists of numbers
    return not (token.isdigit() and nxt.isdigit())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, stripped; `text[start:end]` is verbatim."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if _ends_sentence(text, match.start(), match.end()):
            end = match.start() if match.group() == "\n" else match.end()
            spans.append((start, end))
            start = match.end()
    spans.append((start, len(text)))
    result: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        result.append((s + lead, s + lead + len(stripped)))
    return result


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each a verbatim substring of it."""
    return [text[s:e] for s, e in sentence_spans(text)]
