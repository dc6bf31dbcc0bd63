"""Benchmark: `kolada-sync` of 100 KPIs against a local Kolada v3, median of 5 runs after a warm-up.

An annual report with 100 indicators, each with a Kolada id, in a scratch SQLite database; the
local server of the tests (tests/kolada/fake.py) answers with T, K and M for each, 25 KPIs a
request (4 requests). Every run gets new values for T and K (M is null: missing), so each
writes 200 figures with their audit entries in one transaction. Timed twice: with no pause between requests (the work
itself) and with the default pause of 200 ms (what a real run adds to be polite to Kolada).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
KPIS = [f"N{number:05d}" for number in range(1, 101)]


def summary(label: str, times: list[float]) -> str:
    return (
        f"{label:<44} median {statistics.median(times):6.3f} s   min {min(times):.3f}   "
        f"max {max(times):.3f}  ({len(times)} runs)"
    )


def main() -> None:
    scratch = tempfile.TemporaryDirectory()
    os.environ["STYRKORT_VAR_DIR"] = scratch.name
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
    os.environ.setdefault("STYRKORT_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from styrkort.kolada.sync import sync_organisation
    from styrkort.organisations.models import Organisation
    from styrkort.storage.store import save_followup
    from tests.kolada.conftest import kolada_followup
    from tests.kolada.fake import FakeKolada

    call_command("migrate", verbosity=0)
    save_followup(kolada_followup(KPIS))
    Organisation.objects.filter(code="testkommun").update(kolada_id="0180")
    fake = FakeKolada()
    settings.KOLADA_BASE_URL = fake.base_url
    run = 0

    def once() -> float:
        nonlocal run
        run += 1
        for index, kpi in enumerate(KPIS):
            fake.values[(kpi, "0180", 2025)] = {"T": f"{run}.{index}", "K": f"{run}.{index}1", "M": "null"}
        started = time.perf_counter()
        result = sync_organisation("sdn-test", 2025, operator="bench")
        elapsed = time.perf_counter() - started
        assert result.total_changed == 200, result.summary()
        assert result.requests == 4, result.summary()
        return elapsed

    try:
        for pause_ms, label in (
            (0, "kolada-sync, 100 KPIs, no pause"),
            (200, "kolada-sync, 100 KPIs, 200 ms pause"),
        ):
            settings.KOLADA_PAUSE_MS = pause_ms
            once()  # warm-up
            print(summary(label, [once() for _ in range(RUNS)]))
    finally:
        fake.close()
        scratch.cleanup()


if __name__ == "__main__":
    main()
