"""Bad input through the whole analysis (run, curated themes, pages): a run started while the
vectors are being computed, texts of 50,000 words, emoji only and English mixed in, and
processes with one focus area or thirty. Clear results, no crash, nothing lost."""

from typing import Any

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import (
    AreaAssignment,
    CuratedTheme,
    CuratedThemeMember,
    InputVector,
    RunStatus,
)
from dialogportal.inputs.models import Input
from dialogportal.processes.models import Process
from dialogportal.processes.services import add_focus_area, create_process
from tests.analysis.builders import TEXTS, add_input, make_analysable_process, staff
from tests.analysis.fake_backend import RacingBackend

pytestmark = pytest.mark.django_db

LONG_TEXT = " ".join(
    ["Boligerne i midtbyen er slidte og skal renoveres, før flere flytter væk."] * 4200
)  # 50,400 words


def pages_of(process: Process) -> list[str]:
    run = process.analysis_runs.get()
    urls = [f"/analyse/{run.pk}/", f"/processer/{process.slug}/analyse/temaer/"]
    urls += [f"/analyse/{run.pk}/fokus/{area.pk}/" for area in process.focus_areas.all()[:3]]
    urls += [f"/analyse/temaer/{t.pk}/" for t in CuratedTheme.objects.filter(process=process)[:3]]
    return urls


def assert_pages_work(process: Process) -> None:
    client = Client()
    client.force_login(staff(Role.PROCESS_MANAGER, "leder"))
    for url in pages_of(process):
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_run_started_while_vectors_are_being_computed_ends_with_one_vector_per_input(
    settings: Any,
) -> None:
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.analysis.fake_backend.RacingBackend"
    RacingBackend.raced = False
    process = make_analysable_process(slug="kaploeb")
    run = run_analysis_now(process=process, acting_user=None)
    assert RacingBackend.raced
    assert run.status == RunStatus.DONE, run.error
    assert run.backend == "lexical+letters@1"
    inputs = Input.objects.filter(process=process).count()
    assert InputVector.objects.filter(input__process=process).count() == inputs
    assert AreaAssignment.objects.filter(run=run, is_top=True).count() == inputs


def test_long_emoji_english_and_one_word_inputs_are_analysed_and_shown(settings: Any) -> None:
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.analysis.fake_backend.LetterBackend"
    process = make_analysable_process(slug="skaeve-input")
    user = staff(Role.PROCESS_MANAGER, "registrator")
    area = process.focus_areas.get(slug="boliger")
    texts = (
        "🏠😡👍",
        "We need cheap housing for students. Billige boliger til studerende!",
        "Boliger",
        LONG_TEXT,
    )
    odd = [
        add_input(
            process=process, focus_area=area, text="Pladsholder til teksten.", acting_user=user
        )
        for _text in texts
    ]
    # Postcards typed in, imported minutes and e-mails are not bound by the web form's limits.
    for item, text in zip(odd, texts, strict=True):
        Input.objects.filter(pk=item.pk).update(text=text)
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    assert run.backend == "lexical+letters@1"
    analysed = set(AreaAssignment.objects.filter(run=run).values_list("input_id", flat=True))
    # Every input is analysed; an input without a single word (emoji only) is counted, not lost.
    for item in odd[1:]:
        assert item.pk in analysed
    assert Input.objects.filter(process=process).count() == sum(len(t) for t in TEXTS.values()) + 4
    assert CuratedTheme.objects.filter(process=process).exists()
    assert CuratedThemeMember.objects.filter(theme__process=process).count() > 0
    assert_pages_work(process)


@pytest.mark.parametrize("areas", [1, 30])
def test_a_process_with_one_or_thirty_focus_areas_is_analysed(areas: int) -> None:
    process = create_process(slug=f"omraader-{areas}", title="Mange områder", is_published=True)
    for number in range(areas):
        add_focus_area(
            process=process,
            slug=f"omraade-{number}",
            title=f"Område {number}: {['Boliger', 'Job', 'Skoler', 'Trafik', 'Natur'][number % 5]}",
            description="Beskrivelse med æ, ø og å.",
            order=number,
        )
    user = staff(Role.PROCESS_MANAGER, "registrator")
    first = process.focus_areas.order_by("order").first()
    for texts in TEXTS.values():
        for text in texts:
            add_input(process=process, focus_area=first, text=text, acting_user=user)
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    assert AreaAssignment.objects.filter(run=run, is_top=True).count() == 18
    assert_pages_work(process)
