"""A screenshot of the indicator grid as a person sees it, at a given width (docs/screenshot-grid.png).

Run against a server with the demo (``make demo``, or ``styrkort generate-demo`` and
``styrkort demo-users`` then ``styrkort runserver``):

    .venv/bin/python scripts/grid_screenshot.py http://127.0.0.1:8000 -o docs/screenshot-grid.png

It signs in as the demo's committee controller, opens Norra stadsdelsnämnden's 2026-T1 grid with
Debian's Chromium (``/usr/bin/chromium``) at 1366 × 900 px, filtered to one status when
``--status`` is given, scrolls the grid's own box a little (its header row and indicator column
stay in place) and saves the page as PNG.
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("-o", "--output", default="docs/screenshot-grid.png")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--status", default="", help="met, partly_met, not_met, no_data or unclear")
    parser.add_argument("--user", default="controller")
    parser.add_argument("--password", default="styrkort-demo")
    options = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        page = browser.new_context(
            base_url=options.base_url, viewport={"width": options.width, "height": options.height}
        ).new_page()
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(options.user)
        page.get_by_label("Lösenord").fill(options.password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        query = f"?status={options.status}" if options.status else ""
        page.goto(f"/rapporter/sdn-norra/2026-T1/indikatorer/{query}")
        page.locator(".grid-form .table-scroll").evaluate("box => { box.scrollTop = 420; }")
        page.screenshot(path=options.output)
        browser.close()


if __name__ == "__main__":
    main()
