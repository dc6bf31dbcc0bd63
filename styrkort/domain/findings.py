"""Findings: a rule violation as a value, never an exception.

Conventions, stated once:
- ``severity`` is ``error`` (the report is wrong and must be corrected), ``warning`` (probably
  wrong or incomplete, a person should look) or ``info`` (shown so nothing is hidden, e.g. a
  person's assessment that differs from the suggestion).
- ``rule`` is the machine name of the rule that produced the finding (see ``checks.RULES``).
- ``where`` locates it in the report in Swedish words: goal number, indicator, table and row,
  joined with " › ".
- ``message`` is Swedish and self-contained; ``expected`` and ``found`` are the figures involved
  (``Decimal`` or ``None``), in the unit of the table they come from.
- ``part`` is the part of the report the finding belongs to (``Part``), set by the rule that
  makes it, so pages and outputs place findings without reading the Swedish ``where``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Part = Literal[
    "",
    "proposals",
    "goals",
    "indicators",
    "activities",
    "operating_summary",
    "operating_budget",
    "volumes",
    "result_units",
    "investments",
    "gross_changes",
]


@dataclass(frozen=True)
class Finding:
    """One inconsistency or gap in a follow-up report."""

    severity: Severity
    rule: str
    where: str
    message: str
    expected: Decimal | None = None
    found: Decimal | None = None
    part: Part = ""


def in_part(part: Part, findings: Iterable[Finding]) -> list[Finding]:
    """The findings, placed in one part of the report."""
    return [replace(finding, part=part) for finding in findings]


def join_where(*parts: str) -> str:
    """Join location parts with " › ", skipping empty ones."""
    return " › ".join(part for part in parts if part)
