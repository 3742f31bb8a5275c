"""Dataclasses that go into and come out of the text engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True)
class AreaSpec:
    """A focus area the inputs are assigned to."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class InputDoc:
    """One input. `area_id` is the area it was submitted under (None: "other"/unknown).

    `confirmed_area_ids` are areas a moderator confirmed; they are training labels.
    """

    id: str
    text: str
    area_id: str | None = None
    confirmed_area_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnalysisParams:
    """Every knob of a run; stored with the result so a run can be repeated."""

    seed: int = 42
    # assignment
    multi_label_ratio: float = 0.85  # also assign areas scoring >= ratio * best score
    min_area_score: float = 0.05  # below this an extra area is never assigned
    rocchio_weight: float = 0.5  # weight of the confirmed-label centroid at many labels
    rocchio_half_labels: float = 5.0  # labels at which the centroid gets half its weight
    neighbour_weight: float = 0.3  # vote of the nearest confirmed inputs (embedding space)
    neighbour_half_labels: float = 5.0  # labels per area at which the vote has half its weight
    neighbours: int = 5  # confirmed inputs per area that vote
    self_training_rounds: int = 0  # measured: no gain on the dev set, see docs
    self_training_fraction: float = 0.3  # most confident share of inputs per area
    # Shares of the score; renormalised over the spaces present (no embedding backend: the
    # three lexical spaces alone). Measured on the real dev set, see docs/textanalysis.md.
    embedding_weight: float = 0.5  # sentence embeddings (when a backend is given)
    word_weight: float = 0.1  # lemma uni+bigram TF-IDF
    char_weight: float = 0.3  # char 3-5-grams of content words
    concept_weight: float = 0.1  # the concept lexicon (data/lexicon.json); 0 = off
    misplaced_margin: float = 0.25  # best area must beat the submitted one by this much
    # themes
    min_theme_size: int = 3
    theme_cut: float = 0.9  # cut the clustering at this share of the area's median distance
    theme_sample_size: int = 1500  # inputs per area used to fit the clustering
    representatives: int = 5
    # duplicates
    duplicate_threshold: float = 0.9
    campaign_min_size: int = 5
    minhash_permutations: int = 48
    minhash_band_rows: int = 2
    # summaries
    summary_sentences: int = 3
    area_summary_sentences: int = 5
    mmr_lambda: float = 0.7


@dataclass(frozen=True)
class AreaScore:
    area_id: str
    score: float


@dataclass(frozen=True)
class Assignment:
    input_id: str
    areas: tuple[AreaScore, ...]  # best first; more than one when scores are close
    is_confirmed: bool = False


@dataclass(frozen=True)
class SummarySentence:
    """A sentence quoted verbatim from the input `input_id`."""

    sentence: str
    input_id: str


@dataclass(frozen=True)
class Theme:
    area_id: str
    label: str
    keywords: tuple[str, ...]
    input_ids: tuple[str, ...]
    representative_ids: tuple[str, ...]
    summary: tuple[SummarySentence, ...]
    is_other: bool = False

    @property
    def size(self) -> int:
        return len(self.input_ids)


@dataclass(frozen=True)
class AreaSummary:
    area_id: str
    input_count: int
    summary: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class DuplicateGroup:
    input_ids: tuple[str, ...]  # sorted by input order; the first is the representative
    is_campaign: bool


@dataclass(frozen=True)
class MisplacedInput:
    input_id: str
    submitted_area_id: str
    suggested_area_id: str
    margin: float


@dataclass
class AnalysisResult:
    engine_version: str
    backend: str
    params: AnalysisParams
    assignments: list[Assignment]
    themes: list[Theme]
    area_summaries: list[AreaSummary]
    duplicates: list[DuplicateGroup]
    misplaced: list[MisplacedInput]
    counts: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    lexicon: str = ""  # version:digest of the concept lexicon used
    lexicon_uncovered: tuple[str, ...] = ()  # areas whose text the lexicon covers nothing of
