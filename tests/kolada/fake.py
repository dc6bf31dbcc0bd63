"""A local Kolada v3: an HTTP server in a thread that answers in the documented v3 shape.

``FakeKolada.values[(kpi, area, year)]`` holds the JSON text of each gender's value ("74.1",
"null"), so numbers reach the client exactly as written. Answers are paged ``per_page`` items a
page with ``next_url`` (or ``next_page``); ``raw[path]`` replaces the answer for a path with a
hostile one (status, body). Every request is recorded (path and query).
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ROUTE = re.compile(r"^/v3/(data|oudata)/kpi/([^/]+)/(municipality|ou)/([^/]+)/year/([0-9]+)$")


class FakeKolada:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str, int], dict[str, str]] = {}
        self.deleted: set[tuple[str, str, int, str]] = set()
        self.raw: dict[str, tuple[int, bytes]] = {}
        self.busy: dict[str, int] = {}  # path: how many more times to answer 429 first
        self.per_page = 100
        self.gzip = False  # answer compressed (Content-Encoding: gzip)
        self.next_key = "next_url"
        self.requests: list[tuple[str, dict[str, list[str]]]] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                status, body = fake.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if fake.gzip:
                    body = gzip.compress(body)
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, target: str) -> tuple[int, bytes]:
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        with self.lock:
            self.requests.append((parts.path, query))
        if self.busy.get(parts.path):
            self.busy[parts.path] -= 1
            return 429, b'{"error": "too many requests"}'
        if parts.path in self.raw:
            return self.raw[parts.path]
        match = ROUTE.match(parts.path)
        if match is None:
            return 404, b'{"error": "not found"}'
        _, ids, route, area, year = match.groups()
        kpis = ids.split(",")
        if len(kpis) > 25:
            return 400, b'{"error": "too many ids"}'
        items = [
            self._item(kpi, route, area, int(year)) for kpi in kpis if (kpi, area, int(year)) in self.values
        ]
        page = int(query.get("page", ["1"])[0])
        chunk = items[(page - 1) * self.per_page : page * self.per_page]
        following = None
        if page * self.per_page < len(items):
            rest = {"page": str(page + 1)}
            if "from_date" in query:
                rest["from_date"] = query["from_date"][0]
            following = f"{self.base_url}{parts.path[3:]}?" + "&".join(f"{k}={v}" for k, v in rest.items())
        body = (
            '{"values": ['
            + ", ".join(chunk)
            + f'], "count": {len(chunk)}, "{self.next_key}": {json.dumps(following)}}}'
        )
        return 200, body.encode()

    def _item(self, kpi: str, route: str, area: str, year: int) -> str:
        entries = ", ".join(
            f'{{"gender": "{gender}", "value": {text}, "count": 1, "status": "", '
            f'"isdeleted": {"true" if (kpi, area, year, gender) in self.deleted else "false"}}}'
            for gender, text in self.values[(kpi, area, year)].items()
        )
        return f'{{"kpi": "{kpi}", "{route}": "{area}", "period": {year}, "values": [{entries}]}}'
