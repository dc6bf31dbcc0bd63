"""Mutations of importer input, shared by the fuzz tests (hypothesis) and the long campaign by hand.

A mutation is a short list of operations, each a tuple (name, a, b, value) of plain values so
that hypothesis can shrink it and the atheris harness can build it from bytes: ``a`` and ``b``
are indexes taken modulo the length of what they point into.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from django.apps import apps

# Values a mutation puts where a figure, a name or a number stood.
ODD_VALUES = (
    "",
    " ",
    "0",
    "-0",
    "99999999999999999999999",
    "123 456 789 012 345 678",
    "1e308",
    "0,12345678901",
    "NaN",
    "∞",
    "١٢٣",
    "−5",
    "2,471.8",
    "10/12",
    "\x00",
    "\x07",
    "\ufffe\uffff",
    "\ud800",
    "\u202e",
    "😀🏳️‍🌈",
    "中文",
    "x" * 5000,
    "Nämndmål: 1.1.1 Dubblett",
    "KF:s inriktningsmål: 1. Dubblett",
    "9" * 5000,
)
LINE_OPERATIONS = ("delete", "duplicate", "swap", "truncate", "figures", "insert", "heading")
DOCUMENT_OPERATIONS = ("delete", "duplicate", "swap", "replace", "unknown", "retype", "nest", "truncate")


def mutate_lines(lines: list[str], operations: list[tuple[str, int, int, str]]) -> str:
    """The ILS text after the operations: lines deleted, duplicated, swapped, cut, figures replaced…"""
    lines = list(lines)
    for name, a, b, value in operations:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if name == "delete":
            del lines[i : i + 1 + b % 3]
        elif name == "duplicate":
            lines.insert(i, lines[i])
        elif name == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif name == "truncate":
            lines = lines[:i]
        elif name == "figures":
            lines[i] = re.sub(r"\d+(?:[ ,.]\d+)*", lambda _, value=value: value, lines[i], count=1 + b % 3)
        elif name == "insert":
            lines.insert(i, lines[i][: b % (len(lines[i]) + 1)] + value + lines[i][b % (len(lines[i]) + 1) :])
        elif name == "heading":
            headings = [line for line in lines if line.startswith(("KF:s", "Nämndmål"))]
            if headings:
                lines.insert(i, headings[b % len(headings)])
    return "\n".join(lines) + "\n"


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every list and object in the document, the root first."""
    found = [path]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, dict | list):
            found.extend(_nodes(value, (*path, key)))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def mutate_document(data: dict[str, Any], operations: list[tuple[str, int, int, str]]) -> str:
    """The exchange document's JSON text after the operations (keys dropped, values replaced, …)."""
    data = copy.deepcopy(data)
    truncate_at = None
    for name, a, b, value in operations:
        paths = _nodes(data)
        node = _at(data, paths[a % len(paths)])
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = keys[b % len(keys)] if keys else None
        if name == "truncate":
            truncate_at = a
        elif name == "unknown" and isinstance(node, dict):
            node[value[:20] or "okänd"] = value
        elif name == "nest" and isinstance(node, dict):
            deep: Any = dict(node)
            nesting = "children" if b % 2 else "parent"  # a goal's sub-goals, an organisation's parent
            for _ in range(5 + b % 60):
                deep = {**node, nesting: [deep] if nesting == "children" else deep}
            node.update(deep)
        elif key is None:
            continue
        elif name == "delete":
            del node[key]
        elif name == "duplicate" and isinstance(node, list):
            node.insert(key, copy.deepcopy(node[key]))
        elif name == "swap" and isinstance(node, list):
            other = keys[a % len(keys)]
            node[key], node[other] = node[other], node[key]
        elif name == "replace":
            node[key] = value
        elif name == "retype":
            current = node[key]
            node[key] = (
                [current]
                if isinstance(current, str)
                else {"x": current}
                if isinstance(current, list)
                else int(value[:4000])  # Python refuses to print an int of more digits
                if value.isdigit()
                else str(current)
            )
    text = json.dumps(data, ensure_ascii=False) if truncate_at is None else json.dumps(data)
    return text if truncate_at is None else text[: truncate_at % (len(text) + 1)]


TRACKED_APPS = ("organisations", "followup", "goals", "economy", "accounts", "audit")


def database_dump() -> dict[str, list[dict[str, Any]]]:
    """Every row of Styrkort's own tables and the audit trail, for a before/after comparison."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in TRACKED_APPS
        for model in apps.get_app_config(app).get_models()
    }
