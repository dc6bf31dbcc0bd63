"""Fuzzing both importers: every mutated input either loads or stops with a clear message, and
a failed import changes nothing.

The inputs are mutations (see ``tests.fuzzing``) of the example ILS report (skipped where
../shared/seeds is absent) and of an exchange document (``tests.factories``), imported through
the commands as a user runs them, onto an empty database and onto one that holds the complete
report. Hypothesis runs a fixed, small number of examples, derandomised, so the suite stays
fast and stable; ``STYRKORT_FUZZ_EXAMPLES=5000`` runs a longer campaign by hand.
"""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from styrkort.exchange.document import to_dict, to_json
from styrkort.followup.models import Report
from styrkort.storage.store import load_followup, save_followup
from tests.factories import make_followup
from tests.fuzzing import (
    DOCUMENT_OPERATIONS,
    LINE_OPERATIONS,
    ODD_VALUES,
    database_dump,
    mutate_document,
    mutate_lines,
)

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("STYRKORT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 10,  # an ILS import takes a while; the exchange document is small
    derandomize=not EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _operations(names: tuple[str, ...]):
    index = st.integers(min_value=0, max_value=10**6)
    return st.lists(
        st.tuples(st.sampled_from(names), index, index, st.sampled_from(ODD_VALUES)), min_size=1, max_size=4
    )


def _load_or_refuse(path, text: str, command: str) -> None:
    """Import ``text`` as a user would, then undo it. A refusal must be a CommandError with a Swedish
    message ending in "inget importerades" and leave every table as it was; what loaded must read
    back and export."""
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with transaction.atomic():
        try:
            before = database_dump()
            try:
                with transaction.atomic():
                    call_command(command, str(path), stdout=StringIO(), stderr=StringIO())
            except CommandError as error:
                assert "inget importerades" in str(error), str(error)
                assert "Traceback" not in str(error)
                assert database_dump() == before
                return
            for report in Report.objects.select_related("organisation", "period"):
                to_json(load_followup(report.organisation.code, report.period.key))
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def seed_lines(seed_text):
    return seed_text.splitlines()


@pytest.mark.parametrize("stored", [False, True], ids=["empty database", "example stored"])
def test_mutated_ils_texts_load_or_stop_with_a_message(seed_lines, tmp_path, stored):
    path = tmp_path / "mutated.txt"
    if stored:
        path.write_text("\n".join(seed_lines), encoding="utf-8")
        call_command("import-ils", str(path), stdout=StringIO(), stderr=StringIO())

    @FUZZ
    @given(operations=_operations(LINE_OPERATIONS))
    # Crashes the long campaign found, kept as examples: a 5000-digit figure (InvalidOperation in
    # normalise), a lone surrogate written as bytes (the decoder's English message).
    @example(operations=[("figures", 1523, 0, "9" * 5000)])
    @example(operations=[("insert", 0, 0, "\ud800")])
    def attempt(operations):
        _load_or_refuse(path, mutate_lines(seed_lines, operations), "import-ils")

    attempt()


@pytest.mark.parametrize("stored", [False, True], ids=["empty database", "document stored"])
def test_mutated_exchange_documents_load_or_stop_with_a_message(tmp_path, stored):
    document = to_dict(make_followup())
    if stored:
        save_followup(make_followup())
    path = tmp_path / "mutated.json"

    @settings(FUZZ, max_examples=EXAMPLES or 30)
    @given(operations=_operations(DOCUMENT_OPERATIONS))
    # A 5000-digit figure, and a 4000-digit integer where a number stood.
    @example(operations=[("replace", 19, 8, "9" * 5000)])  # an outcome
    @example(operations=[("retype", 0, 1, "9" * 5000)])
    def attempt(operations):
        _load_or_refuse(path, mutate_document(document, operations), "import-json")

    attempt()
