"""A screenshot of a report's page as a person sees it (docs/screenshot-grid.png, docs/screenshot-search.png).

Run against a server with the demo (``make demo``, or ``styrkort generate-demo`` and
``styrkort demo-users`` then ``styrkort runserver``):

    .venv/bin/python scripts/page_screenshot.py http://127.0.0.1:8000 -o docs/screenshot-grid.png
    .venv/bin/python scripts/page_screenshot.py http://127.0.0.1:8000 --page "sok/?q=fritid" \
        -o docs/screenshot-search.png

It signs in as the demo's committee controller, opens the page (``--page``, under Norra
stadsdelsnämnden's 2026-T1 report; the entry grid by default) with Debian's Chromium
(``/usr/bin/chromium``) at 1366 × 900 px, scrolls the grid's own box a little where there is one
(its header row and indicator column stay in place) and saves what the window shows as PNG.
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
    parser.add_argument("--page", default="indikatorer/", help="a path under rapporter/sdn-norra/2026-T1/")
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
        page.goto(f"/rapporter/sdn-norra/2026-T1/{options.page}")
        for box in page.locator(".grid-form .table-scroll").all():
            box.evaluate("box => { box.scrollTop = 420; }")
        page.screenshot(path=options.output)
        browser.close()


if __name__ == "__main__":
    main()
