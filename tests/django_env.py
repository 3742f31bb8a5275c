"""A pytest plugin (loaded with `-p tests.django_env`, before pytest-django reads the settings)
that prepares the environment so the suite runs the real settings module with test-friendly
values: no HTTPS redirect, a local cache, e-mail kept in memory."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("CACHE_URL", "locmemcache://")
os.environ.setdefault("PAGE_CACHE_URL", "locmemcache://pages")
os.environ.setdefault("LIMITS_CACHE_URL", "locmemcache://limits")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
# The analysis runs on its lexical features in tests; the few tests that load the bundled
# language model say so (`@pytest.mark.slow`) and set it themselves.
os.environ.setdefault("ANALYSIS_EMBEDDING_BACKEND", "lexical")
