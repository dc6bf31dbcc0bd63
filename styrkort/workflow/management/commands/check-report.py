"""``styrkort check-report --organisation CODE --period 2026-T1``: the report's findings.

(Until Styrkort 0.2 this was ``styrkort check --organisation …``; ``check`` is Django's own
system check again.) It loads the stored follow-up and lists every finding of
``styrkort.domain.checks``: as text, or as JSON (a list of objects with ``severity``, ``rule``,
``where``, ``message``, ``expected``, ``found``; figures as strings in exchange notation).
Exit status 1 when there are errors.
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from styrkort.domain.checks import count_by_severity, run_checks
from styrkort.domain.findings import Finding
from styrkort.domain.numbers import to_exchange
from styrkort.storage.store import load_followup

SEVERITY_WORDS = {"error": "FEL", "warning": "VARNING", "info": "INFO"}


def serialise_finding(finding: Finding) -> dict[str, str | None]:
    """A finding as a JSON object, figures as strings."""
    return {
        "severity": finding.severity,
        "rule": finding.rule,
        "where": finding.where,
        "message": finding.message,
        "expected": to_exchange(finding.expected),
        "found": to_exchange(finding.found),
        "part": finding.part,
    }


def format_text(findings: tuple[Finding, ...]) -> str:
    """Findings as readable lines, with a count at the end."""
    lines = []
    for finding in findings:
        lines.append(f"{SEVERITY_WORDS[finding.severity]} [{finding.rule}] {finding.where}")
        lines.append(f"    {finding.message}")
        if finding.expected is not None or finding.found is not None:
            lines.append(
                f"    väntat: {to_exchange(finding.expected) or '–'}  funnet: {to_exchange(finding.found) or '–'}"
            )
    counts = count_by_severity(findings)
    lines.append(f"{counts['error']} fel, {counts['warning']} varningar, {counts['info']} upplysningar")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Kontrollerar en nämnds uppföljningsrapport för en period och listar alla avvikelser."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="organisationens kod, t.ex. nämndens")
        parser.add_argument("--period", required=True, help='perioden, t.ex. "2026-T1"')
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument(
            "--today", type=date.fromisoformat, help="dagens datum (standard: rapportdatumet)"
        )

    def handle(self, *args, **options):
        try:
            followup = load_followup(options["organisation"], options["period"])
        except LookupError as error:
            raise CommandError(str(error)) from error
        findings = run_checks(followup, today=options.get("today"))
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([serialise_finding(item) for item in findings], ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(format_text(findings))
        errors = count_by_severity(findings)["error"]
        if errors:
            raise CommandError(f"{errors} fel i rapporten", returncode=1)
