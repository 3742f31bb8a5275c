import unicodedata

import pytest

from dialogportal.textanalysis.danish import content_lemma, normalise, split_sentences, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi har bl.a. talt om ca. 300 boliger. Det er 5 pct. Flere skal med.",
            ["Vi har bl.a. talt om ca. 300 boliger.", "Det er 5 pct.", "Flere skal med."],
        ),
        (
            "Mødet er d. 3. maj kl. 19. Jeg bor i Randers C. Der mangler liv.",
            ["Mødet er d. 3. maj kl. 19.", "Jeg bor i Randers C.", "Der mangler liv."],
        ),
        ("Se f.eks. Aarhus. Det er godt", ["Se f.eks. Aarhus.", "Det er godt"]),
        ("H. C. Andersen skrev eventyr. Godt!", ["H. C. Andersen skrev eventyr.", "Godt!"]),
        ("Hvad så? Ja.\nNy linje uden punktum", ["Hvad så?", "Ja.", "Ny linje uden punktum"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences_survives_danish_abbreviations(text, expected):
    assert split_sentences(text) == expected


def test_every_sentence_is_a_verbatim_substring():
    text = "  Første sætning, bl.a. om job.  Anden sætning!\n\n Tredje 🎉 uden punktum "
    for sentence in split_sentences(text):
        assert sentence in text


def test_tokenize_drops_emoji_and_punctuation_and_keeps_numbers():
    assert tokenize("Børnene 😀 har 3,5 mio. kr.!") == ["børnene", "har", "3,5", "mio", "kr"]


def test_normalise_returns_nfc():
    decomposed = unicodedata.normalize("NFD", "Århus")
    assert normalise(decomposed) == "Århus"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("boligerne", "bolig"),
        ("børnene", "barn"),
        ("lærepladser", "læreplads"),
        ("og", None),
        ("kommunen", None),
        ("the", None),
    ],
)
def test_content_lemma_lemmatises_and_removes_stop_words(token, expected):
    assert content_lemma(token) == expected
