"""Benchmark of the report renderers (`make bench`): PDF, DOCX and HTML, against LibreOffice.

Two reports: the example (the ILS text in ../shared/seeds, parsed with parse_ils) and the
largest demo committee's latest tertial report (generate_demo, no database). For each report
and format, a fresh child process renders once to warm up and then 5 times, and reports the
median and min–max time and its peak memory (ru_maxrss) and growth of resident memory over
the renders. These in-process figures are not compared with LibreOffice: Typst memoises the
layout of a report rendered again in the same process ("memoised"), and "first render" leaves
out the interpreter's start-up.

Like for like (whole process against whole process, medians of warm-up + 5 runs each, in the
same run): on a scratch SQLite database holding the demo, `styrkort render --organisation
sdn-norra --period 2026-T2 --format pdf` as a user runs it (start-up, database, build, render,
file) against LibreOffice converting Styrkort's own DOCX of the same report (`soffice --headless
--convert-to pdf`, a new process each time). The ratio printed is that of the two medians.

The web download: in a child process on the same database (Django's test client, no HTTP
server), the PDF download of reports not rendered before, one after another: each is a
different committee's report, the document cache emptied first, rendered by the warm render
worker (reports/worker.py) as the web application does. The load test (scripts/bench_load.py)
measures the same through gunicorn on PostgreSQL.

LibreOffice is needed only here: `bash scripts/install-bench-deps.sh` installs it.

`python scripts/bench.py --stages` prints instead where a PDF of new data spends its CPU, for
each demo committee's 2026-T1 report (generate_demo, no database): `typst_input` (in the web's
process), Typst's compile and the finishing pass through pikepdf (in the render worker). Each run is a fresh process that first renders another
committee's report (a warm worker), then times each stage once; medians of RUNS runs (BENCH_RUNS, default 5).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "hasselby-vallingby-tertialrapport-1-2026.txt"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
FORMATS = ("pdf", "pdf-subprocess", "docx", "html")
STYRKORT = str(Path(sys.executable).with_name("styrkort"))
WHOLE = ("sdn-norra", "2026-T2")  # the demo's largest committee, its latest tertial report
WEB_COMMITTEES = 6  # the demo's first six committees: a warm-up plus five reports new to the web
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")


def load_report(source: str):
    """ReportData of the example ("example") or of the largest demo committee ("demo")."""
    from styrkort.reports.build import report_data_from_followup

    if source == "example":
        from styrkort.ils import parse_ils

        return report_data_from_followup(parse_ils(SEED.read_text(encoding="utf-8")).followup)
    from styrkort.demo import LARGEST_COMMITTEE_CODE, generate_demo

    mine = [
        f
        for f in generate_demo()
        if f.organisation.code == LARGEST_COMMITTEE_CODE and f.period.kind in ("T1", "T2")
    ]
    latest = max(mine, key=lambda f: (f.period.year, f.period.kind))
    return report_data_from_followup(latest)


def resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(source: str, format: str) -> None:
    """Render warm-up + RUNS times in this process and print the figures as JSON."""
    import django

    django.setup()
    from styrkort.reports.docx import render_docx
    from styrkort.reports.html import render_html
    from styrkort.reports.pdf import render_pdf, render_pdf_in_subprocess

    report = load_report(source)
    if format == "pdf-first":  # one render with Typst's caches empty, timed without interpreter start-up
        start = time.perf_counter()
        render_pdf(report)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"times": [elapsed], "peak_mb": peak, "growth_mb": 0.0, "size": 0}))
        return

    def render_docx_anew(report):  # draw the charts each time, as for new data (raster keeps the last few)
        from styrkort.reports.raster import chart_pngs

        chart_pngs.cache_clear()
        return render_docx(report)

    render = {
        "pdf": render_pdf,
        "pdf-subprocess": render_pdf_in_subprocess,
        "docx": render_docx_anew,
        "html": render_html,
    }[format]
    before = resident_mb()
    output = render(report)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        output = render(report)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if format == "pdf-subprocess":
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {"times": times, "peak_mb": peak, "growth_mb": resident_mb() - before, "size": len(output)}
        )
    )
    if format == "docx" and len(sys.argv) > 4:
        Path(sys.argv[4]).write_bytes(output)


def measure(source: str, format: str, docx_path: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--child", source, format]
    if docx_path is not None:
        command.append(str(docx_path))
    completed = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    if completed.returncode != 0:
        raise SystemExit(f"{source} {format} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure_first_render(source: str) -> dict:
    """A warm-up plus RUNS children, each timing its first PDF render of the report (new data)."""
    results = [measure(source, "pdf-first") for _ in range(RUNS + 1)][1:]
    return {
        "times": [r["times"][0] for r in results],
        "peak_mb": max(r["peak_mb"] for r in results),
        "growth_mb": 0.0,
    }


def libreoffice(docx_path: Path) -> list[float] | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    times = []
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        command = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            out,
            str(docx_path),
        ]
        for run in range(RUNS + 1):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            if run:
                times.append(time.perf_counter() - start)
    return times


def whole_process(folder: Path) -> dict[str, list[float]]:
    """`styrkort render` of a stored report as whole processes, the DOCX of the same report
    converted by LibreOffice as whole processes, and the web download (see the docstring)."""
    env = {**os.environ, "STYRKORT_VAR_DIR": str(folder), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)  # a scratch SQLite database under folder

    def styrkort(*arguments: str) -> None:
        subprocess.run([STYRKORT, *arguments], env=env, check=True, capture_output=True, cwd=REPO)

    styrkort("migrate", "-v0")
    styrkort("generate-demo", "--committees", str(WEB_COMMITTEES))
    code, period = WHOLE
    render = ("render", "--organisation", code, "--period", period)
    docx = folder / f"{code}.docx"
    styrkort(*render, "--format", "docx", "-o", str(docx))
    times = []
    for run in range(RUNS + 1):
        started = time.perf_counter()
        styrkort(*render, "--format", "pdf", "-o", str(folder / f"{code}.pdf"))
        if run:
            times.append(time.perf_counter() - started)
    found = {"styrkort render (whole process)": times}
    converted = libreoffice(docx)
    if converted is not None:
        found["LibreOffice docx → pdf (whole process)"] = converted
    completed = subprocess.run(
        [sys.executable, __file__, "--web"], env=env, capture_output=True, text=True, check=False, cwd=REPO
    )
    if completed.returncode != 0:
        raise SystemExit(f"web download failed:\n{completed.stderr[-3000:]}")
    found["web PDF download (new report)"] = json.loads(completed.stdout.strip().splitlines()[-1])
    return found


def web() -> None:
    """The PDF downloads of reports not rendered before, timed through Django's test client."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.test import Client

    from styrkort.demo.scale import committee_specs
    from styrkort.reports import worker

    user = get_user_model().objects.create_superuser("bench", password="bench-only")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    times = []
    for index, spec in enumerate(committee_specs(WEB_COMMITTEES)):
        caches["documents"].clear()
        started = time.perf_counter()
        response = client.get(f"/rapporter/{spec.code}/2026-T1/rapport.pdf")
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            raise SystemExit(f"{spec.code}: {response.status_code}")
        if index:  # the first starts the render worker
            times.append(elapsed)
    worker.shutdown()
    print(json.dumps(times))


def stage_child(path: str, code: str) -> None:
    """Time each stage of one committee's PDF (CPU) after a warm-up render; print JSON."""
    import pickle

    import django

    django.setup()
    import pikepdf  # noqa: F401  (imported before the timing, as a warm worker had it)
    import typst

    from styrkort.reports import pdf

    reports = pickle.loads(Path(path).read_bytes())
    pdf.render_pdf(reports[next(c for c in sorted(reports) if c != code)])
    found = {}
    started = time.process_time()
    data = pdf.typst_input(reports[code])
    found["typst_input"], started = time.process_time() - started, time.process_time()
    raw = typst.compile(
        str(pdf.TEMPLATE),
        root=str(pdf.HERE),
        font_paths=pdf._typst_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"data": data},
        format="pdf",
        pdf_standards=["a-2b", "ua-1"],
    )
    found["compile"], started = time.process_time() - started, time.process_time()
    pdf.finish(raw)
    found["finish"] = time.process_time() - started
    print(json.dumps(found))


def stages() -> None:
    import pickle

    import django

    django.setup()
    from styrkort.demo import generate_demo
    from styrkort.reports.build import report_data_from_followup

    reports = {
        f.organisation.code: report_data_from_followup(f)
        for f in generate_demo()
        if f.period.key == "2026-T1"
    }
    print(f"CPU seconds per stage, median of {RUNS} fresh processes; load {os.getloadavg()[0]:.1f}")
    names = ("typst_input", "compile", "finish")
    print(f"  {'report':<36}" + "".join(f"{name:>18}" for name in names))
    with tempfile.NamedTemporaryFile(suffix=".pickle") as stored:
        Path(stored.name).write_bytes(pickle.dumps(reports))
        for code in reports:
            runs = []
            for _ in range(RUNS):
                completed = subprocess.run(
                    [sys.executable, __file__, "--stage-child", stored.name, code],
                    capture_output=True,
                    text=True,
                    cwd=REPO,
                )
                if completed.returncode != 0:
                    raise SystemExit(f"{code} failed:\n{completed.stderr[-3000:]}")
                runs.append(json.loads(completed.stdout.strip().splitlines()[-1]))
            medians = [statistics.median(run[name] for run in runs) for name in names]
            print(f"  {code + ' 2026-T1':<36}" + "".join(f"{m:>16.3f} s" for m in medians))
    print(f"  load afterwards {os.getloadavg()[0]:.1f}")


def line(label: str, times: list[float], extra: str = "") -> str:
    median = statistics.median(times)
    return f"  {label:<40} median {median:7.3f} s   min–max {min(times):.3f}–{max(times):.3f} s{extra}"


def main() -> None:
    sources = ["example", "demo"] if SEED.exists() else ["demo"]
    if not SEED.exists():
        print(f"The example report is not here ({SEED}); benchmarking the demo committee only.")
    if shutil.which("soffice") is None:
        print(
            "LibreOffice (soffice) is missing: run `bash scripts/install-bench-deps.sh` for the comparison."
        )
    print(f"{os.cpu_count()} CPUs; each figure: warm-up + {RUNS} runs in a fresh process.")
    for source in sources:
        with tempfile.TemporaryDirectory() as folder:
            docx_path = Path(folder) / f"{source}.docx"
            results = {f: measure(source, f, docx_path if f == "docx" else None) for f in FORMATS}
            results["pdf-first"] = measure_first_render(source)
            print(f"\n{source}:")
            for format, result in results.items():
                label = {
                    "pdf": "pdf (memoised*)",
                    "pdf-subprocess": "pdf (warm worker*)",
                    "pdf-first": "pdf (first render†)",
                }.get(format, format)
                memory = f"   peak {result['peak_mb']:.0f} MB, growth {result['growth_mb']:+.0f} MB"
                print(line(label, result["times"], memory))
    with tempfile.TemporaryDirectory() as folder:
        found = whole_process(Path(folder))
    code, period = WHOLE
    print(
        f"\nwhole process against whole process ({code} {period}, stored in SQLite; warm-up + {RUNS} runs):"
    )
    for label, times in found.items():
        print(line(label, times))
    ours = statistics.median(found["styrkort render (whole process)"])
    if "LibreOffice docx → pdf (whole process)" in found:
        theirs = statistics.median(found["LibreOffice docx → pdf (whole process)"])
        print(f"  LibreOffice / styrkort render, medians of whole processes: {theirs / ours:.1f}×")
    print(
        "\n* The same report rendered again in one process (or in one warm worker): Typst reuses its"
        "\n  memoised layout, so this is a lower bound, not what new data costs."
        "\n† Each run a new process whose Typst caches are empty, timing render_pdf alone: the"
        "\n  render time of new data without the interpreter's start-up."
        "\nOnly the whole-process figures are compared with LibreOffice."
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--web"]:
        web()
    elif sys.argv[1:] == ["--stages"]:
        stages()
    elif len(sys.argv) == 4 and sys.argv[1] == "--stage-child":
        stage_child(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 3 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
