"""The front of an ILS report: title, decision page, table of contents and attachments.

Conventions, stated once:
- The title line names the report kind, the period and the committee:
  "Tertialrapport Tertial 1 2026 för X" (T1), "… Tertial 2 …" (T2),
  "Verksamhetsberättelse 2026 för X" (AR). It is the one line the parser cannot do without.
- On the decision page the first ISO date is the report date, the second the meeting date;
  the name after "Handläggare" is the officer, "Telefon: …" the officer's phone; the line
  after "Till" (alone, after a colon, or run on to the phone line as "…**Till**") is the
  recipient; the line before "…direktör"/"…chef" is the signatory and that line's first word
  the title. The committee name elsewhere (the signature's organisation), bare phone numbers
  and a web address ("start.stockholm") are page furniture: placed, not data.
- The table of contents is derived output: its lines are placed and skipped, except the
  "Bilaga N: title" lines, which are the attachments. The headings it lists are kept
  (``read_listed_headings``) so that the parser can tell a report that ends early.
- Fund applications are read from the decision proposals ("… ansöker om
  kompetensutvecklingsmedel, purpose, 498 276 kr."), amounts in kronor.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from styrkort.domain.document import Attachment, DecisionProposal, FundApplication, PeriodRef, ReportInfo
from styrkort.domain.numbers import split_number
from styrkort.ils.lines import Line, UnplacedLine, read_date, strip_tags, unplaced

_TITLE = re.compile(
    r"^(?:(?P<tertial>Tertialrapport)\s+(?:Tertial\s+)?(?P<number>[12])|(?P<annual>Verksamhetsberättelse))"
    r"\s+(?P<year>\d{4})\s+för\s+(?P<committee>.+?)\s*$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"Telefon:?\s*(?P<phone>\+?\d[\d\s-]*\d)")
_BARE_PHONE = re.compile(r"^\+?\d[\d\s-]{4,}\d$")
_WEB = re.compile(r"^[\w-]+(?:\.[\w-]+)+/?$")
_TO = re.compile(r"^(?P<before>.*?)\bTill\b\s*:?\s*(?P<rest>.*)$")
_SIGNATORY = re.compile(r"^(?P<title>[A-ZÅÄÖ][\w-]*(?:direktör|chef))(?:\s|$)")
_PROPOSAL = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>.+)$")
_ATTACHMENT = re.compile(r"^Bilaga\s+(?P<number>\d+)\s*:\s*(?P<title>.+?)\s*$")
_TOC_ENTRY = re.compile(r"(\t\s*\d*\s*$)|(\.{3,})")
_FUND = re.compile(
    r"ansöker om (?P<fund>\w+medel),\s*(?P<purpose>.+),\s*(?P<amount>\d[\d \u00a0\u202f]*)\s*kr\.?$"
)


@dataclass(frozen=True)
class Title:
    """What the title line says."""

    line_number: int
    text: str
    period: PeriodRef
    committee: str


@dataclass(frozen=True)
class Front:
    """The decision page as read."""

    report: ReportInfo
    proposals: tuple[DecisionProposal, ...]
    unplaced: tuple[UnplacedLine, ...]


def read_title(lines: Sequence[Line]) -> Title | None:
    """The first line that reads as an ILS report title."""
    for line in lines:
        match = _TITLE.match(line.stripped)
        if match:
            kind = "AR" if match["annual"] else f"T{match['number']}"
            period = PeriodRef(int(match["year"]), kind)
            return Title(line.number, line.stripped, period, match["committee"])
    return None


def slugify(name: str) -> str:
    """A lowercase ASCII slug: "Hässelby-Vällingby stadsdelsnämnd" → "hasselby-vallingby-stadsdelsnamnd"."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _same_name(text: str, name: str) -> bool:
    return " ".join(text.split()).casefold() == " ".join(name.split()).casefold()


def read_front(lines: Sequence[Line], title: Title) -> Front:
    """The decision page: dates, officer, proposals, signatory (see module docstring)."""
    dates: list[date] = []
    officer = phone = recipient = director = director_title = ""
    proposals: list[DecisionProposal] = []
    pending: list[Line] = []  # lines not yet understood; the last may turn out to be the signatory
    problems: list[UnplacedLine] = []
    expect_officer = expect_recipient = in_proposals = False
    signature: list[str] | None = None
    signature_lines: list[Line] = []

    def close_signature() -> None:
        nonlocal signature
        if signature is not None and signature_lines and not _same_name(" ".join(signature), title.committee):
            problems.extend(unplaced(line, "okänd rad i underskriften") for line in signature_lines)
        signature = None
        signature_lines.clear()

    for line in lines:
        if line.blank:
            close_signature()
            continue
        text = line.stripped
        if signature is not None:
            signature.append(text)
            signature_lines.append(line)
            continue
        if line.number == title.line_number:
            continue
        if in_proposals:
            match = _PROPOSAL.match(text)
            if match:
                proposals.append(DecisionProposal(int(match["number"]), " ".join(match["text"].split())))
                continue
            if proposals and text[:1].islower() and proposals[-1].text[-1:] not in ".!?":
                last = proposals[-1]
                proposals[-1] = DecisionProposal(last.number, last.text + " " + text)
                continue
            in_proposals = False
        if expect_officer:
            expect_officer = False
            if not _PHONE.search(text):
                officer = text
                continue
        if expect_recipient:
            expect_recipient = False
            if not _ISO_DATE.match(text):
                recipient = text
                continue
        to = _TO.match(line.text.replace("**", " "))
        before = to["before"].strip() if to else ""
        if to and (not before or _PHONE.search(before)):  # "Till …", or run on to the phone line
            match = _PHONE.search(before)
            phone = phone or (match["phone"].strip() if match else "")
            recipient = recipient or to["rest"].strip()
            expect_recipient = not to["rest"].strip()
            continue
        if _ISO_DATE.match(text) and len(dates) < 2:
            value, _ = read_date(text)
            if value is not None:
                dates.append(value)
                continue
        if text.startswith("Handläggare"):
            officer = text.removeprefix("Handläggare").lstrip(": ").strip()
            expect_officer = not officer
            continue
        match = _PHONE.search(text)
        if match:
            phone = phone or match["phone"].strip()
            continue
        if text == "Förslag till beslut":
            in_proposals = True
            continue
        first = line.text.split("**")[0].strip()
        match = _SIGNATORY.match(first)
        if match and pending and not director:
            director = pending.pop().stripped
            director_title = match["title"]
            rest = [part.strip() for part in line.text.split("**")[1:] if part.strip()]
            signature = rest
            signature_lines.clear()
            continue
        if _same_name(text, title.committee) or _BARE_PHONE.match(text) or _WEB.match(text):
            continue
        pending.append(line)
    close_signature()
    problems.extend(unplaced(line, "okänd rad på beslutssidan") for line in pending)
    report = ReportInfo(
        title=title.text,
        report_date=dates[0] if dates else None,
        meeting_date=dates[1] if len(dates) > 1 else None,
        officer=officer,
        officer_phone=phone,
        recipient=recipient,
        director=director,
        director_title=director_title,
    )
    return Front(report, tuple(proposals), tuple(sorted(problems, key=lambda item: item.line_number)))


def read_attachment(line: Line) -> Attachment | None:
    match = _ATTACHMENT.match(strip_tags(line.text))
    return Attachment(int(match["number"]), match["title"]) if match else None


def read_contents(lines: Sequence[Line]) -> tuple[tuple[Attachment, ...], tuple[UnplacedLine, ...]]:
    """The table of contents: skipped, except the attachments listed in it."""
    attachments: list[Attachment] = []
    problems: list[UnplacedLine] = []
    for line in lines:
        if line.blank or line.stripped in ("Innehållsförteckning", "Bilagor"):
            continue
        attachment = read_attachment(line)
        if attachment is not None:
            attachments.append(attachment)
        elif not _TOC_ENTRY.search(line.text):
            problems.append(unplaced(line, "okänd rad i innehållsförteckningen"))
    return tuple(attachments), tuple(problems)


def read_listed_headings(lines: Sequence[Line]) -> tuple[tuple[Line, str], ...]:
    """The headings the table of contents lists (attachments and "Bilagor" aside), with their titles."""
    found = []
    for line in lines:
        if line.blank or line.stripped in ("Innehållsförteckning", "Bilagor") or read_attachment(line):
            continue
        if _TOC_ENTRY.search(line.text):
            title = strip_tags(line.text.split("\t")[0]).rstrip(". ")
            if title:
                found.append((line, title))
    return tuple(found)


def read_fund_applications(proposals: Sequence[DecisionProposal]) -> tuple[FundApplication, ...]:
    """Applications for central funds among the decision proposals (amounts in kronor)."""
    found = []
    for proposal in proposals:
        match = _FUND.search(proposal.text)
        if match:
            parts = split_number(match["amount"])
            amount = parts[0] if parts else None
            found.append(FundApplication(match["fund"], match["purpose"].strip(), amount))
    return tuple(found)
