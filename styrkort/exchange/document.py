"""Convert a ``FollowUp`` to and from the exchange format's JSON-ready dict, and validate it.

The mapping is generic over the domain dataclasses: a field's name is its JSON key, Decimal
figures become strings with "." as decimal point, dates ISO strings, tuples lists. Two
exceptions, both for readers of the JSON: every indicator carries ``period_label`` (derived,
ignored on import), and ``economy.texts`` and an indicator's ``printed_units`` are objects
(keyed by section, by figure). A figure keeps its precision: "1.0" is exported and imported
as "1.0", so export → import → export gives the identical document.
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

FORMAT = "styrkort-followup"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("followup.schema.json")


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
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    if errors:
        lines = [f"{_where(error.absolute_path)}: {error.message}" for error in errors[:20]]
        raise ExchangeError("the document does not follow the exchange format:\n" + "\n".join(lines))
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
        raise ExchangeError(f"not JSON: line {error.lineno}, column {error.colno}: {error.msg}") from error
    return from_dict(data)


def _where(path: Any) -> str:
    return "/" + "/".join(str(part) for part in path) if path else "(document)"


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
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
    if tp is date:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{where}: not a date (YYYY-MM-DD): {raw!r}") from None
    if origin is tuple:
        item_type = get_args(tp)[0]
        if tp == tuple[tuple[str, str], ...]:  # economy texts: an object in JSON
            return tuple(raw.items())
        return tuple(_load(item_type, item, f"{where}/{index}") for index, item in enumerate(raw))
    if origin is Literal or tp in (str, int, bool):
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
