"""Writes of the feedback app: answers (to an input, a theme or a duplicate group), status
changes, templates, outcomes, unsubscribing and the daily notification e-mail.

Staff actions only record; the e-mail is a background task enqueued on commit, so a mail server
that is down never blocks or fails an answer."""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task

from dialogportal.accounts.models import User
from dialogportal.analysis.models import (
    CuratedTheme,
    CuratedThemeMember,
    DuplicateGroup,
    DuplicateMember,
)
from dialogportal.core.text import clean_line, clean_text
from dialogportal.feedback.models import (
    Answer,
    AnswerScope,
    AnswerTemplate,
    InputAnswer,
    LinkedState,
    NotificationDigest,
    NotificationPreference,
    Outcome,
    StatusChange,
)
from dialogportal.feedback.outcomes import OutcomeLink
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.processes.models import Process

logger = logging.getLogger(__name__)

ANSWER_MAX_CHARS = 10_000
EXPLANATION_MAX_CHARS = 2_000
# A failed send is tried again after 5, 10, 20, 40 … minutes; after this many it is given up.
_BULK = 2000
# Enqueued by its path, as settings.SCHEDULED_TASKS names tasks: the task runs
# `feedback.digests.send_digest`, which builds on this module (enqueue and execute apart).
SEND_DIGEST_TASK = "dialogportal.feedback.tasks.send_feedback_digest"


def digest_delay() -> timedelta:
    """How long after the first change the e-mail waits, so a session of answers is one e-mail."""
    return timedelta(minutes=settings.FEEDBACK_DIGEST_DELAY_MINUTES)


def _checked_texts(*, status: str, text: str, explanation: str, need_text: bool) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    text = clean_text(text)
    explanation = clean_text(explanation)
    if status not in FeedbackStatus.values:
        errors["status"] = [_("Vælg en status fra listen.")]
    if need_text and not text:
        errors["text"] = [_("Skriv svaret – feltet må ikke være tomt.")]
    elif len(text) > ANSWER_MAX_CHARS:
        errors["text"] = [
            _("Svaret er for langt: højst %(max)d tegn (du skrev %(given)d).")
            % {"max": ANSWER_MAX_CHARS, "given": len(text)}
        ]
    if len(explanation) > EXPLANATION_MAX_CHARS:
        errors["explanation"] = [
            _("Forklaringen er for lang: højst %(max)d tegn.") % {"max": EXPLANATION_MAX_CHARS}
        ]
    if errors:
        raise ValidationError(errors)
    return text, explanation


def notify_address(item: Input) -> str:
    """The address an input's changes are sent to: only with consent to be contacted."""
    if item.consent_contact and item.email and not item.is_anonymised:
        return item.email.strip().lower()
    return ""


def _record_changes(
    *,
    items: Iterable[Input],
    status: str,
    explanation: str,
    answer: Answer | None,
    acting_user: User | None,
    at: datetime,
) -> list[StatusChange]:
    changes = [
        StatusChange(
            input=item,
            from_status=item.status,
            to_status=status,
            explanation=explanation,
            answer=answer,
            changed_by=acting_user,
            changed_at=at,
            notify_email=notify_address(item),
        )
        for item in items
    ]
    StatusChange.objects.bulk_create(changes, batch_size=_BULK)
    ids = [change.input_id for change in changes]
    for start in range(0, len(ids), _BULK):
        Input.objects.filter(pk__in=ids[start : start + _BULK]).update(status=status)
    emails = {change.notify_email for change in changes if change.notify_email}
    if emails:
        transaction.on_commit(lambda: schedule_digests(emails=sorted(emails)))
    return changes


def schedule_digests(*, emails: Iterable[str]) -> None:
    """Enqueue the e-mail task for each address; a failing queue is logged, never raised, so the
    staff action that triggered it stands (the daily sweep picks the changes up)."""
    send_feedback_digest: Task[[str], str] = import_string(SEND_DIGEST_TASK)
    run_after = timezone.now() + digest_delay()
    for email in emails:
        try:
            send_feedback_digest.using(run_after=run_after).enqueue(email)
        except Exception:
            logger.exception("Could not enqueue the feedback e-mail")


def _give_answer(
    *,
    process: Process,
    scope: AnswerScope,
    members: list[Input],
    status: str,
    text: str,
    explanation: str,
    target_label: str,
    template: AnswerTemplate | None,
    acting_user: User | None,
    item: Input | None = None,
    theme: CuratedTheme | None = None,
    duplicate_group: DuplicateGroup | None = None,
) -> Answer:
    text, explanation = _checked_texts(
        status=status, text=text, explanation=explanation, need_text=True
    )
    if not members:
        raise ValidationError(_("Der er ingen input at besvare."))
    if template is not None and template.process_id != process.pk:
        raise ValidationError({"template": [_("Skabelonen hører til en anden proces.")]})
    now = timezone.now()
    answer = Answer(
        process=process,
        scope=scope,
        input=item,
        theme=theme,
        duplicate_group=duplicate_group,
        target_label=target_label[:300],
        status=status,
        explanation=explanation,
        text=text,
        template=template,
        answered_by=acting_user,
        answered_at=now,
    )
    answer.full_clean()
    answer.save()
    InputAnswer.objects.bulk_create(
        [InputAnswer(answer=answer, input=member) for member in members], batch_size=_BULK
    )
    _record_changes(
        items=members,
        status=status,
        explanation=explanation,
        answer=answer,
        acting_user=acting_user,
        at=now,
    )
    return answer


@transaction.atomic
def answer_input(
    *,
    item: Input,
    status: str,
    text: str,
    explanation: str = "",
    template: AnswerTemplate | None = None,
    acting_user: User | None,
) -> Answer:
    """Answer one input: set its status and give it the answer; the change is logged."""
    locked = Input.objects.select_for_update().get(pk=item.pk)
    return _give_answer(
        process=locked.process,
        scope=AnswerScope.INPUT,
        members=[locked],
        status=status,
        text=text,
        explanation=explanation,
        target_label=input_label(locked.pk),
        template=template,
        acting_user=acting_user,
        item=locked,
    )


@transaction.atomic
def answer_theme(
    *,
    theme: CuratedTheme,
    status: str,
    text: str,
    explanation: str = "",
    template: AnswerTemplate | None = None,
    acting_user: User | None,
) -> Answer:
    """Answer a whole curated theme at once: every member input gets the answer and the
    status. A theme that was merged into another cannot be answered (answer the other)."""
    if theme.is_merged:
        raise ValidationError(_("Temaet er lagt sammen med et andet tema. Besvar det i stedet."))
    member_ids = CuratedThemeMember.objects.filter(theme=theme).values("input_id")
    members = list(Input.objects.select_for_update().filter(pk__in=member_ids).order_by("pk"))
    return _give_answer(
        process=theme.process,
        scope=AnswerScope.THEME,
        members=members,
        status=status,
        text=text,
        explanation=explanation,
        target_label=theme.title,
        template=template,
        acting_user=acting_user,
        theme=theme,
    )


@transaction.atomic
def answer_duplicate_group(
    *,
    group: DuplicateGroup,
    status: str,
    text: str,
    explanation: str = "",
    template: AnswerTemplate | None = None,
    acting_user: User | None,
) -> Answer:
    """Answer every input of a duplicate group or campaign at once."""
    member_ids = DuplicateMember.objects.filter(group=group).values("input_id")
    members = list(Input.objects.select_for_update().filter(pk__in=member_ids).order_by("pk"))
    label = _("Gruppe af %(n)d ens input") % {"n": len(members)}
    return _give_answer(
        process=group.run.process,
        scope=AnswerScope.DUPLICATE_GROUP,
        members=members,
        status=status,
        text=text,
        explanation=explanation,
        target_label=label,
        template=template,
        acting_user=acting_user,
        duplicate_group=group,
    )


@transaction.atomic
def set_status(
    *, item: Input, status: str, explanation: str = "", acting_user: User | None
) -> StatusChange:
    """Change one input's status without a new answer; the change is logged."""
    _text, explanation = _checked_texts(
        status=status, text="", explanation=explanation, need_text=False
    )
    locked = Input.objects.select_for_update().get(pk=item.pk)
    [change] = _record_changes(
        items=[locked],
        status=status,
        explanation=explanation,
        answer=None,
        acting_user=acting_user,
        at=timezone.now(),
    )
    return change


@transaction.atomic
def create_answer_template(
    *,
    process: Process,
    title: str,
    text: str,
    status: str = FeedbackStatus.USED,
    explanation: str = "",
    acting_user: User | None,
) -> AnswerTemplate:
    """A reusable answer for this process; titles are unique within the process."""
    text, explanation = _checked_texts(
        status=status, text=text, explanation=explanation, need_text=True
    )
    title = clean_line(title)
    if not title:
        raise ValidationError({"title": [_("Giv skabelonen en titel.")]})
    if AnswerTemplate.objects.filter(process=process, title=title).exists():
        raise ValidationError({"title": [_("Der findes allerede en skabelon med den titel.")]})
    template = AnswerTemplate(
        process=process,
        title=title[:200],
        text=text,
        status=status,
        explanation=explanation,
        created_by=acting_user,
    )
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def delete_answer_template(*, template: AnswerTemplate) -> None:
    """Remove a template; answers given with it keep their text."""
    template.delete()


@transaction.atomic
def add_outcome(
    *,
    text: str,
    item: Input | None = None,
    theme: CuratedTheme | None = None,
    link: OutcomeLink | None = None,
    acting_user: User | None,
) -> Outcome:
    """Record what an input or a theme led to: staff's words, or (with `link`) a plan
    initiative, whose sentence is made when shown from its state then; `text` is the record."""
    if (item is None) == (theme is None):
        raise ValidationError(_("Angiv enten et input eller et tema."))
    if theme is not None and theme.is_merged:
        raise ValidationError(_("Temaet er lagt sammen med et andet tema."))
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": [_("Skriv, hvad det førte til.")]})
    if len(text) > EXPLANATION_MAX_CHARS:
        raise ValidationError({"text": [_("Højst %(max)d tegn.") % {"max": EXPLANATION_MAX_CHARS}]})
    process = item.process if item is not None else theme.process  # type: ignore[union-attr]
    label = input_label(item.pk) if item is not None else theme.title  # type: ignore[union-attr]
    outcome = Outcome(
        process=process,
        input=item,
        theme=theme,
        target_label=label,
        text=text,
        created_by=acting_user,
        created_at=timezone.now(),
    )
    if link is not None:
        _apply_link(outcome, link)
    outcome.full_clean()
    outcome.save()
    return outcome


def _apply_link(outcome: Outcome, link: OutcomeLink) -> None:
    if link.state not in LinkedState.values:
        raise ValidationError(_("Ukendt status for indsatsen."))
    outcome.link_key = link.key[:60]
    outcome.link_title = clean_line(link.title)[:300]
    outcome.link_context = clean_line(link.context)[:300]
    outcome.link_url = link.url[:500]
    outcome.link_state = link.state
    outcome.link_reason = clean_text(link.reason)[:EXPLANATION_MAX_CHARS]


@transaction.atomic
def update_linked_outcomes(*, link: OutcomeLink, acting_user: User | None) -> int:
    """Bring every outcome that points to `link.key` up to date (title, state, reason) so the
    public pages, receipts and e-mails tell where the initiative stands now. Returns how many
    changed. The stored record text stays as it was written."""
    changed = 0
    for outcome in Outcome.objects.select_for_update().filter(link_key=link.key):
        before = (
            outcome.link_title,
            outcome.link_context,
            outcome.link_url,
            outcome.link_state,
            outcome.link_reason,
        )
        _apply_link(outcome, link)
        after = (
            outcome.link_title,
            outcome.link_context,
            outcome.link_url,
            outcome.link_state,
            outcome.link_reason,
        )
        if before != after:
            outcome.save(
                update_fields=[
                    "link_title",
                    "link_context",
                    "link_url",
                    "link_state",
                    "link_reason",
                ]
            )
            changed += 1
    if changed:
        logger.info("%d outcomes follow %s (by %s)", changed, link.key, acting_user or "system")
    return changed


def preference_for(email: str) -> NotificationPreference:
    """The (created on first use) preference row of an address."""
    pref, _created = NotificationPreference.objects.get_or_create(email=email.strip().lower())
    return pref


@transaction.atomic
def unsubscribe(*, token: str) -> NotificationPreference | None:
    """Stop every feedback e-mail to the address of `token`; None if the token is unknown."""
    pref = (
        NotificationPreference.objects.select_for_update().filter(unsubscribe_token=token).first()
    )
    if pref is None:
        return None
    if pref.unsubscribed_at is None:
        pref.unsubscribed_at = timezone.now()
        pref.save(update_fields=["unsubscribed_at"])
    return pref


@transaction.atomic
def resubscribe(*, token: str) -> NotificationPreference | None:
    """Undo an unsubscription (the page offers it right after)."""
    pref = (
        NotificationPreference.objects.select_for_update().filter(unsubscribe_token=token).first()
    )
    if pref is not None and pref.unsubscribed_at is not None:
        pref.unsubscribed_at = None
        pref.save(update_fields=["unsubscribed_at"])
    return pref


def input_label(input_id: int) -> str:
    """How an answer or outcome names its input: by number, never by a copy of its text (which
    moderation may redact later)."""
    return _("Input nr. %(id)d") % {"id": input_id}


@transaction.atomic
def forget_address(*, email: str) -> int:
    """Erase an e-mail address from the feedback app (data-subject erasure and retention):
    preference, daily e-mail log and pending notifications. Returns the number of rows touched."""
    email = email.strip().lower()
    if not email:
        return 0
    touched = StatusChange.objects.filter(notify_email=email).update(notify_email="")
    touched += NotificationDigest.objects.filter(email=email).delete()[0]
    touched += NotificationPreference.objects.filter(email=email).delete()[0]
    return touched
