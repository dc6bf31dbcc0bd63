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

# --- Errors, logging and SQLite (owner: the importers work; kept apart for merging) ----------
# Errors go to standard error with their traceback, whatever DEBUG says; STYRKORT_LOG_LEVEL
# (DEBUG, INFO, WARNING, ERROR) sets how much more is written. Users see a Swedish 500 page,
# never a traceback (styrkort.web.errors), even when DEBUG is on.
LOG_LEVEL = os.environ.get("STYRKORT_LOG_LEVEL", "INFO").strip().upper()
LOGGING = {
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
            "timeout": int(os.environ.get("STYRKORT_SQLITE_TIMEOUT", "20")),
        }
    )
