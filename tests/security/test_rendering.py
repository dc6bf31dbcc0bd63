"""Bounded rendering: a draft renders once per version and data, at most N renders run at once,
the rest wait briefly or get "försök igen" with Retry-After. Parallel requests over real HTTP."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from styrkort.goals.models import Measurement
from styrkort.web import rendering
from tests.web.helpers import BASE

pytestmark = pytest.mark.django_db(transaction=True)


class CountingRenderer:
    """A stand-in for the PDF renderer that takes ``seconds`` and counts its calls."""

    def __init__(self, seconds: float):
        self.seconds, self.calls, self.lock = seconds, 0, threading.Lock()

    def __call__(self, data) -> bytes:
        with self.lock:
            self.calls += 1
            number = self.calls
        time.sleep(self.seconds)
        return f"%PDF-fake {number} {data.committee}".encode()


def signed_in_cookie(client, users) -> str:
    client.force_login(users["anna"])
    return f"sessionid={client.cookies['sessionid'].value}"


def fetch_as(url: str, cookie: str) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_parallel_requests_for_one_draft_render_it_once_and_a_change_renders_it_again(
    live_server, client, users, monkeypatch
):
    renderer = CountingRenderer(0.5)
    monkeypatch.setitem(rendering.RENDERERS, "pdf", renderer)
    cookie = signed_in_cookie(client, users)
    url = live_server.url + BASE + "rapport.pdf"
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: fetch_as(url, cookie), range(8)))
    assert [status for status, _, _ in results] == [200] * 8
    assert {body for _, body, _ in results} == {b"%PDF-fake 1 N\xc3\xa4mnd sdn-test"}
    assert renderer.calls == 1
    assert fetch_as(url, cookie)[1].startswith(b"%PDF-fake 1")  # still the cached one
    row = Measurement.objects.filter(organisation__code="sdn-test").first()
    row.analysis = "En ändrad analys."
    row.save()
    assert fetch_as(url, cookie)[1].startswith(b"%PDF-fake 2")
    assert renderer.calls == 2


def one_slot(settings, monkeypatch, wait: int, seconds: float) -> CountingRenderer:
    """One render slot, a wait of ``wait`` seconds for it, and PDF and DOCX renders of ``seconds``."""
    settings.STYRKORT_RENDER_SLOTS = 1
    settings.STYRKORT_RENDER_WAIT_SECONDS = wait
    renderer = CountingRenderer(seconds)
    monkeypatch.setitem(rendering.RENDERERS, "pdf", renderer)
    monkeypatch.setitem(rendering.RENDERERS, "docx", renderer)
    return renderer


def test_with_every_slot_taken_the_rest_wait_briefly_then_get_try_again_with_retry_after(
    live_server, client, users, monkeypatch, settings
):
    renderer = one_slot(settings, monkeypatch, wait=1, seconds=4)
    cookie = signed_in_cookie(client, users)
    urls = [live_server.url + BASE + "rapport.pdf", live_server.url + BASE + "rapport.docx"]
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(fetch_as, urls[0], cookie)
        time.sleep(0.5)  # the PDF holds the only slot
        second = pool.submit(fetch_as, urls[1], cookie)
        (status_1, _, _), (status_2, body, headers) = first.result(), second.result()
    assert status_1 == 200
    assert status_2 == 503
    assert headers["Retry-After"] == str(rendering.RETRY_AFTER_SECONDS)
    assert "Försök igen om en stund" in body.decode()
    assert renderer.calls == 1


def test_a_request_that_waits_for_a_slot_within_the_limit_is_served(
    live_server, client, users, monkeypatch, settings
):
    renderer = one_slot(settings, monkeypatch, wait=10, seconds=1)
    cookie = signed_in_cookie(client, users)
    urls = [live_server.url + BASE + "rapport.pdf", live_server.url + BASE + "rapport.docx"]
    with ThreadPoolExecutor(2) as pool:
        statuses = [status for status, _, _ in pool.map(lambda url: fetch_as(url, cookie), urls)]
    assert statuses == [200, 200] and renderer.calls == 2
