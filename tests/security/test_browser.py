"""In headless Chromium: every main page passes the Content-Security-Policy (no violation is
reported while the page loads and is used), and single sign-on with OpenID Connect against a
real provider (npm's oidc-provider, started here with Node.js; ``make node-deps`` installs it).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from styrkort.goals.models import Measurement
from styrkort.web.sso import StyrkortOIDCBackend
from tests.browser import serious_axe_violations
from tests.web.conftest import PASSWORD
from tests.web.helpers import BASE, assessment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PROVIDER = Path(__file__).resolve().parents[1] / "oidc" / "provider.mjs"
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def new_page(browser, live_server, name: str | None = None):
    """A page in its own context, signed in as ``name`` through the login form, collecting violations."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.console_messages = []  # type: ignore[attr-defined]
    page.on("console", lambda message: page.console_messages.append(message.text))  # type: ignore[attr-defined]
    if name is not None:
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(name)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(lambda url: "/konto/logga-in/" not in url)  # signed in, not mid-request
    return page


def violations(page) -> list[str]:
    found = list(page.evaluate("window.__csp || []"))
    found += [text for text in page.console_messages if "Content Security Policy" in text]
    return found


def test_every_main_page_passes_the_content_security_policy(browser, live_server, users):
    goal = assessment("1.1")
    indicator = Measurement.objects.filter(organisation__code="sdn-test").first().indicator_id
    pages = {
        None: ["/", "/konto/logga-in/", "/finns-inte/"],
        "anna": [
            "/rapporter/",
            BASE,
            BASE + "indikatorer/",
            f"{BASE}indikatorer/{indicator}/historik/",
            f"{BASE}mal/{goal.pk}/",
            BASE + "aktiviteter/",
            BASE + "ekonomi/",
            BASE + "forslag/",
            BASE + "bilagor/",
            BASE + "forhandsgranska/",
            BASE + "rapportorer/",
            BASE + "las/",
        ],
        "bertil": [BASE + "las/"],
        "stina": [
            "/",
            "/stad/testkommun/installningar/",
            "/stad/testkommun/mal/2026/",
            f"/stad/testkommun/mal/2026/{goal.goal_id}/",
            "/stad/testkommun/perioder/ny/",
            "/perioder/oppna/",
        ],
        "admin": [
            "/admin/",
            "/admin/goals/goal/",
            f"/admin/goals/goal/{goal.goal_id}/change/",
            "/admin/auth/user/",
        ],
    }
    found = {}
    for persona, paths in pages.items():
        page = new_page(browser, live_server, persona)
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            if found_here := violations(page):
                found[f"{persona} {path}"] = found_here
        if persona == "anna":  # htmx at work: a typed figure recomputes the status
            page.goto(BASE + "indikatorer/")
            page.locator("table.grid input[name$='-forecast']").first.fill("12")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            if found_here := violations(page):
                found[f"{persona} grid typing"] = found_here
        if persona == "admin":  # the detector itself works: a style attribute is reported
            page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\\'color: red\\'>x</p>')")
            page.wait_for_timeout(300)
            assert any("style-src" in text for text in violations(page))
        page.context.close()
    assert found == {}


def test_the_policy_is_sent_on_every_page(client, users):
    policy = client.get("/konto/logga-in/")["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


# --- single sign-on against a real OpenID provider ---------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def provider(live_server, settings):
    """npm's oidc-provider on a free port, configured for this live server; Styrkort pointed at it."""
    node = shutil.which("node")
    installed = PROVIDER.parent / "node_modules" / "oidc-provider"
    if node is None or not installed.exists():
        pytest.skip("Node.js or tests/oidc/node_modules is missing: run `make node-deps` (make test does)")
    port = free_port()
    callback = f"{live_server.url}/konto/sso/tillbaka/"
    process = subprocess.Popen(
        [node, str(PROVIDER), str(port), callback],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("ready "), line + process.stderr.read()
        issuer = line.split()[1]
        settings.STYRKORT_OIDC_ENABLED = True
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "styrkort.web.sso.StyrkortOIDCBackend",
        ]
        settings.OIDC_RP_CLIENT_ID = "styrkort"
        settings.OIDC_RP_CLIENT_SECRET = "test-secret"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
        settings.OIDC_CREATE_USER = False
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


def sign_in_with_sso(browser, live_server, login: str):
    """The whole flow in the browser: Styrkort → the provider's login and consent → back, signed in."""
    page = new_page(browser, live_server)
    page.goto("/konto/logga-in/")
    page.get_by_role("link", name="Logga in med organisationens konto").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("vad-som-helst")
    page.locator("button[type=submit]").click()
    consent = page.get_by_role("button", name=re.compile("Continue", re.I))
    consent.wait_for(timeout=10000)
    consent.click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/(rapporter/|konto/logga-in/|stad/|$)"))
    return page


def test_single_sign_on_matches_an_existing_user_by_the_configured_claim(
    browser, live_server, users, provider
):
    page = sign_in_with_sso(browser, live_server, "anna")
    assert page.locator(".user").inner_text() == "Inloggad som Test anna"  # names follow the provider
    page.goto(BASE)  # her roles are Styrkort's: the committee controller's working page
    assert page.get_by_role("heading", name="Arbetsflöde").count() == 1
    anna = get_user_model().objects.get(username="anna")
    assert anna.email == "anna@example.test" and not anna.is_staff and not anna.is_superuser
    page.context.close()


def test_an_unknown_user_is_refused_unless_creation_is_on_and_then_gets_no_role(
    browser, live_server, users, provider, settings
):
    page = sign_in_with_sso(browser, live_server, "nykomling")
    assert "Inloggningen med organisationens konto gick inte igenom" in page.content()
    assert not get_user_model().objects.filter(username="nykomling").exists()
    page.context.close()
    settings.OIDC_CREATE_USER = True
    page = sign_in_with_sso(browser, live_server, "nykomling")
    assert "Inloggad som" in page.content()
    created = get_user_model().objects.get(username="nykomling")
    assert not created.has_usable_password() and not created.is_staff and not created.memberships.exists()
    page.goto(BASE)
    assert "Sidan finns inte" in page.content()  # no role: an undecided report stays hidden
    page.context.close()


def test_with_local_passwords_off_only_single_sign_on_remains(
    browser, live_server, users, provider, settings
):
    settings.STYRKORT_LOCAL_LOGIN = False
    settings.AUTHENTICATION_BACKENDS = [
        b for b in settings.AUTHENTICATION_BACKENDS if "ModelBackend" not in b
    ]
    page = new_page(browser, live_server)
    page.goto("/konto/logga-in/")
    assert page.locator("input[name=password]").count() == 0
    page.context.close()
    page = sign_in_with_sso(browser, live_server, "anna")
    assert "Inloggad som" in page.content()
    page.context.close()
    assert (
        StyrkortOIDCBackend().filter_users_by_claims({"preferred_username": "ANNA"}).get().username == "anna"
    )


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("bertil", BASE + "las/"),
        ("stina", "/stad/testkommun/installningar/"),
        ("stina", "/stad/testkommun/mal/2026/"),
        ("stina", "goal-form"),
        ("stina", "/stad/testkommun/perioder/ny/"),
        (None, "/"),
    ],
)
def test_the_new_pages_have_no_serious_accessibility_violations(browser, live_server, users, persona, path):
    if path == "goal-form":
        path = f"/stad/testkommun/mal/2026/{assessment('1.1').goal_id}/"
    page = new_page(browser, live_server, persona)
    page.goto(path)
    assert serious_axe_violations(page) == []
    page.context.close()
