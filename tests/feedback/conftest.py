from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fast_feedback(settings: Any) -> None:
    # Staff users are made in almost every test; the real hasher costs most of a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # E-mails go out as soon as the worker runs (in production they wait to batch a session).
    settings.FEEDBACK_DIGEST_DELAY_MINUTES = 0
    settings.INPUT_MIN_SECONDS_TO_SUBMIT = 0
