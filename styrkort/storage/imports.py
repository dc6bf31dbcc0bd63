"""What every import command shares: its options, the operator in the audit trail, its refusals.

``import-ils`` and ``import-json`` read their file with ``read_input``. They and
``generate-demo`` save through ``save_imported``: the
follow-up is stored with the operator (``--operator NAME``, else the operating system's user)
as the author of its audit entry, and every refusal ends in a ``CommandError`` whose Swedish
message says what and ends with "inget importerades".
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styrkort.audit.trail import audit_context, operator_name
from styrkort.domain import document as d
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Report
from styrkort.storage.store import save_followups
from styrkort.storage.validate import RemovalRefused

NOTHING = "inget importerades"


def read_input(name: str) -> str:
    """The text of a file ("-": standard input) as UTF-8 (a byte order mark is dropped); a file
    that cannot be read or is no UTF-8 gives a ``CommandError`` that says where."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise CommandError(f"{name}: kan inte läsas ({error.strerror or error}); {NOTHING}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(
            f"{name}:{line}: texten är inte UTF-8 (byte {error.start + 1}); spara filen som UTF-8; {NOTHING}"
        ) from error


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--allow-removal",
        action="store_true",
        help="replace a stored report even when goals, indicators or activities would go",
    )
    parser.add_argument(
        "--operator", help="who runs the import, for the audit trail (default: the operating system's user)"
    )


def save_imported(followup: d.FollowUp, name: str, source: str, options: dict[str, Any]) -> Report:
    """Save as ``save_followup`` does, attributed to the operator; a refusal as a ``CommandError``."""
    return save_all_imported([followup], name, source, options)[0]


def save_all_imported(
    followups: Iterable[d.FollowUp],
    name: str,
    source: str,
    options: dict[str, Any],
    *,
    counts_from_documents: bool = False,
) -> list[Report]:
    """Save all or none, as ``save_followups`` does (one audit entry per report), attributed to
    the operator; a refusal as a ``CommandError``."""
    with audit_context(operator=operator_name(options.get("operator"))):
        try:
            return save_followups(
                followups,
                source=source,
                allow_removal=bool(options.get("allow_removal")),
                counts_from_documents=counts_from_documents,
            )
        except RemovalRefused as error:
            raise CommandError(
                f"{name}: {error}\nange --allow-removal om de ska tas bort; {NOTHING}"
            ) from error
        except (LockedReportError, ValueError) as error:
            raise CommandError(f"{name}: {error}\n{NOTHING}") from error
