"""Parse the text of an ILS follow-up report into a ``FollowUp``, with every unplaced line.

Conventions, stated once:
- The report is cut into parts at lines standing alone (no tab): the decision page up to
  "Innehållsförteckning", the table of contents up to "Sammanfattande analys", the summary up
  to "Uppföljning av Kommunfullmäktiges inriktningsmål", the goals up to "Uppföljning av
  ekonomi", the economy to the end. A part that is missing is empty.
- The committee and the period come from the title (see ``front``); the committee's code
  defaults to an ASCII slug of its name, its parent to Stockholms stad.
- Pure and deterministic: standard library and ``styrkort.domain`` only. A text without a
  report title is no ILS report and raises ``IlsError``; anything else that cannot be placed
  is reported line by line in ``IlsResult.unplaced``, in line order.
- A report that ends early (a truncated file, a page range missing from the extraction) is
  told by its table of contents: every heading listed there must stand in the text after it
  (goal headings are compared by level and number, others by their words). A listed heading
  the text never reaches is reported as an unplaced line of the table of contents. A text
  without a table of contents says so in ``IlsResult.has_contents``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from styrkort.domain.document import Economy, FollowUp, Goal, Organisation
from styrkort.ils.economy import read_economy
from styrkort.ils.front import (
    read_contents,
    read_front,
    read_fund_applications,
    read_listed_headings,
    read_title,
    slugify,
)
from styrkort.ils.goals import read_goals, read_heading
from styrkort.ils.lines import Line, UnplacedLine, split_lines, unplaced
from styrkort.ils.text import markdown

STOCKHOLM = Organisation("stockholm", "Stockholms stad", "municipality")
_CONTENTS = "Innehållsförteckning"
_SUMMARY = "Sammanfattande analys"
_GOALS = "Uppföljning av Kommunfullmäktiges inriktningsmål"
_ECONOMY = "Uppföljning av ekonomi"


class IlsError(ValueError):
    """The text is not an ILS report at all (no title); the message says so in Swedish."""


@dataclass(frozen=True)
class IlsResult:
    """The follow-up read from an ILS report, and the lines that could not be placed.

    ``has_contents`` says whether the text has a table of contents, without which the parser
    cannot tell whether the report is whole (a file cut before it, or a snippet).
    """

    followup: FollowUp
    unplaced: tuple[UnplacedLine, ...]
    has_contents: bool = True


def _find(lines: Sequence[Line], heading: str, start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].stripped == heading and not lines[index].has_tab:
            return index
    return None


def _missing_headings(
    listed: Sequence[tuple[Line, str]], body: Sequence[Line], goals: Sequence[Goal]
) -> list[UnplacedLine]:
    """The table of contents' lines whose heading the text after it never reaches."""
    words = {" ".join(line.stripped.split()) for line in body if not line.blank and not line.has_tab}
    numbers = {(goal.level, goal.number) for top in goals for goal in top.walk()}
    missing = []
    for line, title in listed:
        heading = read_heading(Line(line.number, title))
        found = (heading[0], heading[1]) in numbers if heading else " ".join(title.split()) in words
        if not found:
            missing.append(
                unplaced(line, "står i innehållsförteckningen men inte i texten (rapporten slutar i förtid?)")
            )
    return missing


def parse_ils(text: str, *, municipality: Organisation | None = None, code: str | None = None) -> IlsResult:
    """Read an ILS report's extracted text into a ``FollowUp`` (see module docstring)."""
    lines = split_lines(text)
    title = read_title(lines)
    if title is None:
        raise IlsError(
            "Hittar ingen rubrik av formen ”Tertialrapport Tertial 1 2026 för …” eller "
            "”Verksamhetsberättelse 2026 för …”: texten ser inte ut som en rapport från ILS."
        )
    contents = _find(lines, _CONTENTS, 0)
    summary = _find(lines, _SUMMARY, contents or 0)
    goals = _find(lines, _GOALS, summary or contents or 0)
    economy = _find(lines, _ECONOMY, goals or summary or contents or 0)
    found = [index for index in (contents, summary, goals, economy) if index is not None]
    cuts = [*found, len(lines)]

    def part(start: int | None) -> Sequence[Line]:
        if start is None:
            return ()
        return lines[start : next(cut for cut in cuts if cut > start)]

    front = read_front(lines[: found[0] if found else len(lines)], title)
    attachments, contents_unplaced = read_contents(part(contents))
    summary_lines = part(summary)[1:]
    goal_part = read_goals(part(goals))
    economy_part = read_economy(part(economy)) if economy is not None else None
    problems = [*front.unplaced, *contents_unplaced, *goal_part.unplaced]
    if contents is not None:
        body = lines[next(cut for cut in cuts if cut > contents) :]
        listed = read_listed_headings(part(contents))
        problems.extend(_missing_headings(listed, body, goal_part.goals))
    if economy_part is not None:
        problems.extend(economy_part.unplaced)
        attachments = attachments + economy_part.attachments

    committee = Organisation(
        code or slugify(title.committee), title.committee, "committee", municipality or STOCKHOLM
    )
    followup = FollowUp(
        organisation=committee,
        period=title.period,
        report=front.report,
        decision_proposals=front.proposals,
        summary=markdown(summary_lines),
        goals=goal_part.goals,
        economy=replace(
            economy_part.economy if economy_part else Economy(),
            fund_applications=read_fund_applications(front.proposals),
        ),
        attachments=attachments,
    )
    return IlsResult(
        followup,
        tuple(sorted(problems, key=lambda item: item.line_number)),
        has_contents=contents is not None,
    )
