from django_tasks import task

from dialogportal.meetings.exports import document_pdf
from dialogportal.meetings.models import Meeting
from dialogportal.meetings.publication import build_document, redact


@task()
def render_meeting_pdfs(meeting_id: int) -> dict[str, object]:
    """Render a meeting's PDF for both audiences (full and public) into the PDF cache, so the
    first reader of newly published or approved minutes does not wait for WeasyPrint.
    Idempotent: a document that is already cached is not rendered again."""
    meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
    if meeting is None:
        return {"meeting_id": meeting_id, "found": False}
    document = build_document(meeting)
    for variant in (document, redact(document, full_access=False)):
        document_pdf(variant)
    return {"meeting_id": meeting_id, "found": True}
