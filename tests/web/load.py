"""A small load tool: N concurrent clients fetch pages as one signed-in user; prints the medians.

    python tests/web/load.py http://127.0.0.1:8001 controller styrkort-demo 20 200 URL...

Run the server in another process (e.g. gunicorn). Not a test: pytest does not collect it.
"""

from __future__ import annotations

import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def signed_in_opener(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/konto/logga-in/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(f"{base}/konto/logga-in/", data.encode(), headers={"Referer": base})
    opener.open(request).read()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise SystemExit("inloggningen misslyckades")
    return opener


def measure(opener, url: str, clients: int, requests: int) -> list[float]:
    def one(_):
        started = time.perf_counter()
        with opener.open(url) as response:
            response.read()
            assert response.status == 200, response.status
        return time.perf_counter() - started

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(clients)))  # warm up
        return list(pool.map(one, range(requests)))


def main() -> None:
    base, username, password, clients, requests, *paths = sys.argv[1:]
    opener = signed_in_opener(base, username, password)
    for path in paths:
        started = time.perf_counter()
        times = measure(opener, base + path, int(clients), int(requests))
        elapsed = time.perf_counter() - started
        print(
            f"{path}: median {statistics.median(times) * 1000:.0f} ms, "
            f"p90 {statistics.quantiles(times, n=10)[-1] * 1000:.0f} ms, "
            f"{int(requests) / elapsed:.1f} req/s ({clients} clients, {requests} requests)"
        )


if __name__ == "__main__":
    main()
