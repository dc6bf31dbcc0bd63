"""`styrkort import-xlsx FILE [--user NAME] [--dry-run] [--operator NAME]`: an exported workbook read back.

The grid's rules (see ``styrkort.spreadsheets.importing``): strict figures, rights (those of
``--user``, else the operator's, who may change everything an administrator may), versions (a
cell changed in Styrkort since the export is a conflict), all or nothing. Every refused cell is
named by sheet, row and column. ``--dry-run`` lists the changes without saving them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.accounts.access import ReportAccess, report_access
from styrkort.accounts.models import Role
from styrkort.audit.trail import audit_context, operator_name
from styrkort.spreadsheets.importing import (
    ImportRefused,
    apply_plan,
    exported_from,
    open_workbook,
    plan_import,
)
from styrkort.storage.imports import NOTHING
from styrkort.storage.store import find_report


class Command(BaseCommand):
    help = "Imports an Excel workbook exported by export-xlsx (all or nothing; conflicts named per cell)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", help="import with this user's rights (default: the operator's, all rights)"
        )
        parser.add_argument("--dry-run", action="store_true", help="list the changes, save nothing")
        parser.add_argument(
            "--operator",
            help="who runs the import, for the audit trail (default: the operating system's user)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: kan inte läsas ({error.strerror or error}); {NOTHING}") from error
        try:
            book = open_workbook(data, path.name)
            origin = exported_from(book)
            if origin is None:
                raise ImportRefused(
                    [f"”{path.name}” är inte exporterad från Styrkort (bladet som anger rapporten saknas)"]
                )
            try:
                report = find_report(*origin)
            except (LookupError, ValueError) as error:
                raise ImportRefused([str(error)]) from error
            user = self._user(options["user"])
            access = (
                report_access(user, report) if user else ReportAccess(report, frozenset({Role.ADMINISTRATOR}))
            )
            if user and not access.may_write:
                raise ImportRefused(
                    [f"{user.get_username()} får inte ändra rapporten {origin[0]} {origin[1]}"]
                )
            plan = plan_import(book, access)
            for change in plan.changes:
                self.stdout.write(
                    f"{change.sheet}, rad {change.row}, kolumn {change.column} (”{change.label}”): "
                    f"”{change.before}” → ”{change.after}”"
                )
            if options["dry_run"]:
                count = len(plan.changes)
                cells = "cell skulle ändras" if count == 1 else "celler skulle ändras"
                self.stdout.write(f"{count} {cells}; inget sparades (--dry-run)")
                return
            with audit_context(user=user, operator=None if user else operator_name(options.get("operator"))):
                saved = apply_plan(plan, access)
        except ImportRefused as error:
            raise CommandError(f"{path}:\n" + "\n".join(error.problems) + f"\n{NOTHING}") from error
        count = len(plan.changes)
        self.stdout.write(
            f"{count} {'cell ändrad' if count == 1 else 'celler ändrade'} på "
            f"{len(saved)} {'rad' if len(saved) == 1 else 'rader'}"
        )

    def _user(self, name: str | None) -> Any:
        if not name:
            return None
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise ImportRefused([f"användaren ”{name}” finns inte"])
        return user
