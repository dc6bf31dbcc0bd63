"""Hostile or broken answers from "Kolada": refused with a Swedish message, nothing written.

Every case answers the second page badly after a good first page, so a sync that wrote as it
read would leave half a report behind; nothing may change, not even the audit trail.
"""

from __future__ import annotations

import socket
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.audit.models import Change
from styrkort.kolada.client import KoladaResponseError, KoladaUnavailable, parse_json
from styrkort.kolada.models import SyncRun
from styrkort.kolada.sync import sync_organisation
from tests.kolada.conftest import figures

pytestmark = pytest.mark.django_db

PATH = "/v3/data/kpi/N00001,N00002,N00003/municipality/0180/year/2025"
GOOD = '{"kpi": "N00001", "municipality": "0180", "period": 2025, "values": [{"gender": "T", "value": 1.5}]}'


def page(item: str) -> bytes:
    return ('{"values": [' + item + '], "count": 1, "next_url": null}').encode()


def two_pages(kolada, second: bytes, status: int = 200, base: str | None = None) -> None:
    """A good first page whose next_url leads to ``second``."""
    following = f"{base or kolada.base_url}/data/page-two"
    kolada.raw[PATH] = (
        200,
        ('{"values": [' + GOOD + '], "count": 1, "next_url": "' + following + '"}').encode(),
    )
    kolada.raw["/v3/data/page-two"] = (status, second)


def item(value: str = "2.5", **changes: str) -> str:
    fields = {"kpi": '"N00002"', "municipality": '"0180"', "period": "2025"} | changes
    head = ", ".join(f'"{k}": {v}' for k, v in fields.items())
    return f'{{{head}, "values": [{{"gender": "T", "value": {value}, "isdeleted": false}}]}}'


HOSTILE = {
    "not JSON": (page("{"), "svarade inte med JSON"),
    "HTML": (b"<html>Underhall</html>", "svarade inte med JSON"),
    "no UTF-8": (b'{"values": ["\xff"]}', "svarade inte med JSON"),
    "no values list": (b'{"values": {"a": 1}}', "lista av värden"),
    "a list at the top": (b"[1, 2]", "lista av värden"),
    "a value as text": (page(item('"2.5"')), "är inget tal"),
    "a value as true": (page(item("true")), "är inget tal"),
    "a value as an object": (page(item('{"v": 1}')), "är inget tal"),
    "a value too large": (page(item("1234567890123")), "för stort"),
    "a value with 5 decimals": (page(item("1.23456")), "5 decimaler"),
    "a huge number": (page(item("9" * 5000)), "för stort"),
    "an exponent": (page(item("1e5")), "inte kan läsas exakt"),
    "NaN": (page(item("NaN")), "inget tal"),
    "Infinity": (page(item("-Infinity")), "inget tal"),
    "a KPI not asked for": (page(item(kpi='"N99999"')), "efterfrågades inte"),
    "another municipality": (page(item(municipality='"0181"')), "är inte 0180"),
    "a municipality as a number": (page(item(municipality="180")), "är inte 0180"),
    "another year": (page(item(period="2024")), "är inte 2025"),
    "a year as text": (page(item(period='"2025"')), "är inte 2025"),
    "an unknown gender": (
        page(
            '{"kpi": "N00002", "municipality": "0180", "period": 2025, "values": [{"gender": "X", "value": 1}]}'
        ),
        "varken T, K eller M",
    ),
    "isdeleted as text": (
        page(
            '{"kpi": "N00002", "municipality": "0180", "period": 2025, '
            '"values": [{"gender": "T", "value": 1, "isdeleted": "no"}]}'
        ),
        "isdeleted",
    ),
    "values not a list": (
        page('{"kpi": "N00002", "municipality": "0180", "period": 2025, "values": 3}'),
        "ingen lista",
    ),
    "a duplicate key": (
        page('{"kpi": "N00002", "kpi": "N00001", "municipality": "0180", "period": 2025, "values": []}'),
        "två gånger",
    ),
    "two different values": (page(GOOD.replace("1.5", "1.6")), "två olika värden"),
    "deeply nested": (b"[" * 100000 + b"]" * 100000, "JSON"),
    "next_url as a number": (b'{"values": [], "next_url": 5}', "inte är en adress"),
}


def assert_nothing_written(before: dict) -> None:
    assert figures() == before
    assert not Change.objects.filter(source="Kolada").exists()
    assert not SyncRun.objects.exists()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_answer_is_refused_in_swedish_and_nothing_is_written(kolada, annual_report, case):
    body, message = HOSTILE[case]
    two_pages(kolada, body)
    before = figures()
    with pytest.raises(KoladaResponseError, match=message):
        sync_organisation("sdn-test", 2025)
    assert_nothing_written(before)


@pytest.mark.parametrize("status", [400, 404, 403])
def test_a_client_error_is_refused(kolada, annual_report, status):
    two_pages(kolada, b"{}", status=status)
    with pytest.raises(KoladaResponseError, match=f"svarade {status}"):
        sync_organisation("sdn-test", 2025)
    assert_nothing_written(figures())


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_fault_at_kolada_is_transient_and_changes_nothing(kolada, annual_report, status):
    two_pages(kolada, b"{}", status=status)
    before = figures()
    with pytest.raises(KoladaUnavailable) as raised:
        sync_organisation("sdn-test", 2025)
    assert isinstance(raised.value, OSError)  # the background task retries it
    assert "inget har ändrats" in str(raised.value)
    assert_nothing_written(before)


def test_a_next_page_on_another_host_is_not_followed(kolada, annual_report):
    two_pages(kolada, page(item()), base="http://169.254.169.254/v3")
    with pytest.raises(KoladaResponseError, match="annan adress"):
        sync_organisation("sdn-test", 2025)
    assert [path for path, _ in kolada.requests] == [PATH]


def test_pages_that_never_end_are_refused(kolada, annual_report):
    loop = f"{kolada.base_url}/data/loop"
    kolada.raw[PATH] = (200, ('{"values": [], "next_url": "' + loop + '"}').encode())
    kolada.raw["/v3/data/loop"] = kolada.raw[PATH]
    with pytest.raises(KoladaResponseError, match="sidor utan slut"):
        sync_organisation("sdn-test", 2025)


def test_an_answer_larger_than_the_limit_is_not_read(kolada, annual_report, settings):
    settings.KOLADA_MAX_RESPONSE_BYTES = 1000
    two_pages(kolada, b'{"values": [], "pad": "' + b"x" * 5000 + b'"}')
    with pytest.raises(KoladaResponseError, match="högst 1000 byte"):
        sync_organisation("sdn-test", 2025)


def test_kolada_out_of_reach_ends_in_swedish_with_nothing_changed(annual_report, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.KOLADA_BASE_URL = f"http://127.0.0.1:{port}/v3"
    before = figures()
    with pytest.raises(CommandError, match="Kolada kunde inte nås .*inget har ändrats"):
        call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2025")
    assert_nothing_written(before)


def test_a_slow_kolada_times_out(kolada, annual_report, settings, monkeypatch):
    import time

    settings.KOLADA_TIMEOUT_SECONDS = 1
    original = kolada.answer

    def slow(target):
        time.sleep(1.5)
        return original(target)

    monkeypatch.setattr(kolada, "answer", slow)
    with pytest.raises(KoladaUnavailable, match="Timeout"):
        sync_organisation("sdn-test", 2025)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(lambda x: abs(x.adjusted()) < 30)
)
def test_a_json_number_is_read_exactly_as_written(value):
    text = format(value, "f")
    assert parse_json(f'{{"v": {text}}}'.encode(), "test") == {"v": D(text)}


@settings(max_examples=300)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_read_or_refused_never_crash(body):
    try:
        parse_json(body, "test")
    except KoladaResponseError as error:
        assert "Kolada" in str(error)


def test_an_answer_that_trickles_in_is_cut_off_at_the_timeout(kolada, annual_report, settings):
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Trickle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(40):  # a byte every 0.1 s: each read is quick, the whole is not
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.KOLADA_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}/v3"
    settings.KOLADA_TIMEOUT_SECONDS = 1
    try:
        with pytest.raises(KoladaUnavailable, match="för långsamt"):
            sync_organisation("sdn-test", 2025)
    finally:
        server.shutdown()
        server.server_close()


def test_a_message_never_carries_control_characters_from_the_answer(kolada, annual_report):
    two_pages(kolada, page(item(kpi='"N9\\u001b[31m"')))
    with pytest.raises(KoladaResponseError) as raised:
        sync_organisation("sdn-test", 2025)
    assert "\x1b" not in str(raised.value) and "\\u001b" in str(raised.value)


def test_a_compressed_answer_is_read_and_a_compression_bomb_is_not(kolada, annual_report, settings):
    from tests.kolada.test_sync import three_kpis

    kolada.gzip = True
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    assert figures()["Indikator N00002"] == (D("12"), D("11.25"), D("12.75"))
    settings.KOLADA_MAX_RESPONSE_BYTES = 100_000
    two_pages(kolada, b'{"values": [], "pad": "' + b" " * 5_000_000 + b'"}')  # about 5 kB compressed
    with pytest.raises(KoladaResponseError, match="mer än 100000 byte"):
        sync_organisation("sdn-test", 2025)
