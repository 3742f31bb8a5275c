"""PDF of a 40-item minutes document (target: at most 2 s on 2 cores).

    uv run python benchmarks/minutes_pdf.py

Builds the document in memory (no database) the way `publication.build_document` does and runs
the same `document_pdf` as the web page, against a file cache in a temporary directory (the
default deployment). Reports the median of several runs of a cold render (cache cleared: what
the worker does once per approval) and of a cached one (what a reader then waits for)."""

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")
os.environ.setdefault("SECRET_KEY", "benchmark")
os.environ.setdefault("CACHE_URL", f"filecache://{tempfile.mkdtemp(prefix='minutes-pdf-')}")

import django

django.setup()

import logging  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.WARNING)

import pydyf  # noqa: E402
from django.core.cache import cache  # noqa: E402

from dialogportal.meetings.document import (  # noqa: E402
    DocAttachment,
    DocItem,
    DocMeeting,
    DocRecommendation,
    DocSection,
)
from dialogportal.meetings.exports import document_pdf  # noqa: E402

PARAGRAPH = (
    "Forvaltningen har gennemgået sagen og vurderer, at forslaget kan gennemføres inden for "
    "den eksisterende økonomiske ramme. Medarbejderne på de berørte arbejdspladser inddrages "
    "gennem de lokale MED-udvalg, og der følges op på arbejdsmiljøet undervejs."
)


def item(number: int) -> DocItem:
    recommendations = tuple(
        DocRecommendation(order=n, text=f"at godkende delforslag {n}", outcome="adopted",
                          outcome_label="Godkendt")
        for n in range(1, 4)
    )  # fmt: skip
    return DocItem(
        id=number,
        number=number,
        title=f"Punkt om emne nummer {number} med en titel af typisk længde",
        is_closed=number % 10 == 0,
        presenter="Åse Ørnsø",
        journal_number=f"87.00.00-G01-{number}-25",
        kind="decision",
        kind_label="Beslutning",
        sections=(
            DocSection("summary", "Resumé", PARAGRAPH),
            DocSection("recommendation", "Indstilling", "Direktionen indstiller", recommendations),
            DocSection("decision", "Referat", "Godkendt som indstillet."),
            DocSection(
                "case_description",
                "Sagsfremstilling",
                "\n\n".join(
                    [PARAGRAPH] * 3 + ["### Baggrund", PARAGRAPH, "- punkt et\n- punkt to"]
                ),
            ),
            DocSection("finances", "Økonomi", "Ingen økonomiske konsekvenser."),
        ),
        attachments=(DocAttachment(id=number, title="Notat", is_public=True, has_file=False),),
    )


def main() -> int:
    document = DocMeeting(
        id=1, committee_name="MED Hovedudvalg", committee_slug="hmu", held_on="2025-06-27",
        start_time="10:30", end_time="13:00", place="Rådhuset", status="minutes_approved",
        status_label="Referat godkendt", participants="A\nB", excused="C", absent="",
        remarks="", items=tuple(item(n) for n in range(1, 41)),
    )  # fmt: skip
    document_pdf(document)  # warm-up: fonts and templates
    timings, cpu, cached = [], [], []
    size = 0
    for _ in range(5):
        cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        size = len(document_pdf(document))
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        started = time.perf_counter()
        assert len(document_pdf(document)) == size
        cached.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(
        f"40-item minutes PDF, cold render: median {median:.2f} s wall "
        f"({statistics.median(cpu):.2f} s CPU), min {min(timings):.2f} s, "
        f"max {max(timings):.2f} s over {len(timings)} runs; {size / 1024:.0f} KiB"
    )
    print(
        f"40-item minutes PDF, from the cache: median {statistics.median(cached) * 1000:.0f} ms, "
        f"max {max(cached) * 1000:.0f} ms (template, digest, cache read)"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    pydyf_patch(document)
    return 0 if median <= 2.0 else 1


RELEASED = pydyf.PDF.page_references


def patched_page_references(self: pydyf.PDF) -> tuple[bytes, ...]:
    """The proposed upstream change: build the tuple once per number of pages."""
    kids = self.pages["Kids"]
    cached: tuple[bytes, ...] | None = getattr(self, "_page_references", None)
    if cached is None or len(cached) * 3 != len(kids):
        cached = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        self._page_references = cached
    return cached


def page_reference_cost(document: DocMeeting) -> tuple[int, int, float]:
    """One cold render with pydyf as released: (reads of page_references, pages, seconds spent
    inside it)."""
    reads, pages, inside = 0, 0, 0.0

    def counting(self: pydyf.PDF) -> tuple[bytes, ...]:
        nonlocal reads, pages, inside
        started = time.perf_counter()
        references: tuple[bytes, ...] = RELEASED.fget(self)  # type: ignore[attr-defined]
        inside += time.perf_counter() - started
        reads += 1
        pages = len(references)
        return references

    pydyf.PDF.page_references = property(counting)  # type: ignore[assignment, method-assign]
    try:
        cache.clear()
        document_pdf(document)
    finally:
        pydyf.PDF.page_references = RELEASED  # type: ignore[method-assign]
    return reads, pages, inside


def pydyf_patch(document: DocMeeting) -> None:
    for items in (len(document.items), 4 * len(document.items)):
        longer = replace(document, items=tuple(item(n) for n in range(1, items + 1)))
        reads, pages, inside = page_reference_cost(longer)
        print(
            f"\npydyf, {items} items: page_references read {reads} times for a {pages}-page PDF"
            f" in one render, {inside * 1000:.0f} ms inside it (reads × pages = {reads * pages})"
        )
    timings: dict[str, list[float]] = {"released": [], "patched": []}
    for _ in range(3):
        for label, getter in (
            ("released", RELEASED),
            ("patched", property(patched_page_references)),
        ):
            pydyf.PDF.page_references = getter  # type: ignore[assignment, method-assign]
            cache.clear()
            started = time.process_time()
            document_pdf(document)
            timings[label].append(time.process_time() - started)
    pydyf.PDF.page_references = RELEASED  # type: ignore[method-assign]
    released, patched = (statistics.median(timings[label]) for label in ("released", "patched"))
    print(
        f"pydyf, {len(document.items)} items: cold render CPU, median of 3: as released "
        f"{released:.2f} s, with the patch {patched:.2f} s ({patched / released:.2f}×); "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
