"""Django settings, read from the environment (every variable is listed in .env.example).

SQLite under var/ when DATABASE_URL is unset; PostgreSQL in production.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("STYRKORT_VAR_DIR", BASE_DIR / "var"))

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting; anything but the words above (e.g. a typo such as "treu") refuses to start."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r}: write true or false (or 1/0, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: write a whole number") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- security: secure by default; every switch is listed in .env.example --------------------
# DEBUG is off unless the environment turns it on (`make demo` and the tests do); outside DEBUG
# there is no default secret and the transport settings are on.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example)")
    SECRET_KEY = "insecure-development-key-only-for-debug"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (never expose the app directly then).
if env_bool("SECURE_PROXY_SSL_HEADER", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front append to X-Forwarded-For (the client's address for login throttling).
STYRKORT_TRUSTED_PROXIES = env_int("STYRKORT_TRUSTED_PROXIES", 0)
# Over https the cookies carry the __Host- prefix: only this host, only https, path / (ASVS 3.4.4).
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end after STYRKORT_SESSION_IDLE_MINUTES without a request (a request renews the
# session, at most once a minute: styrkort/web/sessions.py), when the browser closes, and at the
# latest STYRKORT_SESSION_MAX_HOURS after signing in. Sessions are rows in the database.
SESSION_COOKIE_AGE = env_int("STYRKORT_SESSION_IDLE_MINUTES", 30) * 60
SESSION_ENGINE = "styrkort.web.sessions"
SESSION_SAVE_EVERY_REQUEST = False  # the engine saves a session when it changed or is due for renewal
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
STYRKORT_SESSION_MAX_HOURS = env_int("STYRKORT_SESSION_MAX_HOURS", 12)

# Content-Security-Policy (django-csp): scripts, styles and fonts from Styrkort itself only; no
# inline script, style attribute or eval anywhere; no framing; forms post back to Styrkort.
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
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Login throttling (django-axes): STYRKORT_LOGIN_FAILURE_LIMIT failed sign-ins lock the account
# and, separately, the client address for STYRKORT_LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("STYRKORT_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STYRKORT_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked.html"
AXES_CLIENT_IP_CALLABLE = "styrkort.web.sso.client_ip"
AXES_VERBOSE = False

# Local passwords (Django's PBKDF2 hashes) unless STYRKORT_LOCAL_LOGIN=false; single sign-on
# with OpenID Connect when OIDC_RP_CLIENT_ID is set (docs/security.md: Entra ID, Keycloak).
STYRKORT_LOCAL_LOGIN = env_bool("STYRKORT_LOCAL_LOGIN", True)
STYRKORT_OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
AUTHENTICATION_BACKENDS = ["styrkort.web.sso.ThrottledBackend"]
if STYRKORT_LOCAL_LOGIN:
    AUTHENTICATION_BACKENDS.append("styrkort.web.sso.LocalModelBackend")  # ModelBackend + unread count
if STYRKORT_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("styrkort.web.sso.StyrkortOIDCBackend")
if not STYRKORT_LOCAL_LOGIN and not STYRKORT_OIDC_ENABLED:
    raise ImproperlyConfigured("STYRKORT_LOCAL_LOGIN=false needs single sign-on (OIDC_RP_CLIENT_ID)")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "web:oidc-callback"
# Which claim names the Styrkort user (its username); whether an unknown user is created (with no role).
STYRKORT_OIDC_USERNAME_CLAIM = os.environ.get("STYRKORT_OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
STYRKORT_SSO_BUTTON = os.environ.get("STYRKORT_SSO_BUTTON", "Logga in med organisationens konto")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # Styrkort's apps, bottom layer first (see the import-linter contract in pyproject.toml).
    "styrkort.organisations",
    "styrkort.followup",
    "styrkort.goals",
    "styrkort.economy",
    "styrkort.accounts",
    "styrkort.audit",
    "styrkort.storage",
    "styrkort.ils",
    "styrkort.demo",
    "styrkort.reports",
    "styrkort.spreadsheets",
    "styrkort.kolada",
    "styrkort.workflow",
    "styrkort.workspace",
    "styrkort.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "styrkort.web.uploads.RefuseOversizedRequests",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "styrkort.web.sso.SessionLifetimeMiddleware",
    "styrkort.audit.trail.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styrkort.urls"
WSGI_APPLICATION = "styrkort.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styrkort.workspace.context.workspace",
            ],
        },
    },
]

# Plain inputs written without two templates each (styrkort.web.form_renderer).
FORM_RENDERER = "styrkort.web.form_renderer.InputRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'styrkort.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "sv"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:start"
LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: the largest attachment (bytes), and what an Office file (a zip) may unpack to.
STYRKORT_MAX_ATTACHMENT_BYTES = env_int("STYRKORT_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
STYRKORT_MAX_UNPACKED_BYTES = env_int("STYRKORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
STYRKORT_MAX_ZIP_ENTRIES = env_int("STYRKORT_MAX_ZIP_ENTRIES", 2000)
STYRKORT_MAX_ZIP_RATIO = env_int("STYRKORT_MAX_ZIP_RATIO", 100)
# A request body larger than the attachment plus this much is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Rendering documents: at most STYRKORT_RENDER_SLOTS at once (the rest wait up to
# STYRKORT_RENDER_WAIT_SECONDS, then get "försök igen"); drafts are cached per version and data.
STYRKORT_RENDER_SLOTS = env_int("STYRKORT_RENDER_SLOTS", 2)
STYRKORT_RENDER_WAIT_SECONDS = env_int("STYRKORT_RENDER_WAIT_SECONDS", 20)
# PDFs are compiled in a warm child process per rendering process (styrkort/reports/worker.py),
# replaced after this many renders: Typst's memory grows ~80 MB per distinct report.
STYRKORT_RENDERS_PER_WORKER = env_int("STYRKORT_RENDERS_PER_WORKER", 10)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "documents": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "documents"),
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
}


# --- Errors, logging and SQLite (owner: the importers work; kept apart for merging) ----------
# Errors go to standard error with their traceback, whatever DEBUG says; STYRKORT_LOG_LEVEL
# (DEBUG, INFO, WARNING, ERROR) sets how much more is written. Users see a Swedish 500 page,
# never a traceback (styrkort.web.errors), even when DEBUG is on.
LOG_LEVEL = os.environ.get("STYRKORT_LOG_LEVEL", "INFO").strip().upper()
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain"}
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Django's own loggers write here too, once (its defaults add a console handler under DEBUG).
    "loggers": {"django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False}},
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "styrkort.web.errors.ServerErrorPageMiddleware",
)
# SQLite (the demo, development): write-ahead logging so readers never block the writer, a
# busy timeout so a save waits for another instead of answering "database is locked", and
# transactions that take the write lock when they begin (a deferred one that reads first and
# writes later cannot wait: SQLite refuses it at once).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("STYRKORT_SQLITE_TIMEOUT", 20),
        }
    )


# --- ops: production serving, the background worker, logs (README "Running in production") ---
# Kept apart from the blocks above; it adds to INSTALLED_APPS, MIDDLEWARE, DATABASES and LOGGING.
from styrkort.ops import logs as _logs  # noqa: E402 (pure Python, no Django)

INSTALLED_APPS += ["django_tasks", "django_tasks_db", "styrkort.ops"]

# Health endpoints first (no login, no HTTPS redirect, no host check; styrkort/ops/health.py);
# WhiteNoise right after SecurityMiddleware serves the collected static files.
MIDDLEWARE.insert(0, "styrkort.ops.health.HealthMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# `styrkort collectstatic` writes STATIC_ROOT (var/static/) with hashed names and .gz copies;
# WhiteNoise serves them with a year's caching. Under DEBUG the files come from the apps directly.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Persistent database connections (seconds; 0 closes after each request), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL: parameters bound by the server, and a statement run STYRKORT_PG_PREPARE_THRESHOLD
# times on a connection prepared (parsed and planned once per connection; psycopg keeps at most
# 100 per connection). "off": Django's default, values merged into the SQL text, nothing prepared
# (needed behind pgbouncer's transaction pooling before 1.21 or without max_prepared_statements).
PG_PREPARE_THRESHOLD = os.environ.get("STYRKORT_PG_PREPARE_THRESHOLD", "").strip().lower()
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PG_PREPARE_THRESHOLD != "off":
    if PG_PREPARE_THRESHOLD and not PG_PREPARE_THRESHOLD.isdigit():
        raise ImproperlyConfigured(
            f"STYRKORT_PG_PREPARE_THRESHOLD={PG_PREPARE_THRESHOLD!r}: write a whole number or off"
        )
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": int(PG_PREPARE_THRESHOLD or 5)}
    )

# Background tasks: django-tasks with its database backend (styrkort/ops/tasks.py: the convention).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STYRKORT_WORKER_HEARTBEAT_SECONDS = env_int("STYRKORT_WORKER_HEARTBEAT_SECONDS", 30)
STYRKORT_WORKER_STALE_SECONDS = env_int("STYRKORT_WORKER_STALE_SECONDS", 120)

# Kolada v3 (styrkort/kolada/client.py): where, how long to wait for an answer, the pause between
# requests (Kolada asks for about five a second), waits after a 429, the largest answer read.
KOLADA_BASE_URL = os.environ.get("KOLADA_BASE_URL", "https://api.kolada.se/v3").strip()
KOLADA_TIMEOUT_SECONDS = env_int("KOLADA_TIMEOUT_SECONDS", 30)
KOLADA_PAUSE_MS = env_int("KOLADA_PAUSE_MS", 200)
KOLADA_RETRIES = env_int("KOLADA_RETRIES", 3)
KOLADA_MAX_RESPONSE_BYTES = env_int("KOLADA_MAX_RESPONSE_BYTES", 20_000_000)

# Logs: one JSON object a line on stderr in production, readable text under DEBUG
# (STYRKORT_LOG_FORMAT=json|text, STYRKORT_LOG_LEVEL). A LOGGING block above keeps its loggers and
# levels; this adds the two formatters and the "stderr" handler, and sends the root logger there.
LOGGING.setdefault("formatters", {}).update(_logs.formatters())
LOGGING.setdefault("handlers", {})["stderr"] = _logs.stderr_handler(_logs.log_format(debug=DEBUG))
LOGGING.setdefault("root", {"level": _logs.log_level()})["handlers"] = ["stderr"]
LOGGING.setdefault("loggers", {}).setdefault("django", {"handlers": [], "level": "INFO"})  # via root, once


# --- notifications by e-mail (styrkort/workspace): Django's mail, sent by the background worker ---
# Mail is on when EMAIL_HOST is set (STYRKORT_MAIL_NOTIFICATIONS overrides); links in it start with
# STYRKORT_BASE_URL. Without a mail server notifications are shown in Styrkort only.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Styrkort <styrkort@localhost>")
STYRKORT_MAIL_NOTIFICATIONS = env_bool("STYRKORT_MAIL_NOTIFICATIONS", bool(EMAIL_HOST))
STYRKORT_BASE_URL = os.environ.get("STYRKORT_BASE_URL", "http://localhost:8000").rstrip("/")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL: choose one (STARTTLS or TLS from the start)")

# --- the REST API (styrkort/api/, docs/api.md) --------------------------------------------------
# "ninja" serves the documentation page's Swagger UI from its own static files (no CDN).
INSTALLED_APPS += ["ninja", "styrkort.api"]
# Requests per user (or per address) and time: "120/min", "10/s", "5000/day"; empty: no limit.
# Counted in the default cache (local memory), so per server process.
STYRKORT_API_RATE = os.environ.get("STYRKORT_API_RATE", "120/min").strip()
