"""Log records as one JSON object a line (production) or as readable text (development).

``STYRKORT_LOG_FORMAT`` chooses (``json`` or ``text``); unset, it is ``text`` when ``DEBUG`` is on
and ``json`` otherwise. ``STYRKORT_LOG_LEVEL`` (default ``INFO``) is the root level. Both Django
(settings.LOGGING) and gunicorn (deploy/gunicorn.conf.py) take their formatters and handler from
here, so the application's records and the server's access lines come out alike on stderr.

A JSON line holds ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, any ``extra``
fields the caller passed, ``exc_info`` with the traceback where there is one, and for
gunicorn's access lines ``method``, ``path``, ``status``, ``bytes``, ``duration_ms`` and
``remote``; never a header or a cookie. This module imports no Django (gunicorn loads it first).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

FORMATS = ("json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# gunicorn's access-log atoms that a JSON access line carries, by the name it has there.
ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "M": "duration_ms", "h": "remote"}


def env_debug(environ: Mapping[str, str]) -> bool:
    return environ.get("DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def log_format(environ: Mapping[str, str] = os.environ, debug: bool | None = None) -> str:
    """``json`` or ``text``: STYRKORT_LOG_FORMAT, else text under DEBUG and JSON otherwise."""
    chosen = environ.get("STYRKORT_LOG_FORMAT", "").strip().lower()
    if not chosen:
        return "text" if (env_debug(environ) if debug is None else debug) else "json"
    if chosen not in FORMATS:
        raise ValueError(f"STYRKORT_LOG_FORMAT={chosen!r}: write json or text")
    return chosen


def log_level(environ: Mapping[str, str] = os.environ) -> str:
    level = environ.get("STYRKORT_LOG_LEVEL", "INFO").strip().upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ValueError(f"STYRKORT_LOG_LEVEL={level!r}: write DEBUG, INFO, WARNING or ERROR")
    return level


class JsonFormatter(_JsonFormatter):
    """python-json-logger's formatter with Styrkort's field names and gunicorn's access fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data.pop("request", None)  # Django's request object: its repr says no more than path
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            for atom, field in ACCESS_FIELDS.items():
                value = record.args.get(atom)
                log_data[field] = int(value) if isinstance(value, str) and value.isdigit() else value


def formatters() -> dict[str, dict[str, Any]]:
    """The two formatters, for a dictConfig's ``formatters``."""
    return {"json": {"()": JsonFormatter}, "text": {"format": TEXT_FORMAT}}


def stderr_handler(format: str) -> dict[str, Any]:
    """The one handler every logger writes to, for a dictConfig's ``handlers``."""
    return {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": format}
