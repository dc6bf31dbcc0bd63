"""Decision proposals: generated from the data, and an edited text compared with the data.

Conventions, stated once:
- Wording follows Stockholm's decision pages: "Stadsdelsnämnden godkänner tertialrapport 1 för år
  2026 …", "… justerar årsmålet för antalet … från 1 300 till 1 315.", "… ansöker om
  budgetjustering om 0,9 mnkr …", "… ansöker om kompetensutvecklingsmedel, …, 330 480 kr.",
  "… anmäler omslutningar om 24,9 mnkr.". Amounts in mnkr with one decimal, fund applications in
  kronor, all in Swedish format.
- Order: approval, target changes (in printed order of the indicators), budget adjustments, fund
  applications, gross changes. Numbers run from 1.
- A target change is a committee target ("Årsmål") that differs between the previous and the
  current follow-up of the same year, matched by indicator name.
- The check reads each proposal with a few patterns; a proposal it cannot read is not an error.
  Amounts are compared exactly as printed; indicator names are matched after folding case,
  spacing and the definite forms "antalet"/"andelen".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from styrkort.domain.document import DecisionProposal, FollowUp, Goal, Indicator
from styrkort.domain.findings import Finding, in_part, join_where
from styrkort.domain.goals import show_goal_number
from styrkort.domain.numbers import format_number, split_number
from styrkort.domain.targets import parse_target

REPORT_NAMES = {"T1": "tertialrapport 1", "T2": "tertialrapport 2", "AR": "verksamhetsberättelse"}
_AMOUNT = r"(?P<amount>-?\d[\d \u00a0\u202f]*(?:,\d+)?)"
_TARGET_CHANGE = re.compile(
    r"årsmål(?:et)? för (?P<what>.+?) från (?P<old>.+?) till (?P<new>.+?)\.?$", re.IGNORECASE
)
_BUDGET_ADJUSTMENT = re.compile(
    r"budgetjustering(?:ar)? om (?:totalt )?" + _AMOUNT + r" ?mnkr", re.IGNORECASE
)
_GROSS_CHANGE = re.compile(r"omslutning\w* om (?:totalt )?" + _AMOUNT + r" ?mnkr", re.IGNORECASE)
_FUND_APPLICATION = re.compile(r"ansöker om [^,]*medel\b.*?,\s*" + _AMOUNT + r" ?kr\.?$", re.IGNORECASE)
_APPROVAL = re.compile(r"\bgodkänner\b", re.IGNORECASE)


@dataclass(frozen=True)
class TargetChange:
    """A committee target changed this period."""

    goal_number: str
    indicator: str
    old: str
    new: str


def name_committee(followup: FollowUp) -> str:
    """The committee in the definite form a proposal starts with: its own kind, "Stadsdelsnämnden"
    for "Norra stadsdelsnämnden" or "Åsby stadsdelsnämnd", "Kulturnämnden", "Kommunstyrelsen"."""
    words = followup.organisation.name.split()
    last = words[-1].lower() if words else ""
    if last.endswith(("nämnden", "styrelsen")):
        return last[0].upper() + last[1:]
    if last.endswith(("nämnd", "styrelse")):
        definite = last + ("en" if last.endswith("nämnd") else "n")
        return definite[0].upper() + definite[1:]
    return "Nämnden"


def name_report(followup: FollowUp) -> str:
    """'tertialrapport 1 för år 2026', or the month's report."""
    kind = followup.period.kind
    name = REPORT_NAMES.get(kind, f"månadsrapport {kind[1:]}" if kind.startswith("M") else kind)
    return f"{name} för år {followup.period.year}"


def describe_indicator(name: str) -> str:
    """An indicator name as it reads inside a sentence ("antalet ungdomar …")."""
    for plain, definite in (("Antal ", "antalet "), ("Andel ", "andelen "), ("Andelen ", "andelen ")):
        if name.startswith(plain):
            return definite + name[len(plain) :]
    return f"indikatorn ”{name}”"


def fold_name(text: str) -> str:
    """Fold an indicator name for matching: case, spacing, punctuation and definite forms."""
    folded = re.sub(r"[^\w%/ ]+", " ", text.lower())
    words = [{"antalet": "antal", "andelen": "andel"}.get(word, word) for word in folded.split()]
    if words and words[0] == "indikatorn":
        words = words[1:]
    return " ".join(words)


def show_target(text: str) -> str:
    """A target as a proposal prints it: figures in Swedish format, words as they are."""
    target = parse_target(text)
    if target is not None and target.kind == "value" and target.value is not None:
        return format_number(target.value)
    return text


def find_target_changes(previous: FollowUp, current: FollowUp) -> tuple[TargetChange, ...]:
    """Every committee target that differs between the two follow-ups, matched by indicator name."""
    before = {fold_name(indicator.name): indicator for _, indicator in previous.all_indicators()}
    changes = []
    for goal, indicator in current.all_indicators():
        old = before.get(fold_name(indicator.name))
        if old is None or old.target is None or indicator.target is None:
            continue
        old_target, new_target = parse_target(old.target), parse_target(indicator.target)
        if old_target == new_target or (
            old_target
            and new_target
            and old_target.value is not None
            and old_target.value == new_target.value
        ):
            continue
        changes.append(TargetChange(goal.number, indicator.name, old.target, indicator.target))
    return tuple(changes)


def generate_proposals(current: FollowUp, previous: FollowUp | None = None) -> tuple[DecisionProposal, ...]:
    """The decision proposals the data calls for, in the wording style of the decision page."""
    committee = name_committee(current)
    texts = [
        f"{committee} godkänner {name_report(current)} enligt förvaltningens förslag och överlämnar den "
        "till kommunstyrelsen."
    ]
    if previous is not None:
        for change in find_target_changes(previous, current):
            texts.append(
                f"{committee} justerar årsmålet för {describe_indicator(change.indicator)} från "
                f"{show_target(change.old)} till {show_target(change.new)}."
            )
    economy = current.economy
    for adjustment in economy.budget_adjustments:
        if adjustment.amount is not None:
            texts.append(
                f"{committee} ansöker om budgetjustering om {format_number(adjustment.amount, decimals=1)} mnkr "
                f"{adjustment.purpose}."
            )
    for application in economy.fund_applications:
        if application.amount is not None:
            texts.append(
                f"{committee} ansöker om {application.fund}, {application.purpose}, "
                f"{format_number(application.amount)} kr."
            )
    gross = sum_gross_changes(current)
    if gross:
        texts.append(f"{committee} anmäler omslutningar om {format_number(gross, decimals=1)} mnkr.")
    return tuple(DecisionProposal(number, text) for number, text in enumerate(texts, start=1))


def sum_gross_changes(followup: FollowUp) -> Decimal | None:
    """The reported gross changes (costs), as printed in the total row or else summed from the rows."""
    economy = followup.economy
    if economy.gross_changes_total is not None and economy.gross_changes_total.costs is not None:
        return economy.gross_changes_total.costs
    costs = [row.costs for row in economy.gross_changes if row.costs is not None]
    return sum(costs, Decimal(0)) if costs else None


def read_target_value(indicator: Indicator) -> Decimal | None:
    """The figure of an indicator's committee target, if it is one."""
    target = parse_target(indicator.target)
    return target.value if target is not None else None


def read_amount(text: str) -> Decimal | None:
    parts = split_number(text)
    return parts[0] if parts else None


def match_indicators(followup: FollowUp, what: str) -> list[tuple[Goal, Indicator]]:
    """Indicators named by a proposal: an exact folded match, else names that start with it."""
    wanted = fold_name(what)
    pairs = followup.all_indicators()
    exact = [pair for pair in pairs if fold_name(pair[1].name) == wanted]
    if exact:
        return exact
    return [
        pair
        for pair in pairs
        if fold_name(pair[1].name).startswith(wanted) or wanted.startswith(fold_name(pair[1].name))
    ]


def check_target_change(
    followup: FollowUp, previous: FollowUp | None, where: str, match: re.Match[str]
) -> list[Finding]:
    what, old_text, new_text = match.group("what"), match.group("old"), match.group("new")
    pairs = match_indicators(followup, what)
    if not pairs:
        message = (
            f"Förslaget justerar årsmålet för ”{what}”, men ingen indikator med det namnet finns i rapporten"
        )
        return [Finding("warning", "proposal_target", where, message)]
    findings: list[Finding] = []
    new_value, old_value = read_amount(new_text), read_amount(old_text)
    goal, indicator = pairs[0]
    table_value = read_target_value(indicator)
    table_where = f"mål {show_goal_number(goal.number)}, ”{indicator.name}”"
    if new_value is not None and table_value is not None and new_value != table_value:
        others = [
            other.name
            for _, other in followup.all_indicators()
            if other is not indicator and read_target_value(other) == new_value
        ]
        hint = f" ({format_number(new_value)} är årsmålet för ”{others[0]}”)" if others else ""
        message = (
            f"Förslaget justerar årsmålet till {format_number(new_value)}, men indikatortabellen ({table_where}) "
            f"visar årsmålet {format_number(table_value)}{hint}"
        )
        findings.append(Finding("error", "proposal_target", where, message, table_value, new_value))
    if previous is not None and old_value is not None:
        before = match_indicators(previous, what)
        old_target = parse_target(before[0][1].target) if before else None
        if old_target is not None and old_target.value is not None and old_target.value != old_value:
            message = (
                f"Förslaget anger att årsmålet var {format_number(old_value)}, men föregående rapport visar "
                f"{format_number(old_target.value)}"
            )
            findings.append(Finding("error", "proposal_target", where, message, old_target.value, old_value))
    return findings


def check_amount(
    rule: str, where: str, found: Decimal | None, candidates: Sequence[Decimal], what: str, unit: str
) -> list[Finding]:
    if found is None or not candidates or found in candidates:
        return []
    decimals = 1 if unit == "mnkr" else None
    shown = " eller ".join(format_number(value, decimals=decimals) for value in candidates)
    message = (
        f"Förslaget anger {format_number(found, decimals=decimals)} {unit}, men {what} visar {shown} {unit}"
    )
    return [Finding("error", rule, where, message, candidates[0], found)]


def check_proposals(followup: FollowUp, previous: FollowUp | None = None) -> list[Finding]:
    """Compare the decision proposals, as edited, with the tables; report what is missing."""
    economy = followup.economy
    findings: list[Finding] = []
    adjustments = [item.amount for item in economy.budget_adjustments if item.amount is not None]
    applications = [item.amount for item in economy.fund_applications if item.amount is not None]
    gross = sum_gross_changes(followup)
    mentioned: dict[str, list[Decimal]] = {"adjustment": [], "application": [], "gross": []}
    changed: list[str] = []
    for proposal in followup.decision_proposals:
        where = join_where("Förslag till beslut", f"punkt {proposal.number}")
        text = " ".join(proposal.text.split())
        if match := _TARGET_CHANGE.search(text):
            findings += check_target_change(followup, previous, where, match)
            changed.append(fold_name(match.group("what")))
        if match := _BUDGET_ADJUSTMENT.search(text):
            amount = read_amount(match.group("amount"))
            mentioned["adjustment"].append(amount)  # type: ignore[arg-type]
            findings += check_amount(
                "proposal_amount", where, amount, adjustments, "budgetjusteringarna", "mnkr"
            )
        if match := _FUND_APPLICATION.search(text):
            amount = read_amount(match.group("amount"))
            mentioned["application"].append(amount)  # type: ignore[arg-type]
            findings += check_amount("proposal_amount", where, amount, applications, "ansökningarna", "kr")
        if match := _GROSS_CHANGE.search(text):
            amount = read_amount(match.group("amount"))
            mentioned["gross"].append(amount)  # type: ignore[arg-type]
            findings += check_amount(
                "proposal_amount",
                where,
                amount,
                [gross] if gross is not None else [],
                "omslutningstabellen",
                "mnkr",
            )
    if not followup.decision_proposals:
        return in_part("proposals", findings)
    where = "Förslag till beslut"
    if not any(_APPROVAL.search(proposal.text) for proposal in followup.decision_proposals):
        findings.append(
            Finding("warning", "proposal_missing", where, "Förslag om att godkänna rapporten saknas")
        )
    for amount in adjustments:
        if amount not in mentioned["adjustment"]:
            message = (
                f"Budgetjusteringen om {format_number(amount, decimals=1)} mnkr saknar förslag till beslut"
            )
            findings.append(Finding("warning", "proposal_missing", where, message, amount, None))
    for amount in applications:
        if amount not in mentioned["application"]:
            message = f"Ansökan om {format_number(amount)} kr saknar förslag till beslut"
            findings.append(Finding("warning", "proposal_missing", where, message, amount, None))
    if gross and not mentioned["gross"]:
        message = (
            f"Omslutningsförändringar om {format_number(gross, decimals=1)} mnkr saknar förslag till beslut"
        )
        findings.append(Finding("warning", "proposal_missing", where, message, gross, None))
    if previous is not None:
        for change in find_target_changes(previous, followup):
            if fold_name(change.indicator) not in changed and not any(
                fold_name(change.indicator).startswith(name) for name in changed
            ):
                message = (
                    f"Årsmålet för ”{change.indicator}” har ändrats från {show_target(change.old)} till "
                    f"{show_target(change.new)} utan förslag till beslut"
                )
                findings.append(Finding("warning", "proposal_missing", where, message))
    return in_part("proposals", findings)
