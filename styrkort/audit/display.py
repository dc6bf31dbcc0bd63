"""The audit trail as people read it: names, Swedish field names and values, Swedish figures.

The trail stores what changed as the code knows it (``outcome``, ``38.2``, ``partly_met``,
``True``, a username); this module is the one place that turns an entry into Swedish for a page:

- who: the person's full name (first and last name), else the username kept in the entry (a
  removed user, an import's operator), else "Systemet";
- the field: ``FIELD_WORDS`` ("utfall", "prognos helår"), else the code name;
- a value, by the kind of field it belongs to: a figure the Swedish way (``38,2``, ``2 471,8``,
  as recorded: ``1.0`` stays ``1,0``); an assessment in the status scale's words (``Uppfylls
  delvis``, from ``styrkort.domain.scales``, the words every report prints); another choice by
  its Swedish label (a report's state: ``Under granskning``); yes/no for a flag; a time as
  ``2026-04-30 14:05``; text as written;
- a removed record's last values (stored as JSON) as "field: value" pairs.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from styrkort.domain.numbers import format_number
from styrkort.domain.scales import STOCKHOLM
from styrkort.figures.fields import FigureField

# Swedish words for the fields people change (the pages, imports, the admin); others show their code name.
FIELD_WORDS = {
    "outcome": "utfall",
    "outcome_men": "utfall män/pojkar",
    "outcome_women": "utfall kvinnor/flickor",
    "forecast": "prognos helår",
    "previous_annual": "utfall VB",
    "target": "årsmål",
    "city_target": "KF:s årsmål",
    "analysis": "analys",
    "status": "bedömning",
    "assessment": "bedömning",
    "deviation": "avvikelse",
    "start": "startdatum",
    "end": "slutdatum",
    "starts": "startdatum",
    "ends": "slutdatum",
    "state": "läge",
    "summary": "sammanfattande analys",
    "title": "rubrik",
    "description": "beskrivning",
    "expected_results": "förväntat resultat",
    "code": "kod",
    "name": "namn",
    "kind": "slag",
    "officer": "handläggare",
    "officer_phone": "telefon",
    "recipient": "mottagare",
    "director": "undertecknare",
    "director_title": "undertecknarens titel",
    "text": "text",
    "number": "nummer",
    "level": "nivå",
    "unit": "enhet",
    "frequency": "frekvens",
    "direction": "riktning",
    "kolada_id": "Kolada-id",
    "label": "rad",
    "area": "verksamhetsområde",
    "category": "kategori",
    "budget": "budget",
    "requested_adjustments": "begärda budgetjusteringar",
    "changes": "förändringar",
    "volume_changes": "prestationsförändringar",
    "forecast_before_transfers": "prognos före resultatöverföringar",
    "forecast_after_transfers": "prognos efter resultatöverföringar",
    "gross_budget": "bruttobudget",
    "carried_in": "resultatöverföring från föregående år",
    "result": "resultat",
    "carried_out": "resultatöverföring till nästa år",
    "group": "grupp",
    "amount": "belopp",
    "costs": "kostnader",
    "revenues": "intäkter",
    "purpose": "syfte",
    "fund": "medel",
    "value": "värde",
    "section": "avsnitt",
    "decision_paragraph": "paragraf i protokollet",
    "role": "roll",
    "user": "användare",
    "organisation": "organisation",
    "goal": "mål",
    "indicator": "indikator",
    "activity": "aktivitet",
    "ready": "klar",
    "file": "fil",
    "username": "användarnamn",
    "first_name": "förnamn",
    "last_name": "efternamn",
    "email": "e-post",
    "is_staff": "får använda administrationen",
    "is_superuser": "administratör med alla rättigheter",
    "is_active": "aktiv",
    "password": "lösenord",
    "": "",
}
ASSESSMENT_FIELDS = frozenset({"status", "assessment"})
NOBODY = "Systemet"


def field_words(name: str) -> str:
    """A field's name in Swedish words (the code name where none is given)."""
    return FIELD_WORDS.get(name, name)


def who(change) -> str:
    """The person behind an entry: full name, else the username kept, else "Systemet"."""
    user = change.user
    if user is not None:
        full = user.get_full_name().strip()
        if full:
            return full
    return change.username or NOBODY


def _model_field(change, name: str) -> models.Field | None:
    model = change.content_type.model_class() if change.content_type_id else None
    if model is None or not name:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field since removed: show the stored text
        return None
    return field if isinstance(field, models.Field) else None


def value_words(change, name: str, value: str | None) -> str:
    """A stored value in Swedish for a page ("" for none)."""
    if value is None or value == "":
        return ""
    field = _model_field(change, name)
    if name in ASSESSMENT_FIELDS and field is not None and field.choices:
        try:
            return STOCKHOLM.level_for_status(value).label  # type: ignore[arg-type]
        except ValueError:
            return value
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, FigureField | models.DecimalField | models.IntegerField):
        try:
            return format_number(Decimal(value))
        except (InvalidOperation, ValueError):
            return value
    if isinstance(field, models.BooleanField):
        return {"True": "ja", "False": "nej"}.get(value, value)
    if isinstance(field, models.DateTimeField):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{moment:%Y-%m-%d %H:%M}"
    return value


def removed_words(change) -> str:
    """A removed record's last values as "fält: värde; …" (the entry keeps them as JSON)."""
    try:
        values: dict[str, Any] = json.loads(change.old or "{}")
    except ValueError:
        return change.old or ""
    if not isinstance(values, dict):
        return change.old or ""
    return "; ".join(
        f"{field_words(name)}: {value_words(change, name, None if value is None else str(value))}"
        for name, value in values.items()
    )


def describe(change) -> dict[str, str]:
    """What a page shows of one entry, in Swedish."""
    deleted = change.action == "deleted"
    return {
        "who": who(change),
        "field": field_words(change.field),
        "old": removed_words(change) if deleted else value_words(change, change.field, change.old),
        "new": "" if deleted else value_words(change, change.field, change.new),
    }
