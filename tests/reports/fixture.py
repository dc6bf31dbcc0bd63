"""A small, invented follow-up with every kind of content the report prints.

Invented names and figures (not the example report's): a goal tree on three levels,
indicators with analyses, gender split, textual targets and an annual indicator, activities
with deviations, every economy table and commentary with table markers, attachments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from styrkort.domain import document as d


def make_followup() -> d.FollowUp:
    """The fixture document: committee "Ekby stadsdelsnämnd", T1 2026."""
    return d.FollowUp(
        organisation=d.Organisation(
            "SDN99", "Ekby stadsdelsnämnd", parent=d.Organisation("EKBY", "Ekby kommun", kind="municipality")
        ),
        period=d.PeriodRef(2026, "T1"),
        report=d.ReportInfo(
            title="Tertialrapport Tertial 1 2026 för Ekby stadsdelsnämnd",
            report_date=date(2026, 5, 4),
            meeting_date=date(2026, 5, 20),
            officer="Karin Ekblad",
            officer_phone="08-555 000 11",
            director="Olof Granlund",
            director_title="Stadsdelsdirektör",
        ),
        decision_proposals=(
            d.DecisionProposal(
                1, "Stadsdelsnämnden godkänner rapporten och överlämnar den till kommunstyrelsen."
            ),
            d.DecisionProposal(
                2, "Stadsdelsnämnden justerar årsmålet för antal lovaktiviteter från 40 till 45."
            ),
            d.DecisionProposal(
                3, "Stadsdelsnämnden ansöker om budgetjustering om 1,2 mnkr för belysning i Ekparken."
            ),
            d.DecisionProposal(4, "Stadsdelsnämnden anmäler omslutningar om 3,3 mnkr."),
        ),
        summary=(
            "Förvaltningen bedömer att målen i stort kommer att nås under året.\n\n"
            "## Verksamheten under perioden\n\n"
            "Arbetet med *tidiga insatser* har fortsatt.\nSamverkan med skolor har ökat.\n\n"
            "- Fler besök på fritidsgårdarna\n- Kortare väntetider"
        ),
        goals=(_aim_one(), _aim_two()),
        economy=_economy(),
        attachments=(
            d.Attachment(1, "Ekonomisk uppföljning per enhet"),
            d.Attachment(2, "Ansökan om budgetjustering för belysning i Ekparken"),
        ),
    )


def _aim_one() -> d.Goal:
    return d.Goal(
        "1",
        "aim",
        "Ett Ekby där alla får en god start i livet",
        assessment=d.Assessment(
            "met", "Inriktningsmålet bedöms uppfyllas helt.\n\n## Barn och unga\n\nFler deltar."
        ),
        children=(
            d.Goal(
                "1.1",
                "area_goal",
                "Alla barn ska ha en trygg och lärorik förskola",
                assessment=d.Assessment(
                    "partly_met", "Målet uppfylls delvis.\n\n## Bemanning\n\nRekrytering pågår."
                ),
                indicators=(
                    d.Indicator(
                        "Andel förskollärare med legitimation",
                        unit="%",
                        owner="city",
                        direction="higher",
                        gender_split=True,
                        outcome=D("41.3"),
                        outcome_men=D("2.1"),
                        outcome_women=D("39.2"),
                        previous_annual=D("40.8"),
                        forecast=D("42"),
                        target="42",
                        city_target="Ökning",
                        analysis="Andelen män är fortsatt låg.",
                    ),
                    d.Indicator(
                        "Antal barn per grupp",
                        unit="st",
                        direction="lower",
                        outcome=D("15.2"),
                        previous_annual=D("15.6"),
                        forecast=D("15"),
                        target="14.8",
                        city_target="15.5",
                    ),
                    d.Indicator(
                        "Inskrivningsgrad i förskola",
                        unit="%",
                        frequency="annual",
                        previous_annual=D("91.7"),
                        target="92",
                        city_target="Tas fram av nämnd",
                    ),
                ),
                activities=(
                    d.Activity(
                        "Kartlägga närvaron i förskolan",
                        date(2026, 1, 1),
                        date(2026, 6, 30),
                        city_assignment=True,
                    ),
                ),
                children=(
                    d.Goal(
                        "1.1.1",
                        "committee_goal",
                        "Barnen i Ekby utvecklar språk och lust att lära",
                        owner="committee",
                        assessment=d.Assessment("met", "Språkarbetet har gett resultat."),
                        description="Förskolan arbetar med *läsning* varje dag.",
                        expected_results=("Barnen har ett rikt ordförråd.", "Vårdnadshavare är nöjda."),
                        indicators=(
                            d.Indicator(
                                "Andel nöjda vårdnadshavare",
                                unit="%",
                                frequency="annual",
                                previous_annual=D("88"),
                                target="89",
                            ),
                        ),
                        activities=(
                            d.Activity("Högläsning i alla grupper", date(2026, 1, 1), date(2026, 12, 31)),
                            d.Activity(
                                "Ny språkplan för förskolorna",
                                date(2026, 2, 1),
                                date(2026, 5, 31),
                                deviation="Försenad till hösten",
                                analysis="Arbetet har försenats av rekryteringar.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


def _aim_two() -> d.Goal:
    return d.Goal(
        "2",
        "aim",
        "Ett Ekby med stabil ekonomi och trygga arbetsplatser",
        assessment=d.Assessment("not_met", "Ekonomin är ansträngd."),
        children=(
            d.Goal(
                "2.1",
                "area_goal",
                "Medarbetarna ska ha goda arbetsvillkor",
                assessment=d.Assessment("not_met", "Sjukfrånvaron har ökat."),
                indicators=(
                    d.Indicator(
                        "Sjukfrånvaro",
                        unit="%",
                        direction="lower",
                        gender_split=True,
                        outcome=D("7.9"),
                        outcome_men=D("5.4"),
                        outcome_women=D("8.6"),
                        previous_annual=D("7.1"),
                        forecast=D("7.5"),
                        target="6.5",
                        city_target="Minskning",
                        analysis="Korttidsfrånvaron har ökat under vintern.\n\n- Influensa\n- Förkylningar",
                    ),
                    d.Indicator(
                        "Antal sommarjobb",
                        unit="st",
                        frequency="annual",
                        previous_annual=D("1205"),
                        forecast=D("1250"),
                        target="1250",
                        city_target="Max 10 personer",
                    ),
                ),
            ),
        ),
    )


def _economy() -> d.Economy:
    return d.Economy(
        operating_summary=(
            d.OperatingSummaryRow(
                "Anslag för nämndens verksamhet (netto)",
                "net",
                D("812.4"),
                D("0"),
                D("-3.1"),
                D("809.3"),
                D("0"),
            ),
            d.OperatingSummaryRow("Kostnader (+)", "costs", D("903.7"), None, D("0.2"), D("903.9"), D("0")),
            d.OperatingSummaryRow(
                "Intäkter (-)", "revenues", D("-91.3"), None, D("-3.3"), D("-94.6"), D("0")
            ),
            d.OperatingSummaryRow(
                "Prognos/Avvikelse efter resultatdispositioner", "after_transfers", deviation=D("0")
            ),
        ),
        operating_budget=(
            d.BudgetRow("Nämnd och administration", D("21.5"), None, None, D("21.5"), D("21.5"), D("0")),
            d.BudgetRow(
                "Individ- och familjeomsorg",
                D("140.2"),
                None,
                None,
                D("136.0"),
                D("136.0"),
                D("4.2"),
                children=(
                    d.BudgetRow("varav barn och ungdom", D("90.1"), None, None, D("90.1"), D("90.1"), D("0")),
                    d.BudgetRow("varav vuxna", D("50.1"), None, None, D("45.9"), D("45.9"), D("4.2")),
                ),
            ),
            d.BudgetRow("Förskoleverksamhet", D("300.4"), None, D("-3.1"), D("298.3"), D("297.3"), D("0")),
            d.BudgetRow("Äldreomsorg", D("350.3"), D("0"), None, D("355.5"), D("354.5"), D("-4.2")),
            d.BudgetRow("Övrig verksamhet"),
        ),
        operating_total=d.BudgetRow("Totalt", D("812.4"), None, D("-3.1"), D("811.3"), D("809.3"), D("0")),
        volumes=(
            d.VolumeTable(
                "Förskola",
                ("Planering", "Utfall apr 2026", "Utfall jan–apr 2025"),
                (
                    d.VolumeRow("1–3 år", (D("512"), D("498"), D("530"))),
                    d.VolumeRow("4–5 år", (D("1034"), D("1012"), None)),
                    d.VolumeRow("Totalt", (D("1546"), D("1510"), D("530")), total=True),
                ),
                area="Förskoleverksamhet",
            ),
        ),
        result_unit_groups=(d.ResultUnitGroup("Förskolor"), d.ResultUnitGroup("Äldreomsorg")),
        result_units=(
            d.ResultUnit("401 Ekby norra", "Förskolor", D("51234"), D("-4100"), D("120"), D("3980")),
            d.ResultUnit("402 Ekby södra", "Förskolor", D("48766.5"), D("-3900"), D("-80"), D("3980")),
            d.ResultUnit(
                "601 Ekgården vård- och omsorgsboende",
                "Äldreomsorg",
                D("120500"),
                D("0"),
                D("-900"),
                D("900"),
            ),
        ),
        result_units_total=d.ResultUnit(
            "Summa resultatenheter", carried_in=D("-8000"), result=D("-860"), carried_out=D("8860")
        ),
        investments=(
            d.InvestmentRow(
                "Parkinvesteringar",
                D("5.5"),
                D("0"),
                D("5.5"),
                D("0"),
                projects=(
                    d.InvestmentProject("Ny lekplats i Ekparken", D("3.5")),
                    d.InvestmentProject("Parkbänkar", D("2")),
                ),
            ),
            d.InvestmentRow(
                "Trygghetsinvesteringar",
                D("2"),
                D("1.2"),
                D("3.2"),
                D("0"),
                children=(d.InvestmentRow("varav belysning", D("1"), D("1.2"), D("2.2"), D("0")),),
            ),
        ),
        investments_total=d.InvestmentRow("Totalt investeringar", D("7.5"), D("1.2"), D("8.7"), D("0")),
        gross_changes=(
            d.GrossChangeRow(
                "Individ- och familjeomsorg",
                D("2.1"),
                D("-2.1"),
                children=(d.GrossChangeRow("varav vuxna", D("1.4"), D("-1.4")),),
            ),
            d.GrossChangeRow("Äldreomsorg", D("1.2"), D("-1.2")),
        ),
        gross_changes_total=d.GrossChangeRow("Summa", D("3.3"), D("-3.3")),
        budget_adjustments=(d.BudgetAdjustment("investment", "Belysning i Ekparken", D("1.2")),),
        fund_applications=(
            d.FundApplication("Kompetensutvecklingsmedel", "Utbildning i demensvård", D("245300")),
        ),
        texts=(
            (
                "operating_budget",
                "Förvaltningen prognostiserar en budget i balans.\n\n{{table:operating_budget}}\n\n"
                "Tabellen nedan visar verksamhetsområdena.\n\n{{table:operating_budget}}\n\n"
                "## Förskoleverksamhet\n\nBarnantalet minskar.\n\n{{table:volumes:0}}",
            ),
            ("result_units", "Förvaltningen har tre resultatenheter.\n\n{{table:result_units}}"),
            ("investments", "{{table:investments}}\n\nInvesteringsbudgeten uppgår till 7,5 mnkr."),
            ("gross_changes", "Förvaltningen anmäler omslutningar.\n\n{{table:gross_changes}}"),
            (
                "budget_adjustments",
                "Förvaltningen ansöker om budgetjustering.\n\n{{table:budget_adjustments}}",
            ),
            ("other", "Inget övrigt att rapportera."),
        ),
    )
