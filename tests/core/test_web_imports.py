"""A web process starts without the heavy libraries only the worker or a rare request needs
(cold start, issue #20): loading the WSGI application and every URLconf with every view does not
import the text engine's numpy, scipy and simplemma, nor WeasyPrint or openpyxl. Checked in a
fresh interpreter, since this test process has long imported all of them."""

import json
import os
import subprocess
import sys
from pathlib import Path

# Loaded only where they are used: by the worker (the text engine), when a PDF is rendered, or
# when a spreadsheet is read or written.
NOT_AT_START = ("numpy", "scipy", "simplemma", "weasyprint", "openpyxl")

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
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_starting_the_web_application_loads_no_heavy_library(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dialogportal.settings",
        "VAR_DIR": str(tmp_path),
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
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "dialogportal" in loaded  # the probe did start the app
    assert sorted(loaded.intersection(NOT_AT_START)) == []
