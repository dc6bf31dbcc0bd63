"""Pages of a rendered report as PNG images, to read the report as a controller would.

    .venv/bin/python scripts/report_pages.py example -o var/pages        # the example (../shared/seeds)
    .venv/bin/python scripts/report_pages.py demo -o var/pages           # the largest demo committee

Renders the report as PDF (the same renderer as `styrkort render`), then every page with
`pdftoppm` at 80 dpi into `DIR/<source>-<page>.png`. No database: the example is parsed from
its ILS text and the demo generated in memory. The example's pages are written under `var/`
and never committed: they are the example report's text, which stays out of the repository.
The demo's pages in `docs/report-page-*.png` come from this script.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
os.environ.setdefault("DEBUG", "true")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", choices=("example", "demo"))
    parser.add_argument("-o", "--output-dir", type=Path, default=REPO / "var" / "pages")
    parser.add_argument("--dpi", type=int, default=80)
    arguments = parser.parse_args()

    import django

    django.setup()
    from bench import SEED, load_report

    from styrkort.reports.pdf import render_pdf

    if arguments.source == "example" and not SEED.exists():
        print(f"Exemplet saknas: {SEED}", file=sys.stderr)
        return 1
    arguments.output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(render_pdf(load_report(arguments.source)))
        prefix = arguments.output_dir / arguments.source
        subprocess.run(["pdftoppm", "-png", "-r", str(arguments.dpi), str(pdf), str(prefix)], check=True)
    pages = sorted(arguments.output_dir.glob(f"{arguments.source}-*.png"))
    print(f"{len(pages)} sidor i {arguments.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
