import pytest

from dialogportal.textanalysis import AnalysisParams, AreaSpec, InputDoc, features
from dialogportal.textanalysis.engine import analyse
from dialogportal.textanalysis.lexicon import CONCEPT_NAMES, concepts_of


def _names(lemma: str, surface: str = "") -> set[str]:
    return {CONCEPT_NAMES[c] for c, _ in concepts_of(lemma, surface)}


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("lejlighed", {"bolig"}),
        ("boligselskab", {"bolig"}),  # compound head unknown, modifier "bolig"
        ("sprogcenter", {"sprog"}),
        ("idrætsdag", {"motion"}),  # modifier with a linking -s
        ("kaffekop", set()),
    ],
)
def test_concepts_cover_whole_words_and_compounds(lemma, expected):
    assert _names(lemma) >= expected
    if not expected:
        assert _names(lemma) == set()


def test_input_without_a_shared_word_reaches_its_area_through_the_lexicon(areas, docs):
    extra = InputDoc("husleje", "Huslejen for en toværelses lejlighed er alt for høj.")
    result = analyse(areas, [*docs, extra])
    assert result.assignments[-1].areas[0].area_id == "bolig"


def test_concept_weight_zero_takes_the_lexicon_out_of_the_scores(areas, docs, monkeypatch):
    extra = InputDoc("husleje", "Huslejen for en toværelses lejlighed er alt for høj.")
    given = [*docs, extra]
    default = analyse(areas, given)
    off = analyse(areas, given, AnalysisParams(concept_weight=0.0))
    # The same runs with a lexicon that knows no word at all.
    monkeypatch.setattr(features, "concepts_of", lambda lem, surface="": ())
    default_without = analyse(areas, given)
    off_without = analyse(areas, given, AnalysisParams(concept_weight=0.0))
    # At the default weight the lexicon moves the scores; switched off it moves nothing.
    assert default.assignments != default_without.assignments
    assert off.assignments == off_without.assignments


def test_areas_outside_the_lexicon_still_get_inputs():
    areas = [
        AreaSpec("a", "Kirkegårde", "Gravsteder, kapeller og urnehaver."),
        AreaSpec("b", "Gode boliger", "Billige boliger og renovering."),
    ]
    texts = ["Flere urnehaver og pæne gravsteder på kirkegården."] * 3 + [
        "Billige boliger til unge.",
        "Renovering af boligerne i blokkene.",
        "Lejlighederne er fugtige.",
    ]
    docs = [InputDoc(str(i), t) for i, t in enumerate(texts)]
    result = analyse(areas, docs)
    assert result.assignments[0].areas[0].area_id == "a"
    assert result.assignments[5].areas[0].area_id == "b"
