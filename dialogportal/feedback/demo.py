"""Feedback in the demo process: two answer templates, answers to a few published (curated)
themes (different statuses), one answer to a single input and one "what it led to". Runs only
while the demo process has no answers, so loading the demo again changes nothing."""

from collections.abc import Callable

from dialogportal.accounts.models import User
from dialogportal.analysis.models import AnalysisRun, CuratedTheme, CuratedThemeMember
from dialogportal.feedback.models import Answer, AnswerTemplate
from dialogportal.feedback.services import (
    add_outcome,
    answer_input,
    answer_theme,
    create_answer_template,
)
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from dialogportal.processes.models import Process

DEMO_ANSWERER = "proces"  # an account from accounts.demo

THEME_ANSWERS = (
    (
        FeedbackStatus.USED,
        "Forslagene indgår i den strategiske plan.",
        "Tak for de mange konkrete forslag. De indgår direkte i den strategiske plan, hvor vi "
        "har samlet dem i én indsats med mål, ansvarlig og budget.",
    ),
    (
        FeedbackStatus.PARTLY_USED,
        "En del af forslagene indgår; resten kræver en budgetbeslutning.",
        "Vi tager de forslag med, der kan gennemføres inden for de nuværende rammer. Resten "
        "lægger vi frem for byrådet ved budgetforhandlingerne.",
    ),
    (
        FeedbackStatus.CONSIDERED,
        "Forslagene drøftes i styregruppen i december.",
        "Vi har læst alle input om temaet og drøfter dem i styregruppen. Du hører fra os, når "
        "der er truffet en beslutning.",
    ),
    (
        FeedbackStatus.ANSWERED_ELSEWHERE,
        "Temaet hører under trafikplanen.",
        "Forslagene om dette tema indgår i kommunens trafikplan, som har sin egen høring.",
    ),
)


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
        for status, explanation, text in THEME_ANSWERS[:2]:
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
    for theme, (status, explanation, text) in zip(themes[::3], THEME_ANSWERS, strict=False):
        answer_theme(
            theme=theme, status=status, explanation=explanation, text=text, acting_user=user
        )
        answered += 1
    if themes:
        add_outcome(
            theme=themes[0],
            text="Indsats 1.2 i den strategiske plan: én indgang til kommunen.",
            acting_user=user,
        )
    member_ids = CuratedThemeMember.objects.filter(theme__process=process).values("input_id")
    single = Input.objects.filter(process=process).exclude(pk__in=member_ids).first()
    if single is not None:
        answer_input(
            item=single,
            status=FeedbackStatus.NOT_PURSUED,
            explanation="Forslaget ligger uden for kommunens opgaver.",
            text=(
                "Tak for dit input. Forslaget hører under regionen, som vi har sendt det "
                "videre til."
            ),
            acting_user=user,
        )
    log(f"Feedback: answered {answered} themes of the demo process.")
