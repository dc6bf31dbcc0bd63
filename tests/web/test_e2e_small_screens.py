"""Every page issue 13 added, in headless Chromium at 390 px wide and at 1 366 px with 200 % zoom.

200 % zoom is taken as its CSS viewport: a 1 366 × 768 window zoomed to 200 % lays pages out in
683 × 384 CSS pixels (what media queries and ``window.innerWidth`` see), so the page is opened at
that viewport. On each page: the page itself never scrolls sideways (``scrollWidth`` of the
document at most the window's width; a wide table scrolls inside its own box, which is meant),
and axe-core finds nothing serious or critical.

Set ``STYRKORT_LAYOUT_SHOTS`` to a folder to save a full-page PNG of each page and layout there
(to look at them: a page that passes and looks broken is not done).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from styrkort.followup.models import Report
from styrkort.workspace.models import Deadline, Notification
from tests.browser import serious_axe_violations
from tests.web import test_e2e
from tests.web.helpers import BASE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
session = test_e2e.session  # the core's signed-in pages, reused (browser: tests/conftest.py)

LAYOUTS = {"390px": (390, 844), "zoom200": (683, 384)}
PAGES = {  # who opens it, and where
    "summary": ("anna", BASE + "sammanfattning/"),
    "decision-page": ("anna", BASE + "beslutssida/"),
    "commentary": ("anna", BASE + "ekonomi/kommentar/"),
    "proposals": ("anna", BASE + "forslag/"),
    "search": ("anna", BASE + "sok/?q=barn"),
    "economy": ("anna", BASE + "ekonomi/"),
    "reading": ("bertil", BASE + "las/"),
    "city-setup": ("stina", "/stad/testkommun/installningar/"),
    "city-goals": ("stina", "/stad/testkommun/mal/2026/"),
    "todo": ("rut", "/att-gora/"),
    "notifications": ("rut", "/meddelanden/"),
}


def with_work_to_do(users) -> None:
    """A deadline and a message for rut, so that her to-do list and messages are not empty."""
    report = Report.objects.get(organisation__code="sdn-test", period__kind="T1")
    Deadline.objects.create(report=report, part="indicators", due=date(2026, 5, 5))
    Notification.objects.create(
        user=users["rut"],
        report=report,
        kind=Notification.Kind.ASSIGNED,
        text="Anna har gett dig indikatorn Andel legitimerade förskollärare att rapportera.",
        path=BASE + "indikatorer/",
    )


# The outermost elements reaching past the window's right edge outside a box of their own that
# clips or scrolls: what makes the page scroll sideways (named in the failure).
TOO_WIDE = """() => {
  const width = window.innerWidth, found = [];
  const past = (element) => element.getBoundingClientRect().right > width + 0.5;
  const inOwnBox = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible' && !past(up)) return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll('*')) {
    if (!past(element) || inOwnBox(element)) continue;
    const parent = element.parentElement;
    if (parent !== document.body && past(parent)) continue;
    const classes = typeof element.className === 'string' ? element.className.trim() : '';
    found.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
      + (classes ? '.' + classes.split(/\\s+/).join('.') : ''));
  }
  return found.slice(0, 4);
}"""


def sideways(page) -> int:
    """How far the page itself scrolls sideways (0: it does not)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_new_page_fits_the_width_and_passes_axe(session, users, layout):
    with_work_to_do(users)
    width, height = LAYOUTS[layout]
    shots = os.environ.get("STYRKORT_LAYOUT_SHOTS")
    pages: dict[str, object] = {}
    problems = []
    for name, (persona, url) in PAGES.items():
        if persona not in pages:
            pages[persona] = session(persona)
        page = pages[persona]
        page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
        response = page.goto(url)  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, (name, response and response.status)
        if (overflow := sideways(page)) > 0:
            problems.append(f"{name}: scrolls {overflow} px sideways ({', '.join(page.evaluate(TOO_WIDE))})")  # type: ignore[attr-defined]
        violations = serious_axe_violations(page)
        problems += [f"{name}: {v['id']} ({len(v['nodes'])})" for v in violations]
        if shots:
            page.screenshot(path=str(Path(shots) / f"{layout}-{name}.png"), full_page=True)  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)
