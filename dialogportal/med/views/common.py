"""What every MED view shares: login, the MED staff check, and Danish error messages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from dialogportal.accounts.models import User
from dialogportal.med.permissions import is_med_secretariat, is_med_staff

View = Callable[..., HttpResponseBase]


def med_staff(view: View) -> View:
    """Login required, and a committee's people or the MED secretariat; objects are then
    fetched through `med.permissions`, which scope them."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_med_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def med_secretariat(view: View) -> View:
    """The MED secretariat's own pages (the overview): its role's permission."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_med_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_errors(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
