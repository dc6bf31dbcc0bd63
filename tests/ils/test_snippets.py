"""The ILS parser on invented snippets in the ILS text format, one tricky case at a time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styrkort.domain.document import FollowUp, Indicator, Organisation
from styrkort.exchange.document import from_dict, to_dict
from styrkort.ils import IlsError, IlsResult, parse_ils

INDICATOR_HEADER = "\t".join(
    [
        "Indikator",
        "Periodens utfall",
        "Utfall män/ pojkar",
        "Utfall kvinnor/ flickor",
        "Utfall VB 2026",
        "Prognos helår",
        "Arsmål",  # as the extraction spells it now and then
        "KF:s årsmål",
        "Period",
    ]
)
ACTIVITY_HEADER = "Aktivitet\tStartdatum\tSlutdatum\tAvvikelse"


def row(*cells: str) -> str:
    return "\t".join(cells)


FRONT = [
    "",
    "2027-09-20",
    "",
    "Handläggare",
    "Kim Exempelsson",
    "Telefon: 08-1234567**Till**",
    "Norrby stadsdelsnämnd",
    "2027-10-01",
    "",
    "Tertialrapport Tertial 2 2027 för Norrby stadsdelsnämnd",
    "",
    "Förslag till beslut",
    "",
    "1. Stadsdelsnämnden godkänner tertialrapport 2 och överlämnar den till kommunstyrelsen.",
    "2. Stadsdelsnämnden ansöker om kompetensutvecklingsmedel, språkstöd i hemtjänsten, 120 000 kr.",
    "",
    "Alva Andersson",
    "Stadsdelsdirektör**Norrby",
    "stadsdelsnämnd**",
    "",
    "Innehållsförteckning",
    "",
    "Sammanfattande analys\t3",
    "Bilagor\t",
    "<i>Bilaga 1: Ekonomisk uppföljning</i>\t",
    "Bilaga 2: Åtgärdsplan.",
    "",
    "Sammanfattande analys",
    "",
    "Nämnden bedömer att målen nås under året.",
    "",
    "Uppföljning av Kommunfullmäktiges inriktningsmål",
    "",
]
AIM = [
    "KF:s inriktningsmål: 1. Ett tryggt Norrby",
    "",
    "● Uppfylls delvis",
    "",
    "Analys",
    "",
    "Arbetet går framåt men har ännu inte",
    "  ",
    "fått full effekt i <i>alla</i> delar.",
    "",
    "Parker och torg",
    "",
    "Fler parker har rustats.",
    "",
]
AREA = [
    "KF:s mål för verksamhetsområdet: 1.1 Fler ska känna sig trygga",
    "",
    "-  Uppfylls inte",
    "",
    "Analys",
    "",
    "Tryggheten har minskat.",
    "",
    INDICATOR_HEADER + "\t",
    row(
        "  Andel invånare som känner sig trygga",
        "61,5 %",
        "60,1 %",
        "62,9 %",
        "64 %",
        "65 %",
        "66 %",
        "Ökning",
        "Tertial 2 2027",
    ),
    row("Analys Kvinnor känner sig tryggare än män.", "", "", "", "", "", "", "", ""),
    row("●  Antal trygghetsvandringar", "12 st", "", "", "20 st", "18", "20 st", "Tas fram av nämnd", "2027"),
    row(
        "  Andel ärenden inom tidsgräns för", "", "", "", "90,25 %", "", "+/- 1 %", "Max 10 personer", "2027"
    ),
    "",
    INDICATOR_HEADER,
    row("beslut om stöd", "", "", "", "", "", "", "", ""),
    row(" ", "Andel tomma rader", "", "", "", "", "", "", "Minskning", "2027", ""),
    row("Analys", "", "", "", "", "", "", "", ""),
    "Handläggningen har blivit snabbare.",
    "Fler ärenden avslutas i tid.",
    "-  Andel nöjda",
    row("besökare i parkerna", "80 %", "", "", "78 %", "82 %", "85 %", "0 st", "Tertial 2 2027"),
    "",
    ACTIVITY_HEADER,
    row("  Kartlägga otrygga platser", "2027-01-01", "2027-06-30", "Försenad"),
    row("Analys Kartläggningen blev klar i augusti.", "", "", ""),
    "",
]
COMMITTEE = [
    "Nämndmål: 1.1.1. Norrby är tryggt för alla",
    "",
    "Beskrivning",
    "",
    "Alla ska kunna röra sig tryggt i Norrby.",
    "",
    "Förväntat resultat",
    "",
    "- Fler känner sig trygga.",
    "- Färre brott anmäls.",
    "",
    ACTIVITY_HEADER,
    row(" Införa nattvandringar", "2027-02-01", "2027-12-31", ""),
    "",
]
ECONOMY = [
    "Uppföljning av ekonomi",
    "",
    "Uppföljning av driftbudget",
    "",
    "Mnkr\tBudget\tBegärda budgetjusteringar\tPrestations- och omslutningsförändringar\tPrognos\tAvvikelse",
    row("Anslag för nämndens verksamhet (netto)", "1 000,0", "0,0", "-5,0", "995,0", "0,0"),
    row("Kostnader (+)", "1 200,0", "", "1,0", "1 201,0", "0,0"),
    "",
    row("Intäkter (-)", "-200,0", "", "-6,0", "-206,0", "0,0"),
    "",
    "Tabellen nedan visar verksamhetsområdena.",
    "",
    row(
        "Mnkr",
        "Budget",
        "Begärda budgetjusteringar",
        "Prestationsförändringar",
        "Prognos (före resultatöverföringar)",
        "Prognos (efter resultatöverföringar)",
        "Avvikelse",
    ),
    row("Äldreomsorg", "500,0", "", "-5,0", "495,0", "495,0", "0,0"),
    row("varav hemtjänst", "200,0", "", "", "200,0", "200,0", "0,0"),
    row("<i>varav boende</i>", "", "", "", "", "", ""),
    row("Övrig verksamhet", "", "", "", "", "", ""),
    row("Totalt", "500,0", "", "-5,0", "495,0", "495,0", "0,0"),
    "",
    "Äldreomsorg",
    "",
    "Äldreomsorgen håller budgeten.",
    "",
    row("Äldreomsorg", "Utfall aug 2027", "Utfall jan -aug 2027"),
    row("Platser", "100", "98"),
    row("Totalt", "100", "98"),
    "",
    "Resultatenheter",
    "",
    row("Resultatenhetens namn", "Bruttobudget", "Från 2026", "Resultat 2027", "Till 2028"),
    row("Förskolor", "", "", "", ""),
    row("101 Område Norr", "50 000,0", "-1 000,0", "200,0", "800,0"),
    row("Summa resultatenheter", "", "-1 000,0", "200,0", "800,0"),
    "",
    "Investeringar",
    "",
    row("Mnkr", "Budget 2027", "Begärda budgetjusteringar", "Prognos 2027", "Avvikelse"),
    row("Parkinvesteringar", "5,0", "0,0", "5,0", "0,0"),
    row("Totalt investeringar", "5,0", "0,0", "5,0", "0,0"),
    "",
    "Planerade parkinvesteringar,",
    "",
    "- 3,0 mnkr för ny lekplats i Norrbyparken.",
    "- 2,0 mnkr för belysning.",
    "",
    "Omslutningsförändringar",
    "",
    row("Ökade kostnader/intäkter (mnkr)", "Kostnader", "Intäkter"),
    row("Äldreomsorg", "2,0", "-2,0"),
    row("<i>varav hemtjänst</i>", "1,0", "-1,0"),
    "",
    row("Ökade kostnader/intäkter (mnkr)", "Kostnader", "Intäkter"),
    row("Summa", "2,0", "-2,0"),
    "",
    "Budgetjusteringar",
    "",
    "Parkinvestering:",
    "",
    "- 1,5 mnkr för upprustning av torget.",
]


def report(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part) + "\n"


def parse(*parts: list[str]) -> IlsResult:
    return parse_ils(report(*parts))


@pytest.fixture(scope="module")
def clean() -> FollowUp:
    result = parse(FRONT, AIM, AREA, COMMITTEE, ECONOMY)
    assert result.unplaced == ()
    return result.followup


def named(followup: FollowUp, start: str) -> Indicator:
    found = [item for _, item in followup.all_indicators() if item.name.startswith(start)]
    assert len(found) == 1, [item.name for _, item in followup.all_indicators()]
    return found[0]


def test_a_t2_title_gives_the_period_and_the_committee(clean: FollowUp) -> None:
    assert clean.period.key == "2027-T2"
    assert (clean.organisation.code, clean.organisation.name) == (
        "norrby-stadsdelsnamnd",
        "Norrby stadsdelsnämnd",
    )
    assert clean.organisation.parent == Organisation("stockholm", "Stockholms stad", "municipality")
    assert clean.report.report_date == date(2027, 9, 20) and clean.report.meeting_date == date(2027, 10, 1)
    assert (clean.report.officer, clean.report.officer_phone) == ("Kim Exempelsson", "08-1234567")
    assert (clean.report.director, clean.report.director_title) == ("Alva Andersson", "Stadsdelsdirektör")
    assert clean.report.recipient == "Norrby stadsdelsnämnd"


@pytest.mark.parametrize(
    ("lines", "phone", "recipient"),
    [
        (["Telefon: 08-1234567**Till**", "Norrby stadsdelsnämnd"], "08-1234567", "Norrby stadsdelsnämnd"),
        (["Telefon: 08-1234567", "Till", "Kommunstyrelsen"], "08-1234567", "Kommunstyrelsen"),
        (["Telefon: 08-1234567", "**Till:** Äldrenämnden"], "08-1234567", "Äldrenämnden"),
        (["Telefon: 08-1234567"], "08-1234567", ""),
    ],
)
def test_the_recipient_follows_till(lines: list[str], phone: str, recipient: str) -> None:
    front = ["2027-09-20", "", "Handläggare", "Kim Exempelsson", *lines, "2027-10-01", "", FRONT[9]]
    result = parse(front)
    assert result.unplaced == ()
    info = result.followup.report
    assert (info.officer_phone, info.recipient, info.meeting_date) == (phone, recipient, date(2027, 10, 1))


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Tertialrapport Tertial 1 2028 för Söderby stadsdelsnämnd", "2028-T1"),
        ("Tertialrapport Tertial 2 2027 för Söderby stadsdelsnämnd", "2027-T2"),
        ("Verksamhetsberättelse 2026 för Söderby stadsdelsnämnd", "2026-AR"),
    ],
)
def test_the_title_names_the_period(title: str, key: str) -> None:
    followup = parse_ils(title + "\n").followup
    assert followup.period.key == key and followup.organisation.name == "Söderby stadsdelsnämnd"


def test_the_municipality_and_the_code_can_be_given() -> None:
    town = Organisation("exempelstad", "Exempelstads kommun", "municipality")
    followup = parse_ils(
        "Verksamhetsberättelse 2026 för Äldrenämnden\n", municipality=town, code="aldre"
    ).followup
    assert (followup.organisation.code, followup.organisation.parent) == ("aldre", town)


def test_a_text_without_a_title_is_refused() -> None:
    with pytest.raises(IlsError, match="rubrik"):
        parse_ils("Lite text\nsom inte är en rapport\n")


def test_the_decision_page_contents_and_attachments(clean: FollowUp) -> None:
    assert [proposal.number for proposal in clean.decision_proposals] == [1, 2]
    assert [(item.number, item.title) for item in clean.attachments] == [
        (1, "Ekonomisk uppföljning"),
        (2, "Åtgärdsplan."),
    ]
    (fund,) = clean.economy.fund_applications
    assert (fund.fund, fund.purpose, fund.amount) == (
        "kompetensutvecklingsmedel",
        "språkstöd i hemtjänsten",
        120000,
    )
    assert clean.summary == "Nämnden bedömer att målen nås under året."


def test_status_bullets_levels_and_owners(clean: FollowUp) -> None:
    aim, area, committee = clean.all_goals()
    assert [(goal.number, goal.level, goal.owner) for goal in (aim, area, committee)] == [
        ("1", "aim", "city"),
        ("1.1", "area_goal", "city"),
        ("1.1.1", "committee_goal", "committee"),
    ]
    assert [goal.assessment.status for goal in (aim, area, committee)] == [
        "partly_met",
        "not_met",
        "not_assessed",
    ]
    assert (
        committee.indicators == ()
        and committee.description
        and committee.expected_results
        == (
            "Fler känner sig trygga.",
            "Färre brott anmäls.",
        )
    )


def test_goal_analysis_is_markdown_with_page_breaks_joined(clean: FollowUp) -> None:
    assert clean.goals[0].assessment.analysis == (
        "Arbetet går framåt men har ännu inte fått full effekt i *alla* delar.\n\n"
        "## Parker och torg\n\nFler parker har rustats."
    )


def test_indicator_columns_under_a_header_spelt_arsmal_with_a_trailing_tab(clean: FollowUp) -> None:
    item = named(clean, "Andel invånare som känner sig trygga")
    assert (item.outcome, item.outcome_men, item.outcome_women) == (
        Decimal("61.5"),
        Decimal("60.1"),
        Decimal("62.9"),
    )
    assert (item.previous_annual, item.forecast, item.target, item.city_target) == (
        Decimal(64),
        Decimal(65),
        "66",
        "Ökning",
    )
    assert (item.unit, item.decimals, item.gender_split, item.frequency, item.owner) == (
        "%",
        1,
        True,
        "tertial",
        "city",
    )
    assert item.period_label(clean.period) == "Tertial 2 2027"
    assert item.analysis == "Kvinnor känner sig tryggare än män."


def test_a_status_symbol_before_the_name_is_not_part_of_it(clean: FollowUp) -> None:
    item = named(clean, "Antal trygghetsvandringar")
    assert (item.outcome, item.forecast, item.unit, item.target, item.city_target) == (
        Decimal(12),
        Decimal(18),
        "st",
        "20",
        "Tas fram av nämnd",
    )
    assert (item.frequency, item.decimals, item.gender_split) == ("annual", 0, False)


def test_a_row_split_by_a_page_break_gets_its_tail_after_the_repeated_header(clean: FollowUp) -> None:
    item = named(clean, "Andel ärenden inom tidsgräns")
    assert item.name == "Andel ärenden inom tidsgräns för beslut om stöd"
    assert (item.target, item.city_target) == ("+/- 1 %", "Max 10 personer")
    assert (item.previous_annual, item.decimals, item.outcome) == (Decimal("90.25"), 2, None)


def test_lone_analys_takes_the_text_lines_up_to_the_next_row(clean: FollowUp) -> None:
    item = named(clean, "Andel tomma rader")
    assert item.analysis == "Handläggningen har blivit snabbare.\n\nFler ärenden avslutas i tid."
    assert (item.target, item.city_target, item.unit, item.decimals) == (None, "Minskning", "", None)


def test_a_name_over_two_lines_is_joined(clean: FollowUp) -> None:
    item = named(clean, "Andel nöjda")
    assert item.name == "Andel nöjda besökare i parkerna"
    # "0 st" under a "%" indicator: a figure in another unit is kept as printed, unit and all.
    assert (item.outcome, item.target, item.city_target) == (Decimal(80), "85", "0 st")
    assert len(clean.all_indicators()) == 5


def test_activities_with_deviation_analysis_and_city_assignment(clean: FollowUp) -> None:
    (_, city), (_, own) = clean.all_activities()
    assert (city.title, city.start, city.end, city.deviation) == (
        "Kartlägga otrygga platser",
        date(2027, 1, 1),
        date(2027, 6, 30),
        "Försenad",
    )
    assert city.analysis == "Kartläggningen blev klar i augusti." and city.city_assignment
    assert own.title == "Införa nattvandringar" and not own.city_assignment and own.deviation == ""


def test_the_economy_tables(clean: FollowUp) -> None:
    economy = clean.economy
    assert [row.kind for row in economy.operating_summary] == ["net", "costs", "revenues"]
    elderly, other = economy.operating_budget
    assert [child.area for child in elderly.children] == ["varav hemtjänst", "varav boende"]
    assert elderly.children[1].budget is None and other.area == "Övrig verksamhet" and other.budget is None
    assert economy.operating_total is not None and economy.operating_total.volume_changes == Decimal(-5)
    (volumes,) = economy.volumes
    assert (volumes.title, volumes.columns, volumes.area) == (
        "Äldreomsorg",
        ("Utfall aug 2027", "Utfall jan -aug 2027"),
        "Äldreomsorg",
    )
    assert [(row.label, row.total) for row in volumes.rows] == [("Platser", False), ("Totalt", True)]
    assert [group.name for group in economy.result_unit_groups] == ["Förskolor"]
    (unit,) = economy.result_units
    assert (unit.name, unit.group, unit.gross_budget, unit.carried_in) == (
        "101 Område Norr",
        "Förskolor",
        Decimal(50000),
        Decimal(-1000),
    )
    assert economy.result_units_total is not None and economy.result_units_total.carried_out == Decimal(800)
    (park,) = economy.investments
    assert [(project.name, project.amount) for project in park.projects] == [
        ("ny lekplats i Norrbyparken", Decimal(3)),
        ("belysning", Decimal(2)),
    ]
    assert (
        economy.investments_total is not None and economy.investments_total.category == "Totalt investeringar"
    )
    (gross,) = economy.gross_changes
    assert gross.children[0].area == "varav hemtjänst"
    assert economy.gross_changes_total is not None and economy.gross_changes_total.revenues == Decimal(-2)
    assert [(item.kind, item.purpose, item.amount) for item in economy.budget_adjustments] == [
        ("investment", "upprustning av torget", Decimal("1.5"))
    ]


def test_the_economy_texts_with_table_markers(clean: FollowUp) -> None:
    texts = dict(clean.economy.texts)
    assert texts["operating_budget"] == (
        "{{table:operating_summary}}\n\nTabellen nedan visar verksamhetsområdena.\n\n"
        "{{table:operating_budget}}\n\n## Äldreomsorg\n\nÄldreomsorgen håller budgeten.\n\n{{table:volumes:0}}"
    )
    # Lists are data and stay in the text as written, in the source's order.
    assert texts["investments"] == (
        "{{table:investments}}\n\nPlanerade parkinvesteringar,\n\n"
        "- 3,0 mnkr för ny lekplats i Norrbyparken.\n- 2,0 mnkr för belysning."
    )
    assert texts["gross_changes"] == "{{table:gross_changes}}"
    assert texts["budget_adjustments"] == "Parkinvestering:\n\n- 1,5 mnkr för upprustning av torget."


def test_the_snippet_survives_the_exchange_round_trip(clean: FollowUp) -> None:
    assert from_dict(to_dict(clean)) == clean


def line_number(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


def test_broken_input_is_reported_with_line_numbers() -> None:
    truncated = row("  Andel med trasig rad", "45 %", "", "")
    not_a_number = row("  Antal besök", "många", "", "", "12 st", "", "15 st", "Ökning", "2027")
    garbage = "Här står något som inte hör hemma"
    area = AREA[:10] + [truncated, not_a_number] + AREA[10:] + [garbage, ""]
    stray_front = "Något helt annat på försättsbladet"
    bad_economy = row("Parkinvesteringar", "fem", "0,0", "5,0", "0,0")
    economy = [bad_economy if line.startswith("Parkinvesteringar\t") else line for line in ECONOMY]
    text = report([stray_front, *FRONT], AIM, area, COMMITTEE, economy)
    result = parse_ils(text)
    found = {(item.line_number, item.text): item.reason for item in result.unplaced}
    assert set(found) == {
        (line_number(text, stray_front), stray_front),
        (line_number(text, truncated), truncated),
        (line_number(text, not_a_number), not_a_number),
        (line_number(text, garbage), garbage),
        (line_number(text, bad_economy), bad_economy),
    }
    assert found[(line_number(text, truncated), truncated)] == "ofullständig tabellrad"
    assert "”många” är inte ett tal" in found[(line_number(text, not_a_number), not_a_number)]
    assert "”fem” är inte ett tal" in found[(line_number(text, bad_economy), bad_economy)]
    names = [item.name for _, item in result.followup.all_indicators()]
    assert "Andel med trasig rad" not in names  # a truncated row is no indicator
    assert "Antal besök" in names  # a bad figure leaves the rest of the row readable
    assert result.followup.economy.investments[0].budget is None
    assert [item.line_number for item in result.unplaced] == sorted(
        item.line_number for item in result.unplaced
    )


def test_text_under_a_goal_without_a_sub_heading_is_unplaced() -> None:
    stray = "En mening direkt under rubriken."
    result = parse(FRONT, [AIM[0], "", stray, ""], AREA)
    assert [(item.text, item.reason) for item in result.unplaced] == [(stray, "text utan rubrik under målet")]


def test_a_goal_without_a_parent_stands_at_the_top() -> None:
    result = parse(FRONT, COMMITTEE)
    assert [goal.number for goal in result.followup.goals] == ["1.1.1"]
    assert result.unplaced == ()


def test_text_between_expected_result_bullets_is_unplaced() -> None:
    stray = "Detta är ingen punkt."
    committee = COMMITTEE[:10] + [stray] + COMMITTEE[10:]
    result = parse(FRONT, committee)
    assert [(item.text, item.reason) for item in result.unplaced] == [
        (stray, "text utan punkt i förväntat resultat")
    ]
    assert result.followup.goals[0].expected_results == ("Fler känner sig trygga.", "Färre brott anmäls.")


def test_a_heading_repeated_under_its_own_section_is_kept_as_a_sub_heading() -> None:
    tail = ["", "Övrigt", "", "Övrigt", "", "Inget att rapportera."]
    result = parse(FRONT, AIM, AREA, COMMITTEE, ECONOMY + tail)
    assert result.unplaced == ()
    assert dict(result.followup.economy.texts)["other"] == "## Övrigt\n\nInget att rapportera."
    # The part's first heading ("Uppföljning av driftbudget") is still the section's, not a sub-heading.
    assert not dict(result.followup.economy.texts)["operating_budget"].startswith("## ")
