"""End to end in headless Chromium, two sessions: rut comments and mentions anna; anna sees the
notification in the header, follows it to the goal and resolves the comment. axe-core passes."""

from __future__ import annotations

import re

import pytest

from styrkort.workspace.models import Comment
from tests.browser import serious_axe_violations
from tests.web import test_e2e
from tests.web.helpers import BASE, assessment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


session = test_e2e.session  # the core's signed-in pages, reused (browser: tests/conftest.py)


def test_a_mention_reaches_the_other_session_and_is_resolved_there(session):
    goal_url = f"{BASE}mal/{assessment('1.1.1').pk}/"
    anna = session("anna")
    anna.goto("/")
    messages = anna.get_by_role("link", name=re.compile(r"^Meddelanden"))
    assert messages.inner_text().strip() == "Meddelanden"  # nothing unread yet

    rut = session("rut")
    errors: list[str] = []
    rut.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    rut.goto(goal_url)
    thread = rut.locator(".comment-thread")
    thread.get_by_label("Ny kommentar").fill('@anna kan du läsa analysen? <img src=x onerror="alert(1)">')
    thread.get_by_role("button", name="Spara kommentaren").click()
    rut.get_by_text("Kommentaren är sparad.").wait_for()
    assert rut.url.endswith(goal_url)  # htmx: the thread was replaced, the page stayed
    assert "<img src=x" in rut.locator(".comment-text").inner_text()  # shown as text, never run
    violations = serious_axe_violations(rut)
    assert violations == [], [
        (v["id"], [n["html"] for n in v["nodes"]], [n["failureSummary"] for n in v["nodes"]])
        for v in violations
    ]
    assert not [e for e in errors if "Content Security Policy" in e]

    anna.reload()
    assert anna.get_by_role("link", name="Meddelanden 1 oläst", exact=True).count() == 1
    anna.get_by_role("link", name=re.compile(r"^Meddelanden")).click()
    anna.get_by_text("Rut nämnde dig i en kommentar om målet 1.1.1").wait_for()
    assert serious_axe_violations(anna) == []
    anna.get_by_role("button", name="Öppna", exact=True).first.click()
    anna.wait_for_url(re.compile(re.escape(goal_url) + "$"))
    comment = anna.locator(".comment").first
    comment.get_by_text("kan du läsa analysen?").wait_for()
    comment.get_by_role("button", name=re.compile("Markera som löst")).click()
    anna.get_by_text("Kommentaren är markerad som löst.").wait_for()
    assert Comment.objects.get().resolved_by.username == "anna"
    assert anna.get_by_role("link", name=re.compile(r"^Meddelanden")).inner_text().strip() == "Meddelanden"

    # The controller sets a deadline from the overview; rut's to-do list shows it.
    anna.goto(BASE)
    anna.get_by_role("link", name="Ange tidsfrister för rapportens delar").click()
    anna.get_by_label("Indikatorer").fill("2026-05-05")
    anna.get_by_role("button", name="Spara tidsfristerna").click()
    anna.get_by_text("Tidsfristerna är sparade.").wait_for()
    assert serious_axe_violations(anna) == []

    # Where an activity appears, its comments open in place (htmx), and rut's to-do list.
    rut.goto(BASE + "aktiviteter/")
    rut.locator("summary", has_text="Kommentarer").first.click()
    rut.locator(".comment-slot").first.get_by_text("Inga kommentarer ännu.").wait_for()
    rut.goto("/att-gora/")
    rut.get_by_role("heading", name=re.compile("Nämnd sdn-test")).wait_for()
    assert "Indikatorer: senast 2026-05-05" in rut.content()
    assert serious_axe_violations(rut) == []
