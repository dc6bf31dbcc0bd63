"""An error inside a view: a Swedish page in the site's layout for the user, the details in the log."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from tests.web.error_urls import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.web.error_urls")]


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG misconfigured on"])
def test_an_error_in_a_view_shows_a_swedish_page_and_logs_the_traceback(settings, caplog, debug):
    settings.DEBUG = debug
    with caplog.at_level(logging.ERROR):
        response = Client(raise_request_exception=False).get("/fel/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Ett fel inträffade" in page
    assert 'href="#innehall"' in page  # the site's own layout
    for detail in (SECRET, "Traceback", "RuntimeError", "/srv/", "site-packages", ".py"):
        assert detail not in page
    logged = [record for record in caplog.records if record.exc_info and record.exc_info[1] is not None]
    assert any(SECRET in str(record.exc_info[1]) for record in logged)


def test_the_500_page_falls_back_to_plain_swedish_when_the_layout_cannot_be_rendered(rf, monkeypatch):
    from styrkort.web import errors

    def broken(*args, **kwargs):
        raise RuntimeError("the template engine is down")

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ett fel inträffade" in response.content.decode()


def test_logging_goes_to_standard_error_at_the_level_the_environment_sets():
    import subprocess
    import sys

    script = "import django, logging; django.setup(); logging.getLogger('styrkort.test').error('fel %s', 42)"
    env = {
        "DJANGO_SETTINGS_MODULE": "styrkort.settings",
        "STYRKORT_LOG_LEVEL": "ERROR",
        "DEBUG": "true",
        "SECRET_KEY": "only-for-this-test",
    }
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert re.search(r"ERROR +styrkort.test: fel 42", done.stderr)  # the text format of styrkort.ops.logs
    script = "import django, logging; django.setup(); logging.getLogger('styrkort.test').info('bara info')"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert "bara info" not in done.stderr
