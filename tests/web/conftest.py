"""Personas and a report for the web tests.

anna controls committee sdn-test; rut reports two of its parts (an indicator and goal 1.1.1);
bertil reads it; dag approves it; stina is the city's controller; cecilia controls another
committee (sdn-other) and must see nothing of sdn-test; admin administers everything.
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model

from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.goals.models import Goal, Indicator
from styrkort.organisations.models import Organisation
from styrkort.storage.store import save_followup
from tests.factories import make_followup

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "ett-långt-testlösenord-9"
PERSONAS = {
    "anna": ("sdn-test", Role.COMMITTEE_CONTROLLER),
    "rut": ("sdn-test", Role.REPORTER),
    "bertil": ("sdn-test", Role.READER),
    "dag": ("sdn-test", Role.APPROVER),
    "stina": ("testkommun", Role.CITY_CONTROLLER),
    "cecilia": ("sdn-other", Role.COMMITTEE_CONTROLLER),
}
REPORTED_INDICATOR = "Andel legitimerade förskollärare"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests sign in many personas; production keeps Django's PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def documents_cache(settings, tmp_path):
    """Each test renders into its own document cache and render-lock folder."""
    settings.VAR_DIR = tmp_path / "var"
    settings.CACHES = {
        **settings.CACHES,
        "documents": {**settings.CACHES["documents"], "LOCATION": str(tmp_path / "var" / "cache")},
    }


@pytest.fixture
def report(db):
    """The committee's T1 report, open, plus another committee's report."""
    saved = save_followup(make_followup())
    save_followup(make_followup("sdn-other"))
    return saved


@pytest.fixture
def users(report):
    """Every persona, by name, with memberships and rut's assignments."""
    model = get_user_model()
    found = {}
    for name, (code, role) in PERSONAS.items():
        user = model.objects.create_user(name, password=PASSWORD, first_name=name.capitalize())
        Membership.objects.create(user=user, organisation=Organisation.objects.get(code=code), role=role)
        found[name] = user
    found["admin"] = model.objects.create_superuser("admin", password=PASSWORD)
    committee = Organisation.objects.get(code="sdn-test")
    Assignment.objects.create(
        user=found["rut"], organisation=committee, indicator=Indicator.objects.get(name=REPORTED_INDICATOR)
    )
    Assignment.objects.create(
        user=found["rut"],
        organisation=committee,
        goal=Goal.objects.get(number="1.1.1", organisation=committee),
    )
    return found


@pytest.fixture
def login(client, users):
    """Sign the test client in as a persona (None stays anonymous)."""

    def sign_in(name):
        client.logout()
        if name is not None:
            client.force_login(users[name])
        return client

    return sign_in
