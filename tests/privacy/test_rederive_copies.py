"""Redaction derives every stored copy of an input's text again. The bug of issue 16: an
analysis summary sentence kept a CPR number after the input was redacted."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import (
    AnalysisRun,
    CuratedTheme,
    CurationAction,
    CurationEvent,
    InputVector,
    RunStatus,
    SummarySentence,
    Theme,
)
from dialogportal.moderation.services import publish_input_redacted, redact_all
from tests.factories import first_area
from tests.moderation import builders

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
TEXT = f"Bussen til Assentoft skal køre oftere. Mit CPR-nummer er {CPR}. Tak for ordet."


def _quoted(item: Any, sentence: str, *, label: str = "Busser") -> SummarySentence:
    run = AnalysisRun.objects.create(process=item.process, status=RunStatus.DONE)
    theme = Theme.objects.create(
        run=run, focus_area=first_area(item.process), label=label, keywords=["bus"], size=1, order=0
    )
    InputVector.objects.create(
        input=item, backend_name="test", backend_version="1", dimensions=1, vector=b"\x00" * 4
    )
    theme.memberships.create(input=item, order=0)
    return SummarySentence.objects.create(
        run=run, focus_area=theme.focus_area, theme=theme, sentence=sentence, input=item, order=0
    )


def test_redacting_an_input_derives_its_quoted_sentences_again() -> None:
    made = builders.process()
    item = builders.submit(made, TEXT)
    quoted = _quoted(item, f"Mit CPR-nummer er {CPR}.")
    kept = SummarySentence.objects.create(
        run=quoted.run,
        focus_area=quoted.focus_area,
        theme=quoted.theme,
        sentence="Bussen til Assentoft skal køre oftere.",
        input=item,
        order=1,
    )
    redact_all(item=item, acting_user=builders.staff("moderator", Role.MODERATOR))
    quoted.refresh_from_db()
    kept.refresh_from_db()
    assert quoted.sentence == "Mit CPR-nummer er [fjernet]."
    assert kept.sentence == "Bussen til Assentoft skal køre oftere."  # nothing to remove there
    assert not InputVector.objects.filter(input=item).exists()  # computed again from the text
    assert not SummarySentence.objects.filter(sentence__contains=CPR).exists()


def test_a_theme_label_that_quotes_a_hit_is_redacted_too() -> None:
    made = builders.process()
    item = builders.submit(made, TEXT)
    quoted = _quoted(item, "Tak for ordet.", label=f"Ring {builders.PHONE}")
    publish_input_redacted(item=item, acting_user=builders.staff("moderator", Role.MODERATOR))
    theme = quoted.theme
    assert theme is not None
    theme.refresh_from_db()
    assert builders.PHONE not in theme.label


def test_erasing_an_address_derives_the_copies_in_others_inputs_again(
    django_capture_on_commit_callbacks,
) -> None:
    made = builders.process()
    item = builders.submit(
        made, "Spørg Karen på karen@example.dk om busserne i Assentoft.", email="ole@example.dk"
    )
    quoted = _quoted(item, "Spørg Karen på karen@example.dk om busserne i Assentoft.")
    manager = builders.staff("procesleder", Role.PROCESS_MANAGER)
    client = Client()
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/privatliv/registrerede/slet/", {"email": "karen@example.dk", "confirm": "on"})
    quoted.refresh_from_db()
    assert "karen@example.dk" not in quoted.sentence
    assert quoted.sentence == "Spørg Karen på [fjernet] om busserne i Assentoft."


def test_redacting_a_published_input_empties_the_cached_pages_and_pdfs(
    django_capture_on_commit_callbacks,
) -> None:
    from django.core.cache import caches

    made = builders.process()
    item = builders.submit(made, TEXT)
    caches["default"].set("pdf:old-hvidbog", b"%PDF with " + CPR.encode())
    caches["limits"].set("inputs:rate:192.0.2.7", 5)
    moderator = builders.staff("moderator", Role.MODERATOR)
    with django_capture_on_commit_callbacks(execute=True):
        publish_input_redacted(item=item, acting_user=moderator)
    assert caches["default"].get("pdf:old-hvidbog") is None
    assert caches["limits"].get("inputs:rate:192.0.2.7") == 5  # abuse counters stay


def test_a_curated_theme_and_its_log_lose_a_hit_quoted_from_a_member() -> None:
    made = builders.process()
    item = builders.submit(made, TEXT)
    run = AnalysisRun.objects.create(process=item.process, status=RunStatus.DONE)
    theme = CuratedTheme.objects.create(
        process=made,
        focus_area=first_area(made),
        title=f"Busser ({CPR})",
        machine_label=f"bus · {CPR}",
        summary=f"Et input skriver »Mit CPR-nummer er {CPR}«.",
        last_run=run,
    )
    theme.members.create(focus_area=theme.focus_area, input=item)
    CurationEvent.objects.create(
        process=made,
        theme=theme,
        action=CurationAction.SUMMARY,
        before={"summary": ""},
        after={"summary": theme.summary, "inputs": [item.pk]},
        at=timezone.now(),
    )
    redact_all(item=item, acting_user=builders.staff("moderator", Role.MODERATOR))
    theme.refresh_from_db()
    assert (theme.title, theme.machine_label) == ("Busser ([fjernet])", "bus · [fjernet]")
    assert theme.summary == "Et input skriver »Mit CPR-nummer er [fjernet]«."
    event = CurationEvent.objects.get(theme=theme)
    assert event.after == {"summary": theme.summary, "inputs": [item.pk]}
