"""core.text: the one cleaning of free text before it is stored, in every app."""

import pytest

from dialogportal.core.text import clean_line, clean_text


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("", ""),
        ("  Æbler, øl og ål  ", "Æbler, øl og ål"),
        # Decomposed "å" (a + ring) is stored composed, so a search for "å" finds it.
        ("Aarhus og A\u030agade", "Aarhus og Ågade"),
        ("linje 1\r\nlinje 2\rlinje 3", "linje 1\nlinje 2\nlinje 3"),
        # Control characters, zero-width space, direction marks and a BOM are removed …
        ("\ufeffnul\x00byte\u200bog\u200eretning\u202fnu", "nulbyteogretning\u202fnu"),
        # … but tabs and newlines are text.
        ("a\tb\nc", "a\tb\nc"),
        ("<script>alert('x')</script>", "<script>alert('x')</script>"),  # escaped on output
        ("'; DROP TABLE inputs_input; --", "'; DROP TABLE inputs_input; --"),
    ],
)
def test_clean_text_keeps_the_words_and_drops_what_cannot_be_seen(given: str, stored: str) -> None:
    assert clean_text(given) == stored


def test_clean_line_makes_one_line_of_any_white_space() -> None:
    assert clean_line(" Grøn\n\nomstilling \t i  Randers\u2028 ") == "Grøn omstilling i Randers"


def test_clean_text_takes_none_as_empty() -> None:
    # Forms and imports can hand over None for an empty optional field.
    assert clean_text(None) == ""  # type: ignore[arg-type]
