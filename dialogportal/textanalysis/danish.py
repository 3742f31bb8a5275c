"""Danish text normalisation: NFC, tokens, stop words, lemmas and sentence spans."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma
import stopwordsiso

# Words that carry no topic in hearing responses. Surface forms and lemmas both listed, since
# the filter is applied to both.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DOMAIN_STOP_WORDS = _words(
    """
    kommune kommunen kommunens kommuner kommunerne skal skulle bør burde flere mere
    mest mange meget godt god gerne rigtig rigtigt også kan kunne vil ville synes syntes tror
    mener mene bare helt lidt få del måske hvis fordi når fx f.eks bl.a ca osv mv pct altså
    egentlig faktisk virkelig sådan særligt især ting noget nogen nogle ved blive bliver blev
    være er var været have har havde gøre gør gjort får fik kommer komme går gå giver give
    eksempel eksempelvis evt stadig allerede lige hele hel ret vigtigt vigtig derfor dermed
    hvordan hvorfor mens samt både enten hver hvert ingen intet ens andres ville jo nok
    dag år hinanden tak hej venlig hilsen mvh input forslag ide idé synspunkt
    bruge bruger brugt tale taler mangle mangler manglende virke virker stå står finde finder
    lave laver tage tager sætte sætter hjælpe hjælper stedet sted tid folk alting alle andre
    uden inden mellem siden hellere høj lav stor store lille små ny nye nyt gammel gamle
    sige siger se ser vide ved lade lad prøve holde holder betyde betyder ønske ønsker
    """
)

# Greetings, thanks and sign-offs: never a quote, a summary sentence or label material.
BOILERPLATE_WORDS = _words(
    """
    hej hejsa kære goddag mvh vh kh venlig venlige venligst hilsen hilsner hilsener
    held lykke tak tusind takker ordet arbejdet god dejlig go fortsat
    """
)
# A sign-off is boilerplate with whatever name and town follow it (up to a short line).
_SIGNOFF_RE = re.compile(
    r"^\W*((med\s+)?(venlig(e|st)?\s+)?hilsen(er)?|de\s+bedste\s+hilsner|mvh|vh|kh)\b",
    re.IGNORECASE,
)
_SIGNOFF_MAX_WORDS = 12
# Thanks and greetings are boilerplate unless the sentence says something besides.
_GREETING_RE = re.compile(
    r"held\s+og\s+lykke|^\W*(mange\s+|tusind\s+)?tak\b|^\W*(hej|hejsa|kære|goddag)\b",
    re.IGNORECASE,
)
_MIN_CONTENT_WORDS = 3


STOP_WORDS: frozenset[str] = frozenset(
    set(stopwordsiso.stopwords("da")) | set(stopwordsiso.stopwords("en")) | DOMAIN_STOP_WORDS
)

TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)

_MAX_LEMMATISED_LENGTH = 40


def normalise(text: str) -> str:
    """Unicode NFC; the engine's one canonical form of a text."""
    return unicodedata.normalize("NFC", text)


def tokenize(text: str) -> list[str]:
    """Lower-cased word and number tokens of an NFC text; punctuation and emoji dropped."""
    return TOKEN_RE.findall(normalise(text).lower())


@lru_cache(maxsize=500_000)
def lemma(token: str) -> str:
    """The simplemma lemma of one lower-cased token (cached: simplemma is slow per call)."""
    if len(token) > _MAX_LEMMATISED_LENGTH or not token.isalpha():
        return token
    return str(simplemma.lemmatize(token, lang="da")).lower()


def is_stop_word(token: str) -> bool:
    return token in STOP_WORDS or len(token) < 2 or token.isdigit()


def content_lemma(token: str) -> str | None:
    """The lemma of a token, or None when the token or its lemma is a stop word."""
    if is_stop_word(token):
        return None
    lem = lemma(token)
    if lem in STOP_WORDS:
        return None
    return lem


# --- sentences --------------------------------------------------------------------------

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


def is_boilerplate(sentence: str) -> bool:
    """A greeting, thanks or sign-off ("Held og lykke med arbejdet.", "Mvh Hanne", "Tak for
    ordet."): it opens like one and says little else (fewer than three content words)."""
    if _SIGNOFF_RE.search(sentence) and len(sentence.split()) <= _SIGNOFF_MAX_WORDS:
        return True
    if _GREETING_RE.search(sentence) is None:
        return False
    content = [
        t for t in tokenize(sentence) if t not in BOILERPLATE_WORDS and content_lemma(t) is not None
    ]
    return len(content) < _MIN_CONTENT_WORDS


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each a verbatim substring of it."""
    return [text[s:e] for s, e in sentence_spans(text)]
