"""Citation checks: every sentence of a summary must occur verbatim in the input it cites.
Plain Python (no numpy), so an LLM's answer can be checked wherever it arrives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dialogportal.textanalysis.plaintext import normalise
from dialogportal.textanalysis.types import InputDoc, SummarySentence


def verify_citations(
    summary: Iterable[SummarySentence], docs: Iterable[InputDoc] | Mapping[str, str]
) -> list[SummarySentence]:
    """The sentences that do NOT occur verbatim in the input they cite (empty: all verified).

    The engine works on the NFC form of each text, so a sentence also counts as verbatim when
    it occurs in the NFC form of its input.
    """
    texts = dict(docs) if isinstance(docs, Mapping) else {d.id: d.text for d in docs}
    failed: list[SummarySentence] = []
    for s in summary:
        text = texts.get(s.input_id, "")
        if not s.sentence.strip() or (s.sentence not in text and s.sentence not in normalise(text)):
            failed.append(s)
    return failed
