"""The field-level merge: what a save writes, where it asks first, and that nothing typed is lost.

``merge`` is pure; ``save_edits`` applies it to stored rows under lock. The properties are checked
over every interleaving of two people who open the same row, type over some fields and save.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import permutations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.audit.models import Change
from styrkort.audit.trail import audit_context
from styrkort.goals.models import Measurement
from styrkort.web.editing import UNKNOWN, ConflictError, Edit, merge, same_as_shown, save_edits
from styrkort.web.forms import MeasurementForm

FIELDS = ("outcome", "forecast", "analysis")
values = st.sampled_from([None, "", "a", "b", "c"])
rows = st.fixed_dictionaries({name: values for name in FIELDS})


def test_a_field_the_user_changed_is_written_when_no_one_else_changed_it():
    merged = merge({"a": 1, "b": 2}, {"a": 5, "b": 2}, {"a": 1, "b": 9})
    assert merged.writes == {"a": 5} and merged.conflicts == ()  # b: changed by them only, left alone


def test_a_conflict_only_where_both_changed_the_same_field_to_different_values():
    assert merge({"a": 1}, {"a": 5}, {"a": 7}).conflicts == ("a",)
    assert merge({"a": 1}, {"a": 5}, {"a": 5}) == merge({"a": 1}, {"a": 1}, {"a": 7})  # nothing to do
    assert merge({"a": 1}, {"a": 5}, {"a": 5}).writes == {}


def test_taking_theirs_writes_nothing_for_that_field():
    assert merge({"a": 1}, {"a": 5}, {"a": 7}, keep_theirs={"a"}).writes == {}


def test_a_value_the_page_did_not_send_back_never_hides_a_change():
    merged = merge({"a": UNKNOWN}, {"a": 5}, {"a": 7})
    assert merged.conflicts == ("a",)
    assert merge({"a": UNKNOWN}, {"a": 7}, {"a": 7}).writes == {}


@given(rows, rows, rows)
def test_merge_writes_only_what_the_user_changed_and_overwrites_only_what_the_page_showed(
    shown, mine, stored
):
    merged = merge(shown, mine, stored)
    for name in merged.writes:
        assert mine[name] != shown[name]  # nothing unchanged is written
        assert stored[name] == shown[name]  # nothing someone else saved is overwritten unseen
    for name in merged.conflicts:
        assert len({shown[name], mine[name], stored[name]}) == 3
    for name in FIELDS:  # every change is written, already there, or asked about
        if mine[name] != shown[name]:
            assert (name in merged.writes) + (stored[name] == mine[name]) + (name in merged.conflicts) == 1


def _save(store: dict, page: dict, typed: dict) -> tuple[dict, tuple[str, ...]]:
    """One save of a page into a store, as ``save_edits`` makes it; the writes and the conflicts."""
    merged = merge(page, {**page, **typed}, store)
    if not merged.conflicts:
        store.update(merged.writes)
    return ({} if merged.conflicts else merged.writes), merged.conflicts


EVENTS = [
    order
    for order in permutations("LlSs")
    if order.index("L") < order.index("S") and order.index("l") < order.index("s")
]


@given(
    rows,
    st.dictionaries(st.sampled_from(FIELDS), values),
    st.dictionaries(st.sampled_from(FIELDS), values),
    st.sampled_from(EVENTS),
    st.booleans(),
)
def test_two_people_in_any_order_lose_nothing_and_write_nothing_unchanged(
    start, typed1, typed2, order, keep_mine
):
    """L/l: person 1/2 opens the row; S/s: saves. A conflict is resolved on the spot, by the
    person's choice (keep mine: the other value now counts as shown; take theirs)."""
    store = dict(start)
    pages: dict[str, dict] = {}
    typed = {"1": typed1, "2": typed2}
    outcome: dict[str, dict] = {}
    for event in order:
        who = "1" if event in "LS" else "2"
        if event in "Ll":
            pages[who] = dict(store)
            continue
        before = dict(store)
        writes, conflicts = _save(store, pages[who], typed[who])
        if not any(typed[who][n] != pages[who][n] for n in typed[who]):
            assert store == before and not writes and not conflicts  # an unchanged save writes nothing
        if conflicts:
            assert store == before  # nothing saved at all
            resolved = dict(pages[who], **{name: before[name] for name in conflicts})
            mine = (
                dict(typed[who]) if keep_mine else {n: v for n, v in typed[who].items() if n not in conflicts}
            )
            writes, again = _save(store, resolved, mine)
            assert not again  # no one saved in between
        outcome[who] = writes
        for name, value in typed[who].items():  # what the person typed is stored, or was theirs to drop
            if value != pages[who][name] and (keep_mine or name not in conflicts):
                assert store[name] == value
    for name in FIELDS:  # a field no one changed is as it was
        if all(typed[w].get(name, pages[w][name]) == pages[w][name] for w in "12"):
            assert store[name] == start[name]


# --- save_edits on stored rows ----------------------------------------------------------------

typed_on_page = st.fixed_dictionaries(
    {},
    optional={
        "outcome": st.sampled_from(["", "1", "2,5", "2,50", "1 000"]),
        "forecast": st.sampled_from(["", "1", "3"]),
        "analysis": st.sampled_from(["", "x", "y", "x\u00a0y "]),
    },
)


def _edit(row: Measurement, shown: dict, typed: dict) -> Edit:
    return Edit(row, shown, {**shown, **typed}, same_as_shown(MeasurementForm()))


@pytest.mark.django_db
def test_save_edits_writes_changed_fields_only_bumps_the_version_once_and_audits_them(report, users):
    row = Measurement.objects.get(
        indicator__name="Andel legitimerade förskollärare", period__kind="T1", organisation__code="sdn-test"
    )
    shown = {name: getattr(row, name) for name in FIELDS}
    other = Measurement.objects.get(pk=row.pk)
    other.analysis = "Någon annans analys."
    other.save()
    (saved,) = save_edits([_edit(row, shown, {"forecast": Decimal("41")})])
    row.refresh_from_db()
    assert (row.forecast, row.analysis, row.version) == (Decimal("41"), "Någon annans analys.", 2)
    changes = Change.objects.filter(
        object_id=str(row.pk), action="changed", content_type__model="measurement"
    )
    assert list(changes.values_list("field", flat=True).order_by("pk")) == ["analysis", "forecast"]
    assert save_edits([_edit(row, {name: getattr(row, name) for name in FIELDS}, {})]) == []
    row.refresh_from_db()
    assert row.version == 2 and changes.count() == 2


@pytest.mark.django_db
def test_save_edits_names_each_conflict_with_both_values_and_who_saved_the_other(report, users):
    row = Measurement.objects.get(
        indicator__name="Andel legitimerade förskollärare", period__kind="T1", organisation__code="sdn-test"
    )
    shown = {name: getattr(row, name) for name in FIELDS}
    with audit_context(users["anna"]):
        first = Measurement.objects.get(pk=row.pk)
        first.outcome = Decimal("40.1")
        first.save()
    with pytest.raises(ConflictError) as raised:
        save_edits([_edit(row, shown, {"outcome": Decimal("39"), "analysis": "Min."})])
    (conflict,) = raised.value.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs, conflict.by) == (
        "outcome",
        Decimal("39"),
        Decimal("40.1"),
        "Anna",  # the full name (first name only here), as the audit trail shows people
    )
    row.refresh_from_db()
    assert (row.outcome, row.analysis, row.version) == (Decimal("40.1"), "Färre män.", 1)  # nothing saved


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed_on_page, typed_on_page)
def test_two_saves_of_one_stored_row_never_overwrite_unseen(report, users, typed1, typed2):
    """Both people open the row; 1 saves, then 2: 2's fields are written only where 1 did not
    change them, or 2 is asked; the version rises once per save that wrote something."""
    row = Measurement.objects.get(
        indicator__name="Antal besök", period__kind="T1", organisation__code="sdn-test"
    )
    Measurement.objects.filter(pk=row.pk).update(outcome=None, forecast=None, analysis="", version=1)
    row.refresh_from_db()
    form = MeasurementForm()

    def value(name, text):
        return form.fields[name].to_python(text)

    shown = {name: getattr(row, name) for name in FIELDS}
    first = {name: value(name, text) for name, text in typed1.items()}
    second = {name: value(name, text) for name, text in typed2.items()}
    save_edits([_edit(row, shown, first)])
    after_first = Measurement.objects.get(pk=row.pk)
    try:
        save_edits([_edit(row, shown, second)])
        conflicted = set()
    except ConflictError as error:
        conflicted = {conflict.field for conflict in error.conflicts}
    final = Measurement.objects.get(pk=row.pk)
    same = _edit(row, shown, {}).same
    for name in FIELDS:
        changed1 = name in first and not same(name, first[name], shown[name])
        changed2 = name in second and not same(name, second[name], shown[name])
        if conflicted:
            assert same(name, getattr(final, name), getattr(after_first, name))  # nothing of 2 saved
        elif changed2:
            assert same(name, getattr(final, name), second[name])
            assert not changed1 or same(name, first[name], second[name])  # never over 1's unseen change
        elif changed1:
            assert same(name, getattr(final, name), first[name])
        else:
            assert same(name, getattr(final, name), shown[name])
        if changed1 and changed2 and not same(name, first[name], second[name]):
            assert name in conflicted
    writes = [any(name in d and not same(name, d[name], shown[name]) for name in FIELDS) for d in (first,)]
    assert after_first.version == 1 + sum(writes)
