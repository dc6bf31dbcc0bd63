"""A small hand-made follow-up with every kind of content, for tests of storage and exchange."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal as D

from styrkort.domain import document as d

MUNICIPALITY = d.Organisation("testkommun", "Testkommun", "municipality")


def make_followup(code: str = "sdn-test", year: int = 2026, kind: str = "T1", **changes) -> d.FollowUp:
    committee = d.Organisation(code, f"Nämnd {code}", "committee", MUNICIPALITY)
    own_goal = d.Goal(
        number="1.1.1",
        level="committee_goal",
        owner="committee",
        title="Barn har en trygg fritid",
        assessment=d.Assessment("partly_met", "Analys av nämndmålet.\n\n## Delrubrik\n\nMer text."),
        description="Beskrivning av målet.",
        expected_results=("Fler barn deltar.", "Tryggheten ökar."),
        indicators=(
            d.Indicator(
                "Antal besök",
                unit="st",
                owner="committee",
                frequency="annual",
                previous_annual=D("14762"),
                target="15000",
                assessment="partly_met",
            ),
        ),
        activities=(d.Activity("Egen aktivitet", date(year, 1, 1), date(year, 8, 31), "Försenad", "Analys"),),
    )
    area_goal = d.Goal(
        number="1.1",
        level="area_goal",
        title="Alla barn ska ha jämlika villkor",
        assessment=d.Assessment("met", "Områdesmålets analys."),
        indicators=(
            d.Indicator(
                "Andel legitimerade förskollärare",
                unit="%",
                owner="city",
                gender_split=True,
                decimals=1,
                outcome=D("38.2"),
                outcome_men=D("1.3"),
                outcome_women=D("36.9"),
                previous_annual=D("39.2"),
                forecast=D("39.5"),
                target="39.5",
                city_target="Ökning",
                analysis="Färre män.",
            ),
            d.Indicator(
                "Antal vräkningar som berör barn",
                unit="st",
                owner="city",
                frequency="annual",
                target="0",
                city_target="Tas fram av nämnd",
            ),
        ),
        activities=(
            d.Activity(
                "Stadsdelsnämnderna ska göra något",
                date(year, 1, 1),
                date(year, 12, 31),
                city_assignment=True,
            ),
        ),
        children=(own_goal,),
    )
    aim = d.Goal(
        number="1",
        level="aim",
        title="En stad som håller samman",
        assessment=d.Assessment("met", "Text."),
        children=(area_goal,),
    )
    economy = d.Economy(
        operating_summary=(
            d.OperatingSummaryRow("Netto", "net", D("100.0"), D("0"), D("-2.0"), D("98.0"), D("0")),
            d.OperatingSummaryRow("Överskott till nästa år (-)", "transfers_out", deviation=D("-3.0")),
        ),
        operating_budget=(
            d.BudgetRow("Förskoleverksamhet", D("60"), None, D("-2"), D("59"), D("58"), D("0")),
            d.BudgetRow(
                "Individ- och familjeomsorg",
                D("40"),
                None,
                None,
                D("40"),
                D("40"),
                D("0"),
                children=(
                    d.BudgetRow("varav barn", D("30"), forecast_before_transfers=D("30")),
                    d.BudgetRow("varav handläggare"),
                ),
            ),
            d.BudgetRow("Övrig verksamhet"),
        ),
        operating_total=d.BudgetRow("Totalt", D("100"), None, D("-2"), D("99"), D("98"), D("0")),
        volumes=(
            d.VolumeTable(
                "Förskola",
                ("Planering", "Utfall apr"),
                (
                    d.VolumeRow("1-3 år", (D("772"), D("783"))),
                    d.VolumeRow("Allmän", (D("3"), None)),
                    d.VolumeRow("Totalt", (D("775"), D("783")), total=True),
                ),
                area="Förskoleverksamhet",
            ),
        ),
        result_unit_groups=(d.ResultUnitGroup("Förskolor"),),
        result_units=(
            d.ResultUnit("301 Område 1", "Förskolor", D("79774"), D("-8192"), D("215"), D("7977")),
        ),
        result_units_total=d.ResultUnit(
            "Summa resultatenheter", carried_in=D("-8192"), result=D("215"), carried_out=D("7977")
        ),
        investments=(
            d.InvestmentRow(
                "Parkinvesteringar",
                D("7.5"),
                D("0"),
                D("7.5"),
                D("0"),
                projects=(
                    d.InvestmentProject("Lekplats", D("4.0")),
                    d.InvestmentProject("Annan lekplats", D("3.5")),
                ),
            ),
            d.InvestmentRow(
                "Nycklade medel",
                D("1"),
                D("0"),
                D("1"),
                D("0"),
                children=(d.InvestmentRow("varav reinvesteringar", D("0"), D("0"), D("0"), D("0")),),
            ),
        ),
        investments_total=d.InvestmentRow("Totalt investeringar", D("8.5"), D("0"), D("8.5"), D("0")),
        gross_changes=(
            d.GrossChangeRow(
                "Äldreomsorg", D("9.2"), D("-9.2"), (d.GrossChangeRow("varav hemtjänst", D("1"), D("-1")),)
            ),
        ),
        gross_changes_total=d.GrossChangeRow("Summa", D("9.2"), D("-9.2")),
        budget_adjustments=(d.BudgetAdjustment("investment", "stärkt trygghet i parken", D("0.9")),),
        fund_applications=(d.FundApplication("kompetensutvecklingsmedel", "stödassistent LSS", D("498276")),),
        texts=(("operating_budget", "Prognosen bygger på...\n\n{{table:operating_budget}}"), ("other", "")),
    )
    followup = d.FollowUp(
        organisation=committee,
        period=d.PeriodRef(year, kind),
        report=d.ReportInfo(
            "Tertialrapport 1",
            date(year, 5, 12),
            date(year, 5, 24),
            "Anna Handläggare",
            "08-123",
            "Bo Direktör",
            "Stadsdelsdirektör",
            "Norra stadsdelsnämnden",
        ),
        decision_proposals=(
            d.DecisionProposal(1, "Nämnden godkänner rapporten."),
            d.DecisionProposal(2, "Nämnden anmäler omslutningar om 9,2 mnkr."),
        ),
        summary="Sammanfattning.\n\n## Rubrik\n\nText med *kursiv*.",
        goals=(aim,),
        economy=economy,
        attachments=(d.Attachment(1, "Bilaga ett"),),
    )
    return dataclasses.replace(followup, **changes) if changes else followup
