"""Benchmark: `styrkort import-ils` on the example report, 5 runs after a warm-up.

Times the whole command as a user runs it (a fresh process: start-up, parse, one transaction)
against a scratch SQLite database, and the parse alone in-process. Prints median and min–max.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "hasselby-vallingby-tertialrapport-1-2026.txt"
STYRKORT = str(Path(sys.executable).with_name("styrkort"))
RUNS = 5


def summary(label: str, times: list[float]) -> str:
    return f"{label:<38} median {statistics.median(times):6.3f} s   min {min(times):.3f}   max {max(times):.3f}  ({len(times)} runs)"


def main() -> None:
    if not SEED.exists():
        print(f"skipped: the example report is not at {SEED}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, STYRKORT_VAR_DIR=scratch)
        env.pop("DATABASE_URL", None)
        subprocess.run([STYRKORT, "migrate", "-v0"], env=env, check=True)
        command = [STYRKORT, "import-ils", str(SEED)]
        subprocess.run(command, env=env, check=True, capture_output=True)  # warm-up
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    print(summary("styrkort import-ils (whole command)", times))

    sys.path.insert(0, str(ROOT))
    from styrkort.ils import parse_ils

    text = SEED.read_text(encoding="utf-8")
    parse_ils(text)
    parse_times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        parse_ils(text)
        parse_times.append(time.perf_counter() - started)
    print(summary("parse_ils (in process)", parse_times))


if __name__ == "__main__":
    main()
