"""Optional suggestions from the municipality's own OpenAI-compatible /v1/chat/completions
endpoint: a theme name and a summary of points (`suggest_theme`), or points only (`summarise`).

Suggestions only: staff see them beside the theme and decide (nothing is stored or published
by this module). The model must back every point with verbatim quotes; quotes that do not occur
in the cited input are dropped and reported, and a point left without a verified quote is
dropped. A suggested name must be one short line with letters in it, or there is none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dialogportal.textanalysis.citations import verify_citations
from dialogportal.textanalysis.types import InputDoc, SummarySentence

if TYPE_CHECKING:
    import httpx

_SYSTEM_PROMPT = (
    "Du opsummerer borgeres og medarbejderes input til en dansk kommune. Svar KUN med JSON: "
    'en liste af objekter {"point": "<én kort dansk sætning>", "citations": '
    '[{"input_id": "<id>", "quote": "<en sætning kopieret ordret fra det input>"}]}. '
    "Hvert punkt skal have mindst ét ordret citat. Opfind intet."
)
_THEME_PROMPT = (
    "Du hjælper en dansk kommune med at navngive og opsummere et tema i borgeres og "
    "medarbejderes input. Svar KUN med ét JSON-objekt: "
    '{"name": "<et kort dansk navneord-udtryk på højst 8 ord, fx Busforbindelser i '
    'landsbyerne>", "points": [{"point": "<én kort dansk sætning>", "citations": '
    '[{"input_id": "<id>", "quote": "<en sætning kopieret ordret fra det input>"}]}]}. '
    "Hvert punkt skal have mindst ét ordret citat. Opfind intet."
)
_MAX_NAME_CHARS = 120
_FENCE_RE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)
_MAX_CHARS_PER_INPUT = 1500


class SummariserError(RuntimeError):
    """The endpoint failed or answered with something that is not the agreed JSON."""


@dataclass(frozen=True)
class AbstractivePoint:
    text: str
    citations: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class AbstractiveSummary:
    model: str
    points: tuple[AbstractivePoint, ...]
    dropped_citations: tuple[SummarySentence, ...]
    dropped_points: tuple[str, ...]


@dataclass(frozen=True)
class ThemeSuggestion:
    model: str
    name: str  # "" when the model gave no usable name
    summary: AbstractiveSummary


class ChatSummariser:
    """Client for the municipality's own OpenAI-compatible server (URL + key)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        model: str = "default",
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = base_url.rstrip("/").removesuffix("/v1") + "/v1/chat/completions"
        self.model = model
        # httpx is imported where the client is made, the documented lazy-loading point: a web
        # process loads it when staff first ask for a suggestion, not at start (cold start,
        # issue #20; docs/performance.md).
        import httpx

        self._client = httpx.Client(
            timeout=timeout, transport=transport, headers={"Authorization": f"Bearer {api_key}"}
        )
        self._http_error: type[Exception] = httpx.HTTPError

    def close(self) -> None:
        self._client.close()

    def _ask(
        self, title: str, docs: Sequence[InputDoc], max_points: int, prompt: str = _SYSTEM_PROMPT
    ) -> str:
        listing = "\n".join(f"[{d.id}] {d.text[:_MAX_CHARS_PER_INPUT]}" for d in docs)
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": prompt},
                {
                    "role": "user",
                    "content": f"Tema: {title}\nHøjst {max_points} punkter.\n\nInput:\n{listing}",
                },
            ],
        }
        try:
            response = self._client.post(self.url, json=body)
            response.raise_for_status()
            payload: Any = response.json()
            return str(payload["choices"][0]["message"]["content"])
        except (self._http_error, KeyError, IndexError, TypeError, ValueError) as exc:
            raise SummariserError(f"summariser endpoint failed: {exc}") from exc

    def summarise(
        self, title: str, docs: Sequence[InputDoc], max_points: int = 5
    ) -> AbstractiveSummary:
        items = _json(self._ask(title, docs, max_points))
        if not isinstance(items, list):
            raise SummariserError("summariser answer is not a JSON list")
        return self._verified(items, docs, max_points)

    def suggest_theme(
        self, title: str, docs: Sequence[InputDoc], max_points: int = 3
    ) -> ThemeSuggestion:
        """A name and a summary for the theme now called `title`, from `docs` (its inputs)."""
        answer = _json(self._ask(title, docs, max_points, _THEME_PROMPT))
        if not isinstance(answer, dict):
            raise SummariserError("summariser answer is not a JSON object")
        points = answer.get("points")
        summary = self._verified(points if isinstance(points, list) else [], docs, max_points)
        return ThemeSuggestion(self.model, _name(answer.get("name")), summary)

    def _verified(
        self, items: list[Any], docs: Sequence[InputDoc], max_points: int
    ) -> AbstractiveSummary:
        points: list[AbstractivePoint] = []
        dropped: list[SummarySentence] = []
        dropped_points: list[str] = []
        for item in items[:max_points]:
            if not isinstance(item, dict) or not isinstance(item.get("point"), str):
                continue
            cited = [
                SummarySentence(str(c.get("quote", "")), str(c.get("input_id", "")))
                for c in item.get("citations") or []
                if isinstance(c, dict)
            ]
            bad = verify_citations(cited, docs)
            dropped.extend(bad)
            good = tuple(c for c in cited if c not in bad)
            if good:
                points.append(AbstractivePoint(item["point"], good))
            else:
                dropped_points.append(item["point"])
        return AbstractiveSummary(self.model, tuple(points), tuple(dropped), tuple(dropped_points))


def _json(content: str) -> Any:
    try:
        return json.loads(_FENCE_RE.sub("", content.strip()))
    except json.JSONDecodeError as exc:
        raise SummariserError(f"summariser did not answer JSON: {exc}") from exc


def _name(value: object) -> str:
    """A usable theme name: one line, with letters, not too long; else ""."""
    if not isinstance(value, str):
        return ""
    name = " ".join(value.split()).strip(" .\"'»«")
    if not name or len(name) > _MAX_NAME_CHARS or not any(ch.isalpha() for ch in name):
        return ""
    return name
