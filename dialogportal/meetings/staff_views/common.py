"""What every secretariat view shares: the login and permission gate, and one way to call a
service and report its outcome (field errors back on the form, other errors as messages)."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import ngettext

from dialogportal.accounts.models import User
from dialogportal.core.forms import add_service_errors

View = Callable[..., HttpResponse]
T = TypeVar("T")


def secretariat(view: View) -> View:
    """Login required, and the committee secretary role's permission; objects are then fetched
    through the permission helpers, which scope them to the user's own committees."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("meetings.change_meeting"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by `secretariat`
    return request.user


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def show_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def act(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    done: str | Callable[[T], str],
    back: str,
) -> HttpResponse:
    """A POST without a page of its own: call the service, say how it went, go `back`."""
    try:
        result = call()
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done(result) if callable(done) else done)
    return redirect(back)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], T],
    *,
    done: str | Callable[[T], str],
    back: str,
    page: Callable[[forms.BaseForm], HttpResponse],
) -> HttpResponse:
    """A form POST: an invalid form, or a service error about its fields, shows the page again
    with the errors at the fields (`page`); another service error becomes a message; success
    redirects `back` with a message."""
    if not form.is_valid():
        return page(form)
    try:
        result = call(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            add_service_errors(form, error)  # type: ignore[arg-type]
            return page(form)
        show_errors(request, error)
        return redirect(back)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(back)


def send_inputs(
    request: HttpRequest,
    form: forms.Form,
    send: Callable[..., int],
    back: str,
) -> HttpResponse:
    """Send a committee's discussion to a process as inputs (an item's or a whole meeting's);
    `form` is the dialog's send form."""
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    return act(
        request,
        lambda: send(
            process=form.cleaned_data["process"],
            focus_area=form.cleaned_data.get("focus_area"),
            acting_user=user_of(request),
        ),
        done=lambda count: (
            ngettext(
                "%(n)d input er sendt til processen.", "%(n)d input er sendt til processen.", count
            )
            % {"n": count}
        ),
        back=back,
    )
