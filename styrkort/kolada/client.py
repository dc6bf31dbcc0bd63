"""Kolada v3 over HTTP: the yearly values of KPIs for a municipality or an organisation unit.

Routes (``KOLADA_BASE_URL``, default ``https://api.kolada.se/v3``):
``/data/kpi/{ids}/municipality/{id}/year/{year}`` and ``/oudata/kpi/{ids}/ou/{id}/year/{year}``,
at most 25 KPI ids a request (longer lists are split), ``from_date=YYYY-MM-DD`` for what changed
since then. Every page is followed through ``next_url`` (or ``next_page``) until it is empty; a
next page must stay under the base URL, and a page seen twice ends the run.

Reading is strict, and a response that does not follow the documented shape refuses the whole
fetch with ``KoladaResponseError`` (Swedish, saying which request and what): JSON numbers are read
as ``Decimal`` from their text with the exchange format's grammar (``from_exchange``: no floats,
no exponents, no NaN), duplicate keys are refused, each value must fit an indicator figure
(``INDICATOR``: 12 digits, 4 decimals; never rounded), ``value`` is a number or ``null`` (missing,
never 0), the KPI, municipality or unit and year must be the ones asked for, and a body larger
than ``KOLADA_MAX_RESPONSE_BYTES`` is not read. Network faults, timeouts, HTTP 5xx and 429 (after
``KOLADA_RETRIES`` waits) are ``KoladaUnavailable``, an ``OSError``: transient, so the background
task tries again later. Between requests the client pauses ``KOLADA_PAUSE_SECONDS`` (Kolada asks
for about five requests a second).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlsplit

import requests
import urllib3

from styrkort.domain.numbers import INDICATOR, figure_problem, from_exchange

Route = Literal["municipality", "ou"]
KPI_ID = re.compile(r"[NU][0-9]{5}")
AREA_ID = re.compile(r"[A-Z0-9]{1,20}")
MAX_IDS = 25  # Kolada answers 400 to more ids in one segment
GENDERS = ("T", "K", "M")
USER_AGENT = "Styrkort (mål- och budgetuppföljning; https://styrkort.se)"


class KoladaError(Exception):
    """The sync could not be done; the message is Swedish and says what and where."""


class KoladaUnavailable(KoladaError, OSError):
    """Kolada could not be reached or answered with a fault: try again later."""


class KoladaResponseError(KoladaError):
    """Kolada answered with something that is not the documented v3 response."""


@dataclass(frozen=True)
class Value:
    """One value of a KPI for a municipality or unit and year: ``gender`` T (total), K or M."""

    kpi: str
    area: str
    year: int
    gender: str
    value: Decimal | None
    deleted: bool = False


@dataclass(frozen=True)
class Options:
    """How the client talks to Kolada (the ``KOLADA_*`` settings)."""

    base_url: str = "https://api.kolada.se/v3"
    timeout: float = 30.0
    pause: float = 0.2
    retries: int = 3
    max_bytes: int = 20_000_000
    max_pages: int = 1000


@dataclass
class Client:
    """Fetches values from Kolada; ``request_count`` counts the HTTP requests made."""

    options: Options = field(default_factory=Options)
    sleep: Callable[[float], None] = time.sleep
    request_count: int = 0
    _session: requests.Session = field(default_factory=requests.Session)
    _last: float | None = None

    def __post_init__(self) -> None:
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})

    def close(self) -> None:
        self._session.close()

    def values(
        self, route: Route, kpis: Iterable[str], area: str, year: int, from_date: date | None = None
    ) -> list[Value]:
        """Every value of the KPIs for the municipality (or unit) ``area`` and ``year``."""
        kpis = sorted(set(kpis))
        for kpi in kpis:
            if not KPI_ID.fullmatch(kpi):
                raise KoladaError(f"”{kpi}” är inget nyckeltal i Kolada (N eller U och fem siffror)")
        if not AREA_ID.fullmatch(area):
            raise KoladaError(f"”{area}” är inget Kolada-id (versaler A–Z och siffror)")
        found: dict[tuple[str, str], Value] = {}
        for start in range(0, len(kpis), MAX_IDS):
            chunk = kpis[start : start + MAX_IDS]
            prefix = "data" if route == "municipality" else "oudata"
            url = f"{self.options.base_url.rstrip('/')}/{prefix}/kpi/{','.join(chunk)}/{route}/{area}/year/{year}"
            params = {"from_date": from_date.isoformat()} if from_date else None
            for page in self._pages(url, params):
                for value in _read_page(page, route, set(chunk), area, year):
                    key = (value.kpi, value.gender)
                    earlier = found.get(key)
                    if earlier is not None and earlier != value:
                        raise KoladaResponseError(
                            f"Kolada gav två olika värden för {value.kpi} ({_GENDER_WORDS[value.gender]}) "
                            f"för {area} år {year}"
                        )
                    found[key] = value
        return list(found.values())

    def _pages(self, url: str, params: dict[str, str] | None) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            if next_url in seen or len(seen) >= self.options.max_pages:
                raise KoladaResponseError(f"Kolada svarade med sidor utan slut ({len(seen)} sidor för {url})")
            seen.add(next_url)
            page = self._get(next_url, params if next_url == url else None)
            yield page
            following = page.get("next_url", page.get("next_page"))
            if following is not None and not isinstance(following, str):
                raise KoladaResponseError(f"Kolada svarade med en nästa sida som inte är en adress ({url})")
            next_url = following or None
            if next_url is not None and not _under(next_url, self.options.base_url):
                raise KoladaResponseError(
                    f"Kolada svarade med en nästa sida på en annan adress än {self.options.base_url}: "
                    f"{_shown(next_url)}"
                )

    def _get(self, url: str, params: dict[str, str] | None) -> dict[str, Any]:
        for attempt in range(self.options.retries + 1):
            self._wait()
            self.request_count += 1
            try:
                with self._session.get(
                    url, params=params, timeout=self.options.timeout, stream=True
                ) as response:
                    if response.status_code == 429 and attempt < self.options.retries:
                        self.sleep(
                            _retry_after(response.headers.get("Retry-After"), self.options.pause, attempt)
                        )
                        continue
                    _check_status(response.status_code, url)
                    body = _read_body(response, self.options.max_bytes, url, self.options.timeout)
            except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
                raise KoladaUnavailable(
                    f"Kolada kunde inte nås ({type(error).__name__}) vid {url}; inget har ändrats"
                ) from error
            page = parse_json(body, url)
            if not isinstance(page, dict) or not isinstance(page.get("values"), list):
                raise KoladaResponseError(f"Kolada svarade inte med en lista av värden (”values”) för {url}")
            return page
        raise KoladaUnavailable(f"Kolada bad oss vänta (429) för många gånger vid {url}; inget har ändrats")

    def _wait(self) -> None:
        now = time.monotonic()
        if self._last is not None and self.options.pause > 0:
            rest = self.options.pause - (now - self._last)
            if rest > 0:
                self.sleep(rest)
        self._last = time.monotonic()


_GENDER_WORDS = {"T": "totalt", "K": "kvinnor", "M": "män"}


def _under(url: str, base: str) -> bool:
    """Whether ``url`` lies under ``base``: same scheme, host and port, and a path beneath it."""
    target, root = urlsplit(url), urlsplit(base)
    return (
        target.scheme == root.scheme
        and target.netloc == root.netloc
        and target.path.startswith(root.path.rstrip("/") + "/")
    )


def _retry_after(header: str | None, pause: float, attempt: int) -> float:
    if header and header.strip().isdigit():
        return min(float(header.strip()), 60.0)
    return min(max(pause, 0.5) * 2**attempt, 60.0)


def _check_status(status: int, url: str) -> None:
    if status == 200:
        return
    if status == 429 or status >= 500:
        raise KoladaUnavailable(f"Kolada svarade {status} (fel hos Kolada) för {url}; inget har ändrats")
    if status in (400, 404):
        raise KoladaResponseError(
            f"Kolada svarade {status} för {url}: okänd adress, okänt id eller för lång fråga"
        )
    raise KoladaResponseError(f"Kolada svarade {status} för {url}")


def _read_body(response: requests.Response, limit: int, url: str, timeout: float) -> bytes:
    """The body, at most ``limit`` bytes (decompressed), within ``timeout`` seconds in all: the
    client's timeout is per read, and a server that sends a byte at a time would otherwise hold
    the run for ever, so each step reads the socket once (``read1``) and the clock is checked."""
    deadline = time.monotonic() + timeout
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise KoladaResponseError(f"Kolada svarade med {declared} byte för {url}; högst {limit} byte läses")
    chunks, size = [], 0
    while chunk := response.raw.read1(65536, decode_content=True):  # one read of the socket at most
        size += len(chunk)
        if size > limit:
            raise KoladaResponseError(f"Kolada svarade med mer än {limit} byte för {url}")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise KoladaUnavailable(
                f"Kolada svarade för långsamt (över {timeout:g} s) för {url}; inget har ändrats"
            )
    return b"".join(chunks)


def parse_json(body: bytes, where: str) -> Any:
    """A Kolada response read strictly: numbers as Decimal by the exchange grammar, no NaN or
    exponents, no duplicate keys; anything else is a ``KoladaResponseError`` naming ``where``."""

    def number(text: str) -> Decimal:
        try:
            figure = from_exchange(text)
        except ValueError:
            raise KoladaResponseError(
                f"Kolada svarade med talet ”{text[:40]}”, som inte kan läsas exakt ({where})"
            ) from None
        assert figure is not None
        return figure

    def constant(name: str) -> Any:
        raise KoladaResponseError(f"Kolada svarade med ”{name}”, som inget tal ({where})")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                raise KoladaResponseError(f"Kolada svarade med fältet ”{key[:40]}” två gånger ({where})")
            found[key] = value
        return found

    try:
        return json.loads(
            body, parse_float=number, parse_int=number, parse_constant=constant, object_pairs_hook=pairs
        )
    except KoladaResponseError:
        raise
    except RecursionError:
        raise KoladaResponseError(f"Kolada svarade med JSON som är för djupt nästlad ({where})") from None
    except ValueError as error:  # JSONDecodeError, and bytes that are no UTF-8
        raise KoladaResponseError(f"Kolada svarade inte med JSON ({where}): {str(error)[:120]}") from None


def _read_page(page: dict[str, Any], route: Route, kpis: set[str], area: str, year: int) -> Iterator[Value]:
    for index, item in enumerate(page["values"]):
        where = f"värde {index + 1} i svaret för {area} år {year}"
        if not isinstance(item, dict):
            raise KoladaResponseError(f"{where}: inget objekt")
        kpi, item_area, period = item.get("kpi"), item.get(route), item.get("period")
        if not isinstance(kpi, str) or kpi not in kpis:
            raise KoladaResponseError(f"{where}: nyckeltalet {_shown(kpi)} efterfrågades inte")
        if item_area != area:
            raise KoladaResponseError(f"{where}: {_shown(item_area)} är inte {area}, som efterfrågades")
        if not isinstance(period, Decimal) or period != year:
            raise KoladaResponseError(f"{where}: året {_shown(period)} är inte {year}, som efterfrågades")
        entries = item.get("values")
        if not isinstance(entries, list):
            raise KoladaResponseError(f"{where} ({kpi}): ”values” är ingen lista")
        for entry in entries:
            yield _read_value(entry, kpi, area, year, f"{where} ({kpi})")


def _read_value(entry: Any, kpi: str, area: str, year: int, where: str) -> Value:
    if not isinstance(entry, dict):
        raise KoladaResponseError(f"{where}: ett värde är inget objekt")
    gender, value, deleted = entry.get("gender"), entry.get("value"), entry.get("isdeleted", False)
    if gender not in GENDERS:
        raise KoladaResponseError(f"{where}: könet {_shown(gender)} är varken T, K eller M")
    if value is not None and not isinstance(value, Decimal):
        raise KoladaResponseError(f"{where}, {_GENDER_WORDS[gender]}: {_shown(value)} är inget tal")
    if not isinstance(deleted, bool):
        raise KoladaResponseError(f"{where}, {_GENDER_WORDS[gender]}: ”isdeleted” är varken true eller false")
    if value is not None:
        problem = figure_problem(value, INDICATOR)
        if problem is not None:
            raise KoladaResponseError(
                f"{where}, {_GENDER_WORDS[gender]}: talet {_shown(str(value))} {problem}"
            )
    return Value(kpi, area, year, gender, value, deleted)


def _shown(value: Any) -> str:
    """A value from the answer as a message shows it: control characters escaped, at most 40."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    text = text[1:-1] if isinstance(value, str) else text
    return f"”{text[:40]}…”" if len(text) > 40 else f"”{text}”"
