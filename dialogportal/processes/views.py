"""The processes' own public pages: the front page with a card per published process, and a
process document's download. A process's page and a focus area's page list published inputs,
so they are composed one layer up, in `inputs.pages`."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from dialogportal.core.page_cache import public_page, valid_until
from dialogportal.processes.models import Process, ProcessDocument
from dialogportal.processes.permissions import documents_for_user, get_process_for_user


@public_page()
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    processes = list(Process.objects.published().prefetch_related("phases"))
    cards = [(process, process.stage_at(now)) for process in processes]
    response = render(request, "processes/home.html", {"cards": cards})
    return valid_until(response, [p.stage_changes_after(now) for p in processes], now=now)


def document(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    process = get_process_for_user(request.user, slug)
    try:
        doc = documents_for_user(request.user, process).get(pk=pk)
    except ProcessDocument.DoesNotExist as exc:
        raise Http404 from exc
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=doc.original_name or doc.file.name.rsplit("/", 1)[-1],
        content_type=doc.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
