import dataclasses
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from dialogportal.textanalysis import AnalysisParams, AreaSpec, InputDoc, SummarySentence
from dialogportal.textanalysis.engine import ENGINE_VERSION, AnalysisInputError, analyse
from dialogportal.textanalysis.summary import verify_citations

LONG_TEXT = " ".join(
    ["Unge ledige mangler lærepladser i virksomhederne.", "Boligerne er for dyre for de unge."]
    * 3500
)  # ~ 50,000 words


def _areas_30() -> list[AreaSpec]:
    topics = [
        "job",
        "bolig",
        "sundhed",
        "skole",
        "trafik",
        "cykel",
        "natur",
        "kultur",
        "sport",
        "ældre",
        "børn",
        "unge",
        "integration",
        "erhverv",
        "turisme",
        "klima",
        "energi",
        "vand",
        "affald",
        "landbrug",
        "biblioteker",
        "musik",
        "handel",
        "tryghed",
        "politi",
        "hospital",
        "tandpleje",
        "psykiatri",
        "handicap",
        "frivillighed",
    ]
    return [AreaSpec(f"a{i}", t.capitalize(), f"Input om {t}.") for i, t in enumerate(topics)]


Case = Callable[[list[AreaSpec], list[InputDoc]], tuple[list[AreaSpec], list[InputDoc]]]
CASES: dict[str, Case] = {
    "empty and one-word texts": lambda a, d: (a, [InputDoc("e", ""), InputDoc("w", "Boliger")]),
    "50,000-word text": lambda a, d: (a, [InputDoc("long", LONG_TEXT), *d[:4]]),
    "English mixed in": lambda a, d: (
        a,
        [*d, InputDoc("en", "We need cheap housing for students. Billige boliger!")],
    ),
    "emoji": lambda a, d: (a, [*d, InputDoc("emo", "🏠🏠 Billige boliger nu! 😡👍")]),
    "only duplicates": lambda a, d: (
        a,
        [InputDoc(str(i), "Byg flere billige boliger.") for i in range(8)],
    ),
    "one focus area": lambda a, d: (a[:1], d),
    "30 focus areas": lambda a, d: (_areas_30(), d),
    "1 input": lambda a, d: (a, [InputDoc("one", "Flere lærepladser til unge ledige.")]),
    "identical areas": lambda a, d: (
        [
            AreaSpec("x", "Boliger", "Billige boliger."),
            AreaSpec("y", "Boliger", "Billige boliger."),
        ],
        d,
    ),
    "no inputs": lambda a, d: (a, []),
}


@pytest.mark.parametrize("case", CASES)
def test_analyse_handles_edge_case_and_cites_verbatim(case, areas, docs):
    areas, docs = CASES[case](areas, docs)
    progress = []
    result = analyse(areas, docs, progress=lambda f, s: progress.append((f, s)))

    assert result.engine_version == ENGINE_VERSION
    assert [a.input_id for a in result.assignments] == [d.id for d in docs]
    area_ids = {a.id for a in areas}
    for assignment in result.assignments:
        assert all(s.area_id in area_ids and 0 <= s.score <= 1 for s in assignment.areas)
    themed = [i for t in result.themes for i in t.input_ids]
    assigned = [a.input_id for a in result.assignments for _ in a.areas]
    assert sorted(themed) == sorted(assigned)  # every assigned input is in a theme or "other"
    sentences = [s for t in result.themes for s in t.summary]
    sentences += [s for a in result.area_summaries for s in a.summary]
    assert verify_citations(sentences, docs) == []
    assert progress[-1][0] == 1.0
    assert [f for f, _ in progress] == sorted(f for f, _ in progress)


def test_empty_text_is_not_assigned_and_counted(areas, docs):
    result = analyse(areas, [InputDoc("e", "   "), *docs])
    assert result.assignments[0].areas == ()
    assert result.counts["empty"] == 1


def test_zero_shot_assigns_clear_inputs_to_their_area(areas, docs):
    result = analyse(areas, docs)
    top = {a.input_id: a.areas[0].area_id for a in result.assignments}
    correct = sum(top[d.id] == d.id.split("-")[0] for d in docs)
    assert correct / len(docs) >= 0.8


def test_confirmed_label_wins_and_is_marked(areas, docs):
    docs[0] = dataclasses.replace(docs[0], confirmed_area_ids=("sundhed",))
    result = analyse(areas, docs)
    assert result.assignments[0].is_confirmed
    assert [s.area_id for s in result.assignments[0].areas] == ["sundhed"]


def test_a_confirmed_label_moves_an_ambiguous_input(areas, docs):
    ambiguous = "Huset ved åen trænger til en kærlig hånd."
    trained = [
        *docs,
        InputDoc("amb", ambiguous),
        InputDoc("lab", "Huset ved åen og de andre huse skal renoveres.", None, ("bolig",)),
    ]
    before = analyse(areas, [*docs, InputDoc("amb", ambiguous)]).assignments[-1]
    after = next(a for a in analyse(areas, trained).assignments if a.input_id == "amb")
    score = {s.area_id: s.score for s in after.areas}
    assert after.areas[0].area_id == "bolig"
    assert score["bolig"] >= {s.area_id: s.score for s in before.areas}.get("bolig", 0)


def test_input_submitted_under_wrong_area_is_reported_misplaced(areas, docs):
    docs.append(InputDoc("wrong", "Billige boliger og renovering af boligerne.", area_id="job"))
    result = analyse(areas, docs)
    misplaced = {m.input_id: m for m in result.misplaced}
    assert misplaced["wrong"].suggested_area_id == "bolig"
    assert "job-0" not in misplaced


def test_runs_are_deterministic(areas, docs):
    docs += [InputDoc(f"c{i}", "Stop lukningen af svømmehallen i Spentrup nu!") for i in range(6)]
    first, second = analyse(areas, docs), analyse(areas, docs)
    first.timings, second.timings = {}, {}
    assert first == second


def test_campaign_copies_with_small_edits_are_one_campaign(areas, docs):
    base = (
        "Bevar svømmehallen i Spentrup! Den er samlingspunkt for hele lokalsamfundet, og uden "
        "den mister børnene deres svømmeundervisning. Vi kræver, at den bevares."
    )
    copies = [
        base,
        base + " Mvh.",
        base.replace("hele", "hele det lille"),
        base.replace("Vi kræver", "Jeg kræver"),
        base + " Hilsen en borger.",
        base,
    ]
    result = analyse(areas, [InputDoc(f"c{i}", t) for i, t in enumerate(copies)] + docs)
    campaigns = [g for g in result.duplicates if g.is_campaign]
    assert [g.input_ids for g in campaigns] == [tuple(f"c{i}" for i in range(6))]


def test_templated_look_alikes_with_other_place_or_number_are_not_merged(areas):
    template = "Vi ønsker en ny legeplads i {} med plads til {} børn og en bænk til forældrene."
    docs = [
        InputDoc("a", template.format("Assentoft", 40)),
        InputDoc("b", template.format("Spentrup", 40)),
        InputDoc("c", template.format("Assentoft", 25)),
        InputDoc("d", template.format("Assentoft", 40)),
    ]
    result = analyse(areas, docs)
    assert [g.input_ids for g in result.duplicates] == [("a", "d")]


def test_themes_have_readable_labels_and_representatives(areas, docs):
    result = analyse(areas, [*docs, *(dataclasses.replace(d, id=d.id + "x") for d in docs)])
    themes = [t for t in result.themes if not t.is_other]
    assert themes
    for theme in themes:
        assert theme.label[:1].isupper()
        assert theme.keywords
        assert set(theme.representative_ids) <= set(theme.input_ids)


def test_verify_citations_reports_sentences_not_in_their_input():
    docs = [InputDoc("1", "Der mangler boliger. Og job."), InputDoc("2", "Noget andet.")]
    good = SummarySentence("Der mangler boliger.", "1")
    wrong_input = SummarySentence("Der mangler boliger.", "2")
    invented = SummarySentence("Der mangler skoler.", "1")
    unknown = SummarySentence("Noget andet.", "3")
    assert verify_citations([good, wrong_input, invented, unknown], docs) == [
        wrong_input,
        invented,
        unknown,
    ]


def test_duplicate_ids_and_missing_areas_are_rejected(areas, docs):
    with pytest.raises(AnalysisInputError):
        analyse([], docs)
    with pytest.raises(AnalysisInputError):
        analyse(areas, [docs[0], docs[0]])


class FakeBackend:
    """A deterministic stand-in for an optional neural package: bag of topic words."""

    name = "fake"
    version = "1"
    words = ("job", "bolig", "motion")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.array(
            [[t.lower().count(w) + 0.01 for w in self.words] for t in texts], dtype=np.float32
        )


def test_embedding_backend_is_combined_and_named(areas, docs):
    docs.append(InputDoc("hint", "Bolig bolig bolig."))
    params = AnalysisParams(embedding_weight=0.9)
    result = analyse(areas, docs, params, backend=FakeBackend())
    assert result.backend == "lexical+fake@1"
    assert result.assignments[-1].areas[0].area_id == "bolig"
    stored = FakeBackend().embed([d.text for d in docs])
    again = analyse(areas, docs, params, backend=FakeBackend(), embeddings=stored)
    assert again.assignments == result.assignments


def test_optional_backends_fail_clearly_when_not_installed():
    from dialogportal.textanalysis.backends import (
        BackendUnavailableError,
        SentenceTransformersBackend,
    )

    try:
        import sentence_transformers  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        with pytest.raises(BackendUnavailableError, match="not installed"):
            SentenceTransformersBackend("/models/e5")
    else:
        pytest.skip("sentence-transformers is installed here")


def test_one_confirmed_input_places_its_near_duplicates(areas, docs):
    text = "Byg flere billige boliger til unge og studerende i midtbyen."
    copies = [
        InputDoc("orig", text, confirmed_area_ids=("sundhed",)),
        InputDoc("copy1", text + " Mvh."),
        InputDoc("copy2", text.replace("billige", "bilige")),
    ]
    result = analyse(areas, [*copies, *docs])
    by_id = {a.input_id: a for a in result.assignments}
    assert by_id["orig"].is_confirmed
    for copy_id in ("copy1", "copy2"):
        assert [s.area_id for s in by_id[copy_id].areas] == ["sundhed"]
        assert not by_id[copy_id].is_confirmed
