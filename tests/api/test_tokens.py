"""Tokens: created once and stored as a hash, listed and revoked on the page; CSRF for sessions only."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from styrkort.accounts.models import ApiToken
from styrkort.accounts.tokens import hash_token
from styrkort.audit.models import Change
from tests.api.conftest import API, REPORT
from tests.web.helpers import measurement

PAGE = "/konto/api-nycklar/"


def test_the_command_prints_a_token_once_and_stores_only_its_hash(users, client):
    out, err = io.StringIO(), io.StringIO()
    call_command("api-token", "anna", "--name", "Excel", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert token.startswith("styrkort_") and len(token) > 40
    row = ApiToken.objects.get(user=users["anna"])
    assert row.token_hash == hash_token(token) and token not in (row.token_hash, row.prefix, row.name)
    assert token.startswith(row.prefix)
    assert "visas inte igen" in err.getvalue()
    assert not any(token in (c.new or "") or row.token_hash in (c.new or "") for c in Change.objects.all())
    assert client.get(f"{API}/reports", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_the_command_refuses_an_unknown_user_in_swedish(db):
    with pytest.raises(CommandError, match="ingen användare ”nobody”"):
        call_command("api-token", "nobody")


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer styrkort_fel",
        "Bearer " + "x" * 5000,
        "Basic YW5uYTpwdw==",
        "Bearer styrkort_ä\u0000",
    ],
)
def test_without_a_valid_token_the_answer_is_401_in_swedish(client, report, header):
    headers = {"Authorization": header} if header else {}
    response = client.get(f"{API}/reports", headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Inte inloggad"


def test_a_revoked_token_is_401(client, users, report):
    client.force_login(users["anna"])
    response = client.post(PAGE, {"action": "create", "name": "Skript"})
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    token = response.context["new_token"]
    row = ApiToken.objects.get(user=users["anna"])
    assert token.startswith("styrkort_") and row.name == "Skript"
    assert "visas inte igen" in response.content.decode()
    listed = client.get(PAGE).content.decode()
    assert row.prefix in listed and token not in listed
    bearer = Client()
    assert bearer.get(REPORT, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.post(PAGE, {"action": "revoke", "token": row.pk}).status_code == 302
    response = bearer.get(REPORT, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "Återkallad" in client.get(PAGE).content.decode()


def test_a_user_cannot_revoke_someone_elses_token(client, users, token):
    token("anna")
    row = ApiToken.objects.get(user=users["anna"])
    client.force_login(users["cecilia"])
    client.post(PAGE, {"action": "revoke", "token": row.pk})
    row.refresh_from_db()
    assert row.revoked_at is None


def test_the_page_needs_a_signed_in_user(client, db):
    assert client.get(PAGE).status_code == 302


def test_a_session_patch_without_the_csrf_token_is_refused_and_nothing_changes(users, report):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["anna"])
    m = measurement("Antal besök")
    url = f"{REPORT}/indicators/{m.pk}"
    assert browser.get(url).status_code == 200  # reading needs no CSRF token
    response = browser.patch(url, {"version": m.version, "outcome": "1"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert measurement("Antal besök").outcome == m.outcome
    browser.get(PAGE)  # a page with a form sets the CSRF cookie
    csrf = browser.cookies[settings.CSRF_COOKIE_NAME].value
    response = browser.patch(
        url,
        {"version": m.version, "outcome": "1"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 200
    assert measurement("Antal besök").outcome == 1


def test_a_token_patch_needs_no_csrf_token(users, report, token):
    bearer = Client(enforce_csrf_checks=True)
    m = measurement("Antal besök")
    response = bearer.patch(
        f"{REPORT}/indicators/{m.pk}",
        {"version": m.version, "outcome": "2"},
        content_type="application/json",
        headers=token("anna"),
    )
    assert response.status_code == 200


def test_a_hostile_name_is_cleaned_and_cut_and_the_hash_never_reaches_the_audit_trail(client, users):
    client.force_login(users["anna"])
    response = client.post(PAGE, {"action": "create", "name": "Ett\u0000namn\u202e" + "x" * 5000})
    assert response.status_code == 200
    row = ApiToken.objects.get(user=users["anna"])
    assert len(row.name) <= 100 and "\u0000" not in row.name and row.name.startswith("Ettnamn")
    recorded = Change.objects.filter(object_id=str(row.pk), content_type__model="apitoken")
    assert recorded.exists()  # the token's creation is in the trail
    assert not any(row.token_hash in f"{change.old} {change.new}" for change in Change.objects.all())


def test_an_unknown_action_changes_nothing(client, users):
    client.force_login(users["anna"])
    assert client.post(PAGE, {"action": "drop"}).status_code == 400
    assert client.post(PAGE, {"action": "revoke", "token": "x"}).status_code == 302
    assert not ApiToken.objects.exists()
