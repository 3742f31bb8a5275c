"""Danish text analysis engine: plain Python, dataclasses in and out, no Django.

The package itself exports only the data types (`AnalysisParams`, `InputDoc`, the result
types), which load nothing heavy. The engine (`textanalysis.engine.analyse`, with numpy and
scipy), the embedding backends (`textanalysis.backends`) and the lemmatiser
(`textanalysis.danish`, simplemma) are imported from their own modules, so that a caller that
needs only the types or the sentence splitter (`textanalysis.sentences`) — the web process —
does not load them (docs/performance.md, cold start)."""

from dialogportal.textanalysis.types import (
    AnalysisParams,
    AnalysisResult,
    AreaScore,
    AreaSpec,
    AreaSummary,
    Assignment,
    DuplicateGroup,
    InputDoc,
    MisplacedInput,
    SummarySentence,
    Theme,
)

__all__ = [
    "AnalysisParams",
    "AnalysisResult",
    "AreaScore",
    "AreaSpec",
    "AreaSummary",
    "Assignment",
    "DuplicateGroup",
    "InputDoc",
    "MisplacedInput",
    "SummarySentence",
    "Theme",
]
