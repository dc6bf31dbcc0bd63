"""Convert a ``FollowUp`` to and from the exchange format's JSON-ready dict, and validate it.

The mapping is generic over the domain dataclasses: a field's name is its JSON key, Decimal
figures become strings with "." as decimal point, dates ISO strings, tuples lists. Two
exceptions, both for readers of the JSON: every indicator carries ``period_label`` (derived,
ignored on import), and ``economy.texts`` and an indicator's ``printed_units`` and ``sources``
are objects (keyed by section, by figure). A figure keeps its precision: "1.0" is exported and imported
as "1.0", so export → import → export gives the identical document.

Reading is defensive: a document nested deeper than ``MAX_DEPTH`` is refused before anything
walks it, every text is cleaned with ``styrkort.domain.text.clean_text``, and every refusal is
an ``ExchangeError`` with a Swedish message that says where ("/goals/0/title: …").
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import jsonschema

from styrkort.domain import document as d
from styrkort.domain.numbers import from_exchange, to_exchange
from styrkort.domain.text import clean_text

FORMAT = "styrkort-followup"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("followup.schema.json")
# A follow-up document is about ten levels deep (goal → sub-goal → sub-goal → indicator).
MAX_DEPTH = 32


class ExchangeError(ValueError):
    """The document does not follow the exchange format; the message says where."""


def to_dict(followup: d.FollowUp) -> dict[str, Any]:
    """The exchange document for a follow-up, ready for ``json.dumps``."""
    data = {"format": FORMAT, "version": VERSION}
    data.update(_dump(followup, followup.period))
    return data


def to_json(followup: d.FollowUp) -> str:
    return json.dumps(to_dict(followup), ensure_ascii=False, indent=2) + "\n"


def from_dict(data: Any) -> d.FollowUp:
    """Validate an exchange document against the schema and build the follow-up from it."""
    if _too_deep(data):
        raise ExchangeError(
            f"dokumentet är nästlat i mer än {MAX_DEPTH} nivåer; så djupt är inget utbytesdokument"
        )
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    if errors:
        lines = [line for error in errors for line in _swedish(error)]
        more = f"\n… och {len(lines) - 20} fel till" if len(lines) > 20 else ""
        raise ExchangeError("dokumentet följer inte utbytesformatet:\n" + "\n".join(lines[:20]) + more)
    try:
        followup: d.FollowUp = _load(
            d.FollowUp, {k: v for k, v in data.items() if k not in ("format", "version")}, ""
        )
        return followup
    except (ValueError, TypeError) as error:
        raise ExchangeError(str(error)) from error


def from_json(text: str) -> d.FollowUp:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExchangeError(f"inte JSON: rad {error.lineno}, kolumn {error.colno}: {error.msg}") from error
    except RecursionError as error:
        raise ExchangeError(f"dokumentet är nästlat i mer än {MAX_DEPTH} nivåer") from error
    except ValueError as error:  # e.g. an integer of more than 4 300 digits
        raise ExchangeError(f"inte JSON som kan läsas: {error}") from error
    return from_dict(data)


def _where(path: Any) -> str:
    return "/" + "/".join(str(part) for part in path) if path else "(dokumentet)"


def _too_deep(data: Any) -> bool:
    """Whether lists and objects nest deeper than ``MAX_DEPTH`` (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return True
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return False


_TYPES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "ett objekt",
    "null": "null",
}


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"”{text[:60]}…”" if len(text) > 60 else f"”{text}”"


def _swedish(error: jsonschema.ValidationError) -> list[str]:
    """A schema error as Swedish lines "where: what"; an optional value's error as its value's."""
    kind, expected, found = error.validator, error.validator_value, error.instance
    if kind == "anyOf" and error.context:  # X or null: explain X
        inner = [e for e in error.context if e.schema_path and e.schema_path[0] == 0]
        if inner:
            return [line for e in inner for line in _swedish(e)]
    where = _where(error.absolute_path)
    if kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        return [f"{where}: ska vara {' eller '.join(_TYPES.get(t, t) for t in types)}, inte {_shown(found)}"]
    if kind == "required":
        return [f"{where}: fältet ”{name}” saknas" for name in expected if name not in found]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        return [f"{where}: okänt fält ”{name}”" for name in found if name not in known]
    if kind == "enum":
        return [
            f"{where}: {_shown(found)} är inte tillåtet; tillåtna värden: {', '.join(map(str, expected))}"
        ]
    if kind == "const":
        return [f"{where}: ska vara {_shown(expected)}, inte {_shown(found)}"]
    if kind == "pattern":
        if isinstance(error.schema, dict) and error.schema.get("format") == "date":
            return [f"{where}: {_shown(found)} är inget datum (ÅÅÅÅ-MM-DD)"]
        return [f"{where}: {_shown(found)} är inget tal i utbytesformatet (siffror, punkt som decimaltecken)"]
    if kind == "propertyNames":
        return [f"{where}: okänd del {_shown(found)}"]
    return [f"{where}: {error.message}"]  # pragma: no cover - the schema uses only the kinds above


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(d))


def _dump(value: Any, period: d.PeriodRef) -> Any:
    if isinstance(value, d.Economy):
        data = {f.name: _dump(getattr(value, f.name), period) for f in dataclasses.fields(value)}
        data["texts"] = {section: text for section, text in value.texts}
        return data
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _dump(getattr(value, f.name), period) for f in dataclasses.fields(value)}
        if isinstance(value, d.Indicator):
            data["printed_units"] = dict(value.printed_units)
            data["sources"] = dict(value.sources)
            data["period_label"] = value.period_label(period)
        return data
    if isinstance(value, tuple):
        return [_dump(item, period) for item in value]
    if isinstance(value, Decimal):
        return to_exchange(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _load(tp: Any, raw: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        return None if raw is None else _load(options[0], raw, where)
    if tp is Decimal:
        try:
            return from_exchange(raw)
        except ValueError:
            raise ValueError(f"{where}: {_shown(raw)} är inget tal i utbytesformatet") from None
    if tp is date:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{where}: {_shown(raw)} är inget datum (ÅÅÅÅ-MM-DD)") from None
    if origin is tuple:
        item_type = get_args(tp)[0]
        if tp == tuple[tuple[str, str], ...]:  # economy texts: an object in JSON
            return tuple((section, clean_text(text)) for section, text in raw.items())
        return tuple(_load(item_type, item, f"{where}/{index}") for index, item in enumerate(raw))
    if tp is str:
        return clean_text(raw)
    if tp is int:
        return int(raw)  # JSON Schema counts 2026.0 as an integer
    if origin is Literal or tp is bool:
        return raw
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: _load(hints[f.name], raw[f.name], f"{where}/{f.name}")
            for f in dataclasses.fields(tp)
            if f.name in raw
        }
        return tp(**kwargs)
    raise TypeError(f"{where}: no exchange mapping for {tp!r}")  # pragma: no cover - a bug
