"""A web process starts without the heavy libraries only the worker or a rare request needs
(cold start, issue #20): loading the WSGI application and every URLconf with every view does not
import the text engine's numpy, scipy and simplemma, WeasyPrint, openpyxl, the document readers
(pypdf with cryptography, pypdfium2, python-docx), httpx or, while OpenID Connect is off,
mozilla-django-oidc with PyJWT; nor our own modules of the worker's side. Checked in a fresh
interpreter, since this test process has long imported all of them.

requests is not refused: Django REST framework's compat module imports it whenever it is
installed (mozilla-django-oidc needs it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

# Loaded only where they are used: by the worker (the text engine, attachment screening, key
# figures from StatBank), when a PDF is rendered, a spreadsheet read or written, minutes imported
# or exported to Word, when staff ask the language model, or at an OpenID Connect login.
NOT_AT_START = (
    "numpy",
    "scipy",
    "simplemma",
    "weasyprint",
    "openpyxl",
    "pypdf",
    "pypdfium2",
    "docx",
    "cryptography",
    "httpx",
    "mozilla_django_oidc",
    "jwt",
)
# Our own modules of the worker's side (enqueue and execute apart) or of a feature that is off.
OWN_NOT_AT_START = (
    "dialogportal.moderation.execution",
    "dialogportal.moderation.tasks",
    "dialogportal.screening.extraction",
    "dialogportal.documents",
    "dialogportal.minutes.extract",
    "dialogportal.meetings.word",
    "dialogportal.meetings.tasks",
    "dialogportal.feedback.digests",
    "dialogportal.indicators.refresh",
    "dialogportal.statbank.client",
    "dialogportal.accounts.oidc_backend",
    "dialogportal.accounts.oidc_views",
)

STARTUP = """
import json, sys
import django
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

application = get_wsgi_application()

def resolve_all(resolver):
    for pattern in resolver.url_patterns:  # imports each included URLconf and its views
        if hasattr(pattern, "url_patterns"):
            resolve_all(pattern)

resolve_all(get_resolver())
print(json.dumps(sorted(sys.modules)))
"""


def test_starting_the_web_application_loads_no_heavy_library(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dialogportal.settings",
        "VAR_DIR": str(tmp_path),
        "OIDC_RP_CLIENT_ID": "",  # off, as in a deployment without single sign-on
    }
    result = subprocess.run(
        [sys.executable, "-c", STARTUP],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "dialogportal.urls" in modules  # the probe did start the app
    assert sorted({name.split(".")[0] for name in modules}.intersection(NOT_AT_START)) == []
    assert sorted(modules.intersection(OWN_NOT_AT_START)) == []
