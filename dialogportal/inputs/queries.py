"""What the public may see of an input: the ONE projection used by every public page, API
response and export. E-mail, phone, IP address and the receipt token never leave through here."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from dialogportal.core import postcodes
from dialogportal.inputs.models import Attachment, ContributorType, Input
from dialogportal.processes.models import FocusArea, Phase, Process


@dataclass(frozen=True)
class PublicAttachment:
    id: int
    name: str
    content_type: str
    size: int
    url: str


@dataclass(frozen=True)
class PublicInput:
    id: int
    title: str
    text: str
    focus_area_slug: str | None
    focus_area_title: str | None
    contributor_type: str
    contributor_type_label: str
    organisation: str
    name: str
    postcode: str
    town: str
    given_on: date
    attachments: tuple[PublicAttachment, ...]


def public_attachment(attachment: Attachment) -> PublicAttachment:
    return PublicAttachment(
        id=attachment.pk,
        name=attachment.original_name,
        content_type=attachment.content_type,
        size=attachment.size,
        url=reverse("inputs:public_attachment", kwargs={"pk": attachment.pk}),
    )


def public_input(obj: Input) -> PublicInput:
    """Project an input on the display rules: the name and organisation only with consent to
    publish the name, the postcode and town only if the process shows postcodes, only public
    attachments.

    For lists, fetch with `select_related("focus_area", "process")` and
    `prefetch_related("attachments")` to avoid a query per input."""
    area = obj.focus_area
    shows_name = obj.consent_publish_name and not obj.is_anonymised
    show_postcode = obj.process.shows_postcode and not obj.is_anonymised
    postcode = obj.postcode if show_postcode else ""
    return PublicInput(
        id=obj.pk,
        title=obj.title,
        text=obj.text,
        focus_area_slug=area.slug if area else None,
        focus_area_title=area.title if area else None,
        contributor_type=obj.contributor_type,
        contributor_type_label=str(ContributorType(obj.contributor_type).label),
        organisation=obj.organisation if shows_name else "",
        name=obj.name if shows_name else "",
        postcode=postcode,
        town=postcodes.town_for(postcode) if postcode else "",
        given_on=obj.given_on,
        attachments=tuple(
            public_attachment(attachment)
            for attachment in obj.attachments.all()
            if attachment.is_public
        ),
    )


@dataclass(frozen=True)
class KnownPhase:
    """The input phase open at `at` (its id, or None) as the caller's own look-up of the process
    found it (`submission_target`): the service decides with it instead of asking the
    database again."""

    at: datetime
    phase_id: int | None


@dataclass(frozen=True)
class SubmissionTarget:
    """Where a public submission goes: the published process, the focus area (None for
    "other") and the input phase open at `at`, from one query."""

    process: Process
    area: FocusArea | None
    phase: KnownPhase


def _input_phase_at(at: datetime, process_ref: str) -> Subquery:
    return Subquery(
        Phase.objects.filter(process=OuterRef(process_ref))
        .accepting_input_at(at)
        .order_by("starts_at")
        .values("pk")[:1]
    )


def submission_target(*, process_slug: str, area_slug: str, at: datetime) -> SubmissionTarget:
    """The published process `process_slug` with its focus area `area_slug` (none when empty)
    and its input phase open at `at`, in one query: the API's hot path. Process.DoesNotExist
    when the process is not published; FocusArea.DoesNotExist when it has no such area."""
    if not area_slug:
        process = (
            Process.objects.published()
            .annotate(input_phase_id=_input_phase_at(at, "pk"))
            .get(slug=process_slug)
        )
        # The annotation above (django-stubs does not follow it through the custom queryset).
        phase_id: int | None = process.input_phase_id  # type: ignore[attr-defined]
        return SubmissionTarget(process, None, KnownPhase(at, phase_id))
    area = (
        FocusArea.objects.select_related("process")
        .filter(slug=area_slug, process__slug=process_slug, process__is_published=True)
        .annotate(input_phase_id=_input_phase_at(at, "process_id"))
        .first()
    )
    if area is None:
        Process.objects.published().get(slug=process_slug)  # a missing process comes first
        raise FocusArea.DoesNotExist
    return SubmissionTarget(area.process, area, KnownPhase(at, area.input_phase_id))
