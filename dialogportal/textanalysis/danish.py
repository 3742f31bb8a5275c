"""Danish text normalisation: NFC, tokens, stop words, lemmas and sentence spans."""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma
import stopwordsiso

# The canonical form and sentences need no lemmatiser: they live apart, re-exported here.
from dialogportal.textanalysis.plaintext import normalise as normalise
from dialogportal.textanalysis.plaintext import sentence_spans as sentence_spans
from dialogportal.textanalysis.plaintext import split_sentences as split_sentences

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
