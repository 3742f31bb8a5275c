"""Theme labels: short noun phrases from the members' own words, never a lone frame word, name
or verb form when something better is shared, never a run of nouns, never a genitive alone."""

import pytest

from dialogportal.textanalysis.labels import LabelContext, theme_label

# Filler inputs in two other areas, so that word spread over areas can be measured.
OTHER_AREAS = [
    ("Flere cykelstier langs landevejen og bedre belysning.", 1),
    ("Cykelstien ved skolen er farlig om morgenen.", 1),
    ("Bussen kører for sjældent til landsbyerne.", 1),
    ("Børnehaven mangler pædagoger og legeplads.", 2),
    ("Legepladsen ved børnehaven er slidt.", 2),
    ("Pædagogerne i børnehaven har for travlt.", 2),
]


def label(theme_texts: list[str], extra: list[tuple[str, int]] | None = None) -> str:
    texts = [*theme_texts, *(t for t, _a in OTHER_AREAS), *(t for t, _a in extra or [])]
    areas = [0] * len(theme_texts) + [a for _t, a in OTHER_AREAS] + [a for _t, a in extra or []]
    context = LabelContext(texts, areas, 3)
    text, phrases = theme_label(context, list(range(len(theme_texts))))
    assert text
    assert phrases
    return text


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # The one-word best phrase grows into the phrase the members write it in.
        (
            [
                "Renovering af veje i midtbyen er nødvendig.",
                "Vi ønsker renovering af veje i landsbyerne.",
                "Renovering af veje bør komme før nye projekter.",
            ],
            "Renovering af veje",
        ),
        # A modifier that the members share stays with its noun.
        (
            [
                "Farligt affald skal kunne afleveres tæt på.",
                "Der mangler en ordning for farligt affald.",
                "Indsamling af farligt affald fra husstandene.",
            ],
            "Farligt affald",
        ),
    ],
)
def test_a_label_is_the_noun_phrase_the_members_share(texts: list[str], expected: str) -> None:
    assert label(texts) == expected


def test_a_lone_genitive_is_written_without_it() -> None:
    texts = [
        "Varmeværkets takster stiger igen i år.",
        "Varmeværks bestyrelse har hævet taksterne.",
        "Varmeværks regnskab viser et overskud.",
    ]
    assert label(texts).lower() in {"varmeværk", "takst", "taksterne", "takster"}
    assert not label(texts).endswith("værks")


def test_three_nouns_in_a_row_are_no_label() -> None:
    texts = [
        "Spørgetid skriftlige spørgsmål fra borgerne.",
        "Spørgetid skriftlige spørgsmål om veje.",
        "Spørgetid og mundtlige spørgsmål.",
    ]
    assert label(texts).lower() != "spørgetid skriftlige spørgsmål"


def test_a_frame_word_alone_loses_to_what_the_members_are_about() -> None:
    # "salg af …" opens a phrase in all its uses (here and in other areas): a frame word.
    texts = ["Salg af grunden ved havnen.", "Salg af pakhuset ved havnen.", "Salg af skolen."]
    extra = [("Salg af bussen.", 1), ("Salg af legepladsen.", 2)]
    assert label(texts, extra).lower().startswith("havn")


def test_a_lone_place_name_loses_to_a_shared_topic() -> None:
    texts = [
        "I Vejle mangler der parkering.",
        "Parkering i Vejle er for dyr.",
        "Vejle har for få busser.",
    ]
    assert label(texts).lower().startswith("parkering")
