"""Query budgets of the API's lists: a bounded number of queries whatever the number of rows."""

from __future__ import annotations

import pytest

from tests.api.conftest import API, REPORT


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        (f"{API}/reports", 12),
        (f"{API}/organisations", 12),
        (f"{API}/periods", 12),
        (f"{REPORT}/indicators", 20),
        (f"{REPORT}/goals", 12),
        (f"{REPORT}/activities", 12),
    ],
)
def test_a_list_stays_within_its_query_budget(api, report, django_assert_max_num_queries, path, budget):
    caller = api("anna")
    with django_assert_max_num_queries(budget):
        assert caller.get(path).status_code == 200
