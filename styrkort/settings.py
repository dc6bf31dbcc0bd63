"""Django settings, read from the environment (every variable is listed in .env.example).

SQLite under var/ when DATABASE_URL is unset; PostgreSQL in production.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("STYRKORT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
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
    "styrkort.workflow",
    "styrkort.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "styrkort.audit.trail.AuditMiddleware",
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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'styrkort.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "sv"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

# Local accounts with Django's default PBKDF2 hashing; single sign-on plugs in as another backend.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:start"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"

# Largest attachment a user may upload (bytes).
STYRKORT_MAX_ATTACHMENT_BYTES = int(os.environ.get("STYRKORT_MAX_ATTACHMENT_BYTES", str(20 * 1024 * 1024)))

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
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Background tasks: django-tasks with its database backend (styrkort/ops/tasks.py: the convention).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STYRKORT_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("STYRKORT_WORKER_HEARTBEAT_SECONDS", "30"))
STYRKORT_WORKER_STALE_SECONDS = int(os.environ.get("STYRKORT_WORKER_STALE_SECONDS", "120"))

# Logs: one JSON object a line on stderr in production, readable text under DEBUG
# (STYRKORT_LOG_FORMAT=json|text, STYRKORT_LOG_LEVEL). A LOGGING block above keeps its loggers and
# levels; this adds the two formatters and the "stderr" handler, and sends the root logger there.
LOGGING: dict = globals().get("LOGGING") or {"version": 1, "disable_existing_loggers": False}
LOGGING.setdefault("formatters", {}).update(_logs.formatters())
LOGGING.setdefault("handlers", {})["stderr"] = _logs.stderr_handler(_logs.log_format(debug=DEBUG))
LOGGING.setdefault("root", {"level": _logs.log_level()})["handlers"] = ["stderr"]
LOGGING.setdefault("loggers", {}).setdefault("django", {"handlers": [], "level": "INFO"})  # via root, once
