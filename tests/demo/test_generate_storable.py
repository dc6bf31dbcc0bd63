"""Whatever the seed, the demo generator's documents can be stored: the store's checks find nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from styrkort.demo import generate_demo
from styrkort.storage.validate import check_followup


@settings(max_examples=5, deadline=None, derandomize=True)
@given(
    seed=st.integers(min_value=-(2**63), max_value=2**63), committees=st.integers(min_value=1, max_value=3)
)
def test_every_generated_document_passes_the_stores_checks(seed, committees):
    for followup in generate_demo(seed=seed, committees=committees):
        check_followup(followup)


def test_generate_demo_refuses_a_committee_count_it_cannot_name_in_swedish(db):
    import pytest
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--committees: ange ett antal nämnder från 1 till 300"):
        call_command("generate-demo", "--committees", "0")
