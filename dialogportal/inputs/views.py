from django.http import Http404, HttpRequest, HttpResponse


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404


def public_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404
