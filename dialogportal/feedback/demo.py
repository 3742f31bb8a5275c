"""Feedback in the demo process: two answer templates, answers to the published (curated)
themes that are about their words (different statuses) and one answer to a single input. The
themes taken up in the strategic plan are answered by strategy.demo. Runs only while the demo
process has no answers, so loading the demo again changes nothing."""

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dialogportal.accounts.models import User
from dialogportal.analysis.models import AnalysisRun, CuratedTheme, CuratedThemeMember
from dialogportal.feedback.models import Answer, AnswerTemplate
from dialogportal.feedback.services import (
    answer_input,
    answer_theme,
    create_answer_template,
)
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from dialogportal.processes.models import Process

DEMO_ANSWERER = "proces"  # an account from accounts.demo
ANSWERED_ON = date(2025, 10, 15)  # a Wednesday in the feedback phase
_TZ = ZoneInfo("Europe/Copenhagen")

# Templates the process manager wrote for answers that recur.
TEMPLATES = (
    (
        FeedbackStatus.USED,
        "Forslagene er taget med i en indsats i den strategiske plan.",
        "Tak for forslagene. De ligger bag en indsats i den strategiske plan. Under »Det førte "
        "til« kan du følge, hvordan det går med den.",
    ),
    (
        FeedbackStatus.PARTLY_USED,
        "En del af forslagene gennemføres; resten kræver en budgetbeslutning.",
        "Vi gennemfører de forslag, der kan holdes inden for de nuværende rammer. Resten "
        "lægger vi frem for byrådet ved budgetforhandlingerne.",
    ),
)
# Answers to published themes, each to the theme whose inputs are about it (most of its inputs
# contain the word). What went into the plan is answered by strategy.demo, which links it.
THEME_ANSWERS = (
    (
        "dokumentation",
        FeedbackStatus.PARTLY_USED,
        "Dokumentationskravene gennemgås; nogle fjernes allerede i 2026.",
        "Vi har gennemgået, hvad medarbejderne dokumenterer. Skemaerne i hjemmeplejen og på "
        "jobcentret bliver kortere fra 2026. Resten kræver en ny it-løsning, som byrådet tager "
        "stilling til ved budgettet.",
    ),
    (
        "lokaler",
        FeedbackStatus.CONSIDERED,
        "Foreningernes adgang til lokaler drøftes med folkeoplysningsudvalget.",
        "Vi har læst alle input om lokaler og drøfter dem med folkeoplysningsudvalget, når "
        "fordelingen af lokaler for 2027 skal lægges. Du hører fra os, når der er en beslutning.",
    ),
    (
        "vejene",
        FeedbackStatus.ANSWERED_ELSEWHERE,
        "Vejene i landdistrikterne hører under kommunens vejplan.",
        "Vedligeholdelsen af vejene i landdistrikterne prioriteres i kommunens vejplan, som har "
        "sin egen høring. Vi har sendt jeres forslag videre til Vej og Park.",
    ),
)
# One input outside every theme, answered on its own.
SINGLE_ANSWER = (
    "hjemmeside",
    FeedbackStatus.ANSWERED_ELSEWHERE,
    "Hjemmesiden er ved at blive lavet om.",
    "Tak for dit input. Kommunens hjemmeside bliver lavet om i løbet af 2026, og vi har sendt "
    "dit forslag videre til Digitalisering og IT, som står for arbejdet.",
)


def dated(answer: Answer, on: date) -> Answer:
    """Date a demo answer (and the status changes it made) on the day a municipality would
    have given it, in the autumn after the dialog, not on the day the demo was loaded."""
    at = datetime.combine(on, time(10), tzinfo=_TZ)
    Answer.objects.filter(pk=answer.pk).update(answered_at=at)
    answer.changes.update(changed_at=at)
    return answer


def _mostly_about(theme: CuratedTheme, word: str) -> bool:
    texts = [member.input.text.lower() for member in theme.members.select_related("input")]
    return bool(texts) and 2 * sum(word in text for text in texts) >= len(texts)


def load(*, log: Callable[[str], None]) -> None:
    process = Process.objects.filter(slug=DEMO_PROCESS_SLUG).first()
    if process is None or Answer.objects.filter(process=process).exists():
        return
    run = AnalysisRun.objects.latest_done_for(process)
    if run is None:
        log("Feedback: the demo process has no finished analysis; no demo answers.")
        return
    user = User.objects.filter(username=DEMO_ANSWERER).first()
    if not AnswerTemplate.objects.filter(process=process).exists():
        for status, explanation, text in TEMPLATES:
            create_answer_template(
                process=process,
                title=str(FeedbackStatus(status).label),
                status=status,
                explanation=explanation,
                text=text,
                acting_user=user,
            )
    themes = list(CuratedTheme.objects.filter(process=process).published().in_order())
    answered = 0
    for word, status, explanation, text in THEME_ANSWERS:
        theme = next((t for t in themes if _mostly_about(t, word)), None)
        if theme is None:
            continue
        answer = answer_theme(
            theme=theme, status=status, explanation=explanation, text=text, acting_user=user
        )
        dated(answer, ANSWERED_ON)
        answered += 1
    word, status, explanation, text = SINGLE_ANSWER
    member_ids = CuratedThemeMember.objects.filter(theme__process=process).values("input_id")
    single = (
        Input.objects.public()
        .filter(process=process, text__icontains=word)
        .exclude(pk__in=member_ids)
        .order_by("pk")
        .first()
    )
    if single is not None:
        dated(
            answer_input(
                item=single, status=status, explanation=explanation, text=text, acting_user=user
            ),
            ANSWERED_ON,
        )
    log(f"Feedback: answered {answered} themes of the demo process.")
