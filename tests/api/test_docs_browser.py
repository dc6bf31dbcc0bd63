"""In headless Chromium: the API's documentation page works offline (every request goes to the
application itself) within the Content-Security-Policy, and so does the token page."""

from __future__ import annotations

import pytest

from tests.browser import serious_axe_violations
from tests.security.test_browser import new_page, violations  # noqa: F401
from tests.web.conftest import PASSWORD  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_renders_from_local_files_within_the_policy(browser, live_server, users):  # noqa: F811
    page = new_page(browser, live_server, "anna")
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live_server.url) else elsewhere.append(request.url),
    )
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for(timeout=15000)
    assert "Styrkort" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path").count() >= 10  # every operation listed
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert violations(page) == []
    page.goto("/konto/api-nycklar/")
    page.get_by_label("Vad nyckeln ska användas till (valfritt)").fill("Webbläsaren")
    page.get_by_role("button", name="Skapa nyckel").click()
    assert page.get_by_label("Nyckel", exact=True).input_value().startswith("styrkort_")
    assert violations(page) == []
    assert serious_axe_violations(page) == []
    page.context.close()
