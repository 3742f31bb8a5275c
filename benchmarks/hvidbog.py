"""Time and size of the hvidbog for 5,000 inputs in 7 focus areas and 40 themes
(target: the PDF in at most 20 s on 2 cores).

    uv run python benchmarks/hvidbog.py            # 5,000 inputs
    uv run python benchmarks/hvidbog.py --n 1000

Builds a throw-away SQLite database under a temporary directory (migrated from scratch), fills
it with generated Danish inputs (90 % published, the rest hidden or pending, a third with
consent to show the name), a finished analysis run with 40 themes and summaries, and answers to
30 of the themes; then times the read model, the PDF (WeasyPrint, PDF/UA-1) and the DOCX."""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date

_TMP = tempfile.mkdtemp(prefix="hvidbog-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")
os.environ.setdefault("SECRET_KEY", "benchmark")
os.environ["VAR_DIR"] = _TMP
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP}/bench.sqlite3"
os.environ.setdefault("CACHE_URL", "locmemcache://")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from dialogportal.analysis.models import (  # noqa: E402
    AnalysisRun,
    SummarySentence,
    Theme,
    ThemeMembership,
)
from dialogportal.feedback import exports, queries  # noqa: E402
from dialogportal.feedback.services import answer_theme  # noqa: E402
from dialogportal.inputs.models import Input  # noqa: E402
from dialogportal.processes.services import add_focus_area, create_process  # noqa: E402

AREAS = 7
THEMES = 40
SUBJECTS = (
    "Boligerne i midtbyen",
    "Busserne til landsbyerne",
    "Jobcentret",
    "Skolerne",
    "Foreningslivet",
    "Erhvervsservicen",
    "Ældreplejen",
    "Cykelstierne",
)
PROBLEMS = (
    "trænger til at blive forbedret, fordi mange oplever lange ventetider",
    "fungerer ikke godt nok for de borgere, der har mest brug for hjælp",
    "skal prioriteres højere i den nye plan",
    "kan blive bedre, hvis kommunen samarbejder med de frivillige",
)
PROPOSALS = (
    "Giv borgerne én fast kontaktperson.",
    "Lav en plan sammen med de lokale foreninger.",
    "Afsæt flere penge i budgettet fra 2027.",
    "Følg op hvert år og fortæl, hvad der er nået.",
    "",
)


def build(n: int) -> int:
    call_command("migrate", verbosity=0)
    rng = random.Random(20250603)
    process = create_process(slug="bench", title="Fremtidens Benchmarkby", is_published=True)
    areas = [
        add_focus_area(
            process=process,
            slug=f"omraade-{i + 1}",
            title=f"Fokusområde {i + 1}",
            description=f"Beskrivelse af fokusområde {i + 1} i klart sprog.",
            order=i,
        )
        for i in range(AREAS)
    ]
    states = ["published"] * 18 + ["hidden", "pending"]
    inputs = []
    for i in range(n):
        text = " ".join(
            part
            for part in (
                f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}.",
                rng.choice(PROPOSALS),
                rng.choice(PROPOSALS),
            )
            if part
        )
        named = i % 3 == 0
        inputs.append(
            Input(
                process=process,
                focus_area=areas[i % AREAS],
                text=text,
                contributor_type=rng.choice(["citizen", "employee", "business", "association"]),
                name=f"Person {i}" if named else "",
                consent_publish_name=named,
                email=f"person{i}@example.dk",
                consent_contact=i % 2 == 0,
                consent_text_version="import",
                postcode="8900",
                given_on=date(2025, 6, 3),
                moderation_state=rng.choice(states),
            )
        )
    Input.objects.bulk_create(inputs, batch_size=1000)
    run = AnalysisRun.objects.create(
        process=process, status="done", progress=100, finished_at=timezone.now()
    )
    by_area: dict[int, list[Input]] = {}
    for item in Input.objects.filter(process=process).order_by("pk"):
        by_area.setdefault(item.focus_area_id or 0, []).append(item)
    themes = []
    for t in range(THEMES):
        area = areas[t % AREAS]
        themes.append(
            Theme.objects.create(
                run=run,
                focus_area=area,
                label=f"Tema {t + 1}: {SUBJECTS[t % len(SUBJECTS)]}",
                size=0,
                order=t,
            )
        )
    memberships = []
    sentences = []
    for area in areas:
        area_themes = [theme for theme in themes if theme.focus_area_id == area.pk]
        members = by_area[area.pk]
        for index, item in enumerate(members):
            theme = area_themes[index % len(area_themes)]
            theme.size += 1
            memberships.append(
                ThemeMembership(theme=theme, input=item, is_representative=index < 9, order=index)
            )
            if index < len(area_themes) * 2:
                sentences.append(
                    SummarySentence(
                        run=run,
                        focus_area=area,
                        theme=theme,
                        sentence=item.text.split(".")[0] + ".",
                        input=item,
                        order=index,
                    )
                )
    ThemeMembership.objects.bulk_create(memberships, batch_size=2000)
    SummarySentence.objects.bulk_create(sentences, batch_size=2000)
    for theme in themes:
        theme.save(update_fields=["size"])
    for theme in themes[:30]:
        answer_theme(
            theme=theme,
            status="used",
            explanation="Forslagene indgår i planen.",
            text="Tak for jeres forslag. De indgår i den strategiske plan som en samlet indsats "
            "med mål, ansvarlig og budget, og vi følger op hvert år.",
            acting_user=None,
        )
    return process.pk


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args()
    clock = time.perf_counter()
    process_id = build(args.n)
    built = time.perf_counter() - clock
    print(f"built {args.n} inputs, {AREAS} areas, {THEMES} themes in {built:.1f} s")
    from dialogportal.processes.models import Process

    process = Process.objects.get(pk=process_id)
    clock = time.perf_counter()
    book = queries.hvidbog(process)
    read = time.perf_counter() - clock
    clock = time.perf_counter()
    html = exports.hvidbog_html(book, for_print=True)
    render = time.perf_counter() - clock
    exports.hvidbog_pdf(queries.hvidbog(Process.objects.create(slug="warm", title="Warm-up")))
    clock, cpu = time.perf_counter(), time.process_time()
    pdf = exports.hvidbog_pdf(queries.hvidbog(process))
    pdf_seconds, pdf_cpu = time.perf_counter() - clock, time.process_time() - cpu
    clock, cpu = time.perf_counter(), time.process_time()
    docx = exports.hvidbog_docx(queries.hvidbog(process))
    docx_seconds, docx_cpu = time.perf_counter() - clock, time.process_time() - cpu
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"read model        {read:6.2f} s")
    print(f"HTML              {render:6.2f} s  {len(html.encode()) / 1e6:6.2f} MB")
    print(
        f"PDF (incl. read)  {pdf_seconds:6.2f} s wall, {pdf_cpu:6.2f} s CPU  "
        f"{len(pdf) / 1e6:6.2f} MB  {pages} pages"
    )
    print(
        f"DOCX (incl. read) {docx_seconds:6.2f} s wall, {docx_cpu:6.2f} s CPU  "
        f"{len(docx) / 1e6:6.2f} MB"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
