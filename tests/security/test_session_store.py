"""The session store reads a session as Django's database store does: the same data for a live
session, nothing for an expired, a missing or a malformed key (``styrkort.web.sessions``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from styrkort.web.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _both(key):
    ours, django = SessionStore(key), DjangoStore(key)
    return (ours.load(), ours.session_key), (django.load(), django.session_key)


def test_a_live_session_reads_as_djangos_store_reads_it():
    store = SessionStore()
    store["name"] = "Åsa <Öberg> \u202e"
    store.create()
    ours, django = _both(store.session_key)
    assert ours == django
    assert ours[0]["name"] == "Åsa <Öberg> \u202e"


@pytest.mark.parametrize("seconds", [-1, 0])
def test_an_expired_session_is_none_as_in_djangos_store(seconds):
    store = SessionStore()
    store["name"] = "x"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=seconds)
    )
    ours, django = _both(store.session_key)
    assert ours == django == ({}, None)


@pytest.mark.parametrize("key", ["finns-inte-00000000000000000000", "", "x" * 500, "'; DROP TABLE x; --"])
def test_a_missing_or_odd_key_is_no_session(key):
    ours, django = _both(key)
    assert ours[0] == django[0] == {}
    assert ours[1] is None
