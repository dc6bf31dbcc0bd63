"""Logs: one JSON object a line in production, readable text in development (styrkort/ops/logs.py)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.ops import logs


def configured_logger(format: str) -> tuple[logging.Logger, io.StringIO]:
    """A logger with the formatter Styrkort configures for ``format``, writing to a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    factory = logs.formatters()[format]
    handler.setFormatter(factory["()"]() if "()" in factory else logging.Formatter(factory["format"]))
    logger = logging.getLogger(f"tests.ops.{format}")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


def test_a_json_record_is_one_line_with_the_fields_and_extras():
    logger, stream = configured_logger("json")
    logger.info("report rendered", extra={"organisation": "sdn-norra", "bytes": 123})
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["level"] == "INFO"
    assert record["logger"] == "tests.ops.json"
    assert record["message"] == "report rendered"
    assert record["organisation"] == "sdn-norra" and record["bytes"] == 123
    assert record["time"].endswith("+00:00")


def test_a_traceback_stays_inside_the_one_line():
    logger, stream = configured_logger("json")
    try:
        raise ValueError("trasigt\nvärde")
    except ValueError:
        logger.exception("failed")
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert "ValueError: trasigt\nvärde" in record["exc_info"]


@given(st.text())
def test_any_message_is_one_line_of_json_that_reads_back(message):
    logger, stream = configured_logger("json")
    logger.warning("%s", message)
    lines = stream.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 2
    assert json.loads(lines[0])["message"] == message


def test_gunicorns_access_line_carries_its_fields_and_no_header():
    """gunicorn logs an access line as its format with a dict of atoms (headers included)."""
    logger, stream = configured_logger("json")
    access = logging.getLogger("gunicorn.access")
    access.handlers, access.propagate = logger.handlers, False
    atoms = {
        "h": "127.0.0.1",
        "r": "GET /redo/ HTTP/1.1",
        "m": "GET",
        "U": "/redo/",
        "s": "200",
        "B": 100,
        "M": 3,
        "{cookie}i": "sessionid=hemlig",
        "{authorization}i": "Bearer hemlig",
    }
    access.info('%(h)s "%(r)s" %(s)s', atoms)
    record = json.loads(stream.getvalue())
    assert record["message"] == '127.0.0.1 "GET /redo/ HTTP/1.1" 200'
    assert (record["method"], record["path"], record["status"], record["bytes"], record["duration_ms"]) == (
        "GET",
        "/redo/",
        200,
        100,
        3,
    )
    assert "hemlig" not in stream.getvalue()


def test_text_is_readable():
    logger, stream = configured_logger("text")
    logger.info("report rendered")
    assert stream.getvalue().rstrip().endswith("INFO    tests.ops.text: report rendered")


@pytest.mark.parametrize(
    ("environ", "debug", "expected"),
    [
        ({}, True, "text"),
        ({}, False, "json"),
        ({"STYRKORT_LOG_FORMAT": "JSON "}, True, "json"),
        ({"STYRKORT_LOG_FORMAT": "text"}, False, "text"),
        ({"DEBUG": "true"}, None, "text"),
        ({"DEBUG": "false"}, None, "json"),
    ],
)
def test_the_format_follows_debug_unless_chosen(environ, debug, expected):
    assert logs.log_format(environ, debug=debug) == expected


@pytest.mark.parametrize(("name", "value"), [("STYRKORT_LOG_FORMAT", "xml"), ("STYRKORT_LOG_LEVEL", "LOUD")])
def test_a_mistyped_log_setting_stops_the_start(name, value):
    with pytest.raises(ValueError, match=name):
        logs.log_format({name: value}) if name == "STYRKORT_LOG_FORMAT" else logs.log_level({name: value})


def test_django_sends_every_record_through_the_one_stderr_handler(settings):
    assert settings.LOGGING["root"]["handlers"] == ["stderr"]
    assert settings.LOGGING["handlers"]["stderr"]["stream"] == "ext://sys.stderr"
    assert set(settings.LOGGING["formatters"]) >= {"json", "text"}
