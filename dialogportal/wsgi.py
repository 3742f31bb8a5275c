import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")

application = get_wsgi_application()

# Import the URLconf, and through it every view, now rather than at each worker's first request:
# `dialogportal serve` preloads the application in gunicorn's master, so every worker starts with
# them loaded and none makes its first visitor wait for the imports (cold start, issue #20).
get_resolver().url_patterns  # noqa: B018 - evaluated for its imports
