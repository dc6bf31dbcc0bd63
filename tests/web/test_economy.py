"""The economy page: who may see and change it, Swedish input, derived columns, one transaction, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.audit.models import Change
from styrkort.economy.models import InvestmentRow, OperatingBudgetRow, ResultUnit
from styrkort.followup.models import Report
from styrkort.workflow import transitions as workflow
from tests.web.helpers import ANONYMOUS, BASE, assert_matrix, formset_data

pytestmark = pytest.mark.django_db
ECONOMY = BASE + "ekonomi/"
DERIVED = ECONOMY + "berakna/"
UNIT = ("gross_budget", "carried_in", "result", "carried_out")
OPERATING = (
    "budget",
    "requested_adjustments",
    "volume_changes",
    "forecast_before_transfers",
    "forecast_after_transfers",
)


def area_row(name: str) -> OperatingBudgetRow:
    return OperatingBudgetRow.objects.get(report__organisation__code="sdn-test", area__name=name)


def total_row() -> OperatingBudgetRow:
    return OperatingBudgetRow.objects.get(report__organisation__code="sdn-test", is_total=True)


def unit_row() -> ResultUnit:
    return ResultUnit.objects.get(report__organisation__code="sdn-test", is_total=False)


def entry(obj, prefix: str, columns, **typed: str) -> tuple:
    """One row of an economy table as a page opened now shows it, with the given fields typed over."""
    return (prefix, obj, columns, typed)


def economy_data(*rows: tuple) -> dict[str, str]:
    """POST data of the economy page for these rows (one formset per table, by prefix)."""
    data: dict[str, str] = {}
    for prefix in dict.fromkeys(entry[0] for entry in rows):
        entries = [
            (obj.pk, {c: getattr(obj, c) for c in columns}, typed)
            for p, obj, columns, typed in rows
            if p == prefix
        ]
        data.update(formset_data(prefix, *entries))
    return data


def operating(name: str, **typed: str) -> tuple:
    return entry(area_row(name), "o", OPERATING, **typed)


def operating_data(name: str, **typed: str) -> dict[str, str]:
    return economy_data(operating(name, **typed))


def decide_report() -> None:
    report = Report.objects.get(organisation__code="sdn-test", period__year=2026, period__kind="T1")
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    workflow.decide(report, "anna", render=False)


def test_everyone_who_may_see_the_report_sees_its_economy_and_no_one_else(login, users):
    # readers and the city's controller read the report in the reading view
    expected = {
        ANONYMOUS: 404,
        "cecilia": 404,
        "bertil": 302,
        "rut": 200,
        "stina": 302,
        "dag": 200,
        "anna": 200,
    }
    assert_matrix(login, "GET", ECONOMY, None, expected)


def test_only_the_committee_controller_and_the_administrator_may_change_it(login, users):
    data = operating_data("Förskoleverksamhet")
    expected = {
        ANONYMOUS: 404,
        "cecilia": 404,
        "bertil": 403,
        "rut": 403,
        "dag": 403,
        "stina": 403,
        "anna": 302,
    }
    assert_matrix(login, "POST", ECONOMY, data, expected)
    assert login("admin").post(ECONOMY, data).status_code == 302


def test_the_refusal_says_why_in_swedish(login, users):
    response = login("rut").post(ECONOMY, operating_data("Förskoleverksamhet", budget="1"))
    assert response.status_code == 403
    assert "Du får inte ändra ekonomin: det gör nämndens controller." in response.content.decode()
    assert area_row("Förskoleverksamhet").budget == Decimal("60")


def test_only_the_controller_gets_input_fields(login, users):
    assert 'name="o-0-budget"' in login("anna").get(ECONOMY).content.decode()
    assert 'name="o-0-budget"' not in login("dag").get(ECONOMY).content.decode()


def test_it_saves_swedish_figures_computes_the_deviation_and_the_total_and_audits_them(login, users):
    row = area_row("Förskoleverksamhet")
    data = operating_data(
        "Förskoleverksamhet",
        budget="2 471,8",
        requested_adjustments="-29,2",
        forecast_after_transfers="2 400",
    )
    response = login("anna").post(ECONOMY, data)
    assert response.status_code == 302
    row = area_row("Förskoleverksamhet")
    assert (row.budget, row.requested_adjustments, row.forecast_after_transfers) == (
        Decimal("2471.8"),
        Decimal("-29.2"),
        Decimal("2400"),
    )
    # 2 471,8 − 29,2 − 2 (volume change) − 2 400 = 40,6
    assert row.deviation == Decimal("40.6") and row.version == 2
    total = total_row()
    assert total.budget == Decimal("2511.8")  # 2 471,8 + 40 (Individ- och familjeomsorg)
    assert total.deviation == Decimal("40.6")
    change = Change.objects.get(
        object_id=str(row.pk), field="budget", content_type__model="operatingbudgetrow"
    )
    assert (change.username, change.old, change.new) == ("anna", "60", "2471.8")
    assert Change.objects.filter(object_id=str(row.pk), field="deviation", old="0", new="40.6").exists()
    assert Change.objects.filter(object_id=str(total.pk), field="budget", new="2511.8").exists()


def test_an_emptied_figure_is_stored_as_missing_and_the_deviation_falls_back_to_the_forecast_before(
    login, users
):
    login("anna").post(ECONOMY, operating_data("Förskoleverksamhet", forecast_after_transfers=""))
    row = area_row("Förskoleverksamhet")
    assert row.forecast_after_transfers is None
    assert row.deviation == Decimal("-1")  # 60 − 2 − 59 (before transfers)


def test_bad_input_says_what_and_where_keeps_the_text_and_saves_nothing(login, users):
    data = economy_data(
        operating("Förskoleverksamhet", budget="tretton"),
        operating("Individ- och familjeomsorg", budget="45,5"),
    )
    response = login("anna").post(ECONOMY, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Inget sparades" in page
    assert "Förskoleverksamhet, budget: ”tretton” är inte ett tal" in page
    assert 'value="tretton"' in page and 'value="45,5"' in page
    assert area_row("Förskoleverksamhet").budget == Decimal("60")
    assert area_row("Individ- och familjeomsorg").budget == Decimal("40")  # the valid row was not saved


def test_the_same_figure_changed_by_two_is_a_conflict_resolved_per_field(login, users):
    stale = economy_data(
        operating("Förskoleverksamhet", budget="61", volume_changes="-3"),
        operating("Individ- och familjeomsorg", budget="41"),
    )  # a page opened before the next save
    client = login("anna")
    assert client.post(ECONOMY, operating_data("Förskoleverksamhet", budget="70")).status_code == 302
    response = client.post(ECONOMY, stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "någon annan hann före" in page
    assert "Behåll ditt värde" in page and "Ta det sparade värdet" in page
    assert page.count('class="conflict-choice"') == 1  # only the budget both changed
    assert 'value="61"' in page and 'value="-3"' in page and 'value="41"' in page  # all typed, kept
    assert 'name="initial-o-0-budget" value="70"' in page  # the other value now counts as shown
    assert area_row("Förskoleverksamhet").budget == Decimal("70")
    assert area_row("Individ- och familjeomsorg").budget == Decimal("40")  # nothing saved
    # The page sent again, choosing the saved budget: the rest is written, the 70 stays.
    again = dict(stale, **{"initial-o-0-budget": "70", "o-0-budget-keep": "theirs"})
    assert client.post(ECONOMY, again).status_code == 302
    row = area_row("Förskoleverksamhet")
    assert (row.budget, row.volume_changes, row.deviation) == (Decimal("70"), Decimal("-3"), Decimal("9"))
    assert area_row("Individ- och familjeomsorg").budget == Decimal("41")
    assert total_row().budget == Decimal("111")


def test_a_decided_report_refuses_changes_with_a_swedish_message_and_keeps_the_figures(login, users):
    data = operating_data("Förskoleverksamhet", budget="1 234,5")
    decide_report()
    response = login("anna").post(ECONOMY, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Inget sparades: rapporten är beslutad" in page and "kan inte ändras nu" in page
    assert 'value="1 234,5"' in page and "Spara ekonomin" not in page
    assert area_row("Förskoleverksamhet").budget == Decimal("60")
    assert 'name="o-' not in login("anna").get(ECONOMY).content.decode()
    assert login("bertil").post(ECONOMY, data).status_code == 403  # never theirs to change


def test_the_derived_columns_are_recomputed_for_typed_figures_without_saving(login, users):
    client = login("anna")
    assert 'hx-post="/rapporter/' in client.get(ECONOMY).content.decode()  # a long form fits no URL
    page = client.post(DERIVED, operating_data("Förskoleverksamhet", forecast_after_transfers="50,5")).content
    page = page.decode()
    assert 'id="o-0-deviation"' in page and 'hx-swap-oob="true"' in page
    assert '7,5 <span class="words">(överskott)</span>' in page  # 60 − 2 − 50,5
    assert 'id="o-totalt-deviation" hx-swap-oob="true">7,5<' in page
    short = client.get(DERIVED, operating_data("Förskoleverksamhet", forecast_after_transfers="70")).content
    assert '-12,0 <span class="words">(underskott)</span>' in short.decode()
    wrong = client.get(DERIVED, operating_data("Förskoleverksamhet", budget="abc")).content.decode()
    assert "Rätta talen i raden först" in wrong
    assert area_row("Förskoleverksamhet").forecast_after_transfers == Decimal("58")
    assert login("cecilia").get(DERIVED).status_code == 404


def test_result_units_show_the_fund_rule_for_the_figures(login, users):
    unit = unit_row()
    page = login("anna").get(ECONOMY).content.decode()
    assert "Får föras över: 7\u202f977,0 tkr" in page
    assert "Uttaget ryms inom 5 % (högst 3\u202f988,0 tkr)" in page
    typed = economy_data(entry(unit, "r", UNIT, result="4 000"))
    derived = login("anna").get(DERIVED, typed).content.decode()
    assert "Uttaget är mer än 5 % (högst 3\u202f988,0 tkr)" in derived
    too_big = economy_data(entry(unit, "r", UNIT, carried_out="8 500"))
    assert (
        "Fonden är mer än 10 % (högst 7\u202f977,0 tkr)"
        in login("anna").get(DERIVED, too_big).content.decode()
    )


def test_result_units_and_investments_are_saved_with_their_derived_columns(login, users):
    unit = unit_row()
    park = InvestmentRow.objects.get(report__organisation__code="sdn-test", category="Parkinvesteringar")
    data = economy_data(
        entry(unit, "r", UNIT, result="-100"),
        entry(park, "i", ("budget", "requested_adjustments", "forecast"), forecast="6,5"),
    )
    assert login("anna").post(ECONOMY, data).status_code == 302
    park.refresh_from_db()
    assert unit_row().result == Decimal("-100")
    assert park.forecast == Decimal("6.5") and park.deviation == Decimal("1")
    total = InvestmentRow.objects.get(report__organisation__code="sdn-test", is_total=True)
    assert total.forecast == Decimal("7.5") and total.deviation == Decimal("1")
    assert ResultUnit.objects.get(is_total=True, report__organisation__code="sdn-test").result == Decimal(
        "-100"
    )


def test_the_economy_findings_of_the_check_are_shown_beside_the_tables(login, users):
    page = login("dag").get(ECONOMY).content.decode()
    assert "Kontrollens fynd: driftbudget" in page
    assert "resultatenheternas tabell ger -7,98 mnkr" in page
    data = operating_data("Förskoleverksamhet", budget="70")
    login("anna").post(ECONOMY, data)
    page = login("dag").get(ECONOMY).content.decode()
    # the summary follows the table it is derived from: no mismatch to report after the save
    assert "Sammanställningen visar" not in page
    assert "110,0" in page


def test_only_rows_with_typed_changes_are_saved(login, users):
    data = economy_data(operating("Förskoleverksamhet", budget="61"), operating("varav barn"))
    response = login("anna").post(ECONOMY, data, follow=True)
    assert "Sparat: 1 rad ändrad." in response.content.decode()
    assert area_row("varav barn").version == 1


def gross_row(area: str):
    from styrkort.economy.models import GrossChangeRow

    return GrossChangeRow.objects.get(report__organisation__code="sdn-test", area=area)


def test_gross_changes_are_edited_with_their_balance_and_total(login, users):
    from styrkort.economy.models import GrossChangeRow

    gross = gross_row("Äldreomsorg")
    typed = economy_data(entry(gross, "g", ("costs", "revenues"), costs="12,4"))
    derived = login("anna").get(DERIVED, typed).content.decode()
    assert "inte i balans: skillnad 3,2 mnkr" in derived
    assert 'id="g-totalt-costs" hx-swap-oob="true">12,4<' in derived
    typed = economy_data(entry(gross, "g", ("costs", "revenues"), costs="12,4", revenues="-12,4"))
    assert "i balans: intäkterna täcker kostnaderna" in login("anna").get(DERIVED, typed).content.decode()
    assert login("anna").post(ECONOMY, typed).status_code == 302
    gross.refresh_from_db()
    assert (gross.costs, gross.revenues, gross.version) == (Decimal("12.4"), Decimal("-12.4"), 2)
    total = GrossChangeRow.objects.get(report__organisation__code="sdn-test", is_total=True)
    assert (total.costs, total.revenues) == (Decimal("12.4"), Decimal("-12.4"))


def test_budget_adjustments_and_fund_applications_are_edited_and_feed_the_proposals(login, users):
    from styrkort.economy.models import BudgetAdjustment, FundApplication

    adjustment = BudgetAdjustment.objects.get(report__organisation__code="sdn-test")
    application = FundApplication.objects.get(report__organisation__code="sdn-test")
    data = economy_data(
        entry(adjustment, "b", ("purpose", "amount"), purpose="för belysning i parken", amount="1,2"),
        entry(application, "f", ("fund", "purpose", "amount"), amount="500 000"),
    )
    assert login("anna").post(ECONOMY, data).status_code == 302
    adjustment.refresh_from_db()
    application.refresh_from_db()
    assert (adjustment.purpose, adjustment.amount) == ("för belysning i parken", Decimal("1.2"))
    assert application.amount == Decimal("500000")
    assert Change.objects.filter(object_id=str(adjustment.pk), field="amount", old="0.9", new="1.2").exists()
    proposals = login("anna").get(BASE + "forslag/").content.decode()
    assert "ansöker om budgetjustering om 1,2 mnkr för belysning i parken." in proposals


def test_an_application_without_purpose_is_refused_in_swedish(login, users):
    from styrkort.economy.models import BudgetAdjustment

    adjustment = BudgetAdjustment.objects.get(report__organisation__code="sdn-test")
    data = economy_data(entry(adjustment, "b", ("purpose", "amount"), purpose="", amount="2"))
    response = login("anna").post(ECONOMY, data)
    assert response.status_code == 400
    assert "Budgetjustering 1, syfte: skriv vad justeringen gäller" in response.content.decode()
    assert BudgetAdjustment.objects.get(pk=adjustment.pk).amount == Decimal("0.9")


def test_saving_the_operating_budget_derives_the_summary_from_the_per_area_table(login, users):
    from styrkort.economy.models import OperatingSummaryRow

    report = Report.objects.get(organisation__code="sdn-test", period__year=2026, period__kind="T1")
    kinds = (
        "net",
        "costs",
        "revenues",
        "before_transfers",
        "transfers_in",
        "transfers_out",
        "after_transfers",
    )
    OperatingSummaryRow.objects.filter(report=report).delete()
    for position, kind in enumerate(kinds):
        OperatingSummaryRow.objects.create(
            report=report,
            position=position,
            kind=kind,
            label=kind,
            budget=Decimal("-100.0") if kind == "revenues" else None,
            deviation=Decimal("3.0") if kind == "transfers_in" else None,
        )
    response = login("anna").post(ECONOMY, operating_data("Förskoleverksamhet", budget="2 471,8"))
    assert response.status_code == 302
    total = total_row()
    rows = {row.kind: row for row in OperatingSummaryRow.objects.filter(report=report)}
    assert rows["net"].budget == total.budget
    assert rows["costs"].budget == total.budget + Decimal("100.0")
    assert rows["revenues"].budget == Decimal("-100.0")  # typed, kept
    assert rows["revenues"].forecast is None  # missing stays missing
    assert rows["after_transfers"].deviation == rows["before_transfers"].deviation + Decimal("3.0")
    assert Change.objects.filter(content_type__model="operatingsummaryrow", field="budget").exists()


def test_the_change_log_lists_the_tables_rows_changes_on_every_kind_of_view(login, users):
    """Viewed (the cached tables name their rows), after a refused save (the forms' rows): the
    log shows the saved budget and who changed it."""
    client = login("anna")
    assert client.post(ECONOMY, operating_data("Förskoleverksamhet", budget="70")).status_code == 302
    row = area_row("Förskoleverksamhet")
    saved = Change.objects.filter(object_id=str(row.pk), field="budget").order_by("-at", "-id").first()
    assert saved is not None and saved.username == "anna"
    for page in (
        client.get(ECONOMY).content.decode(),
        client.get(ECONOMY).content.decode(),  # from the cache
        client.post(ECONOMY, operating_data("Förskoleverksamhet", budget="sjuttio")).content.decode(),
    ):
        log = page.split('id="andringar-rubrik"')[1]
        assert (
            "Visa de senaste" in log
            and "<td>budget</td><td>60</td><td>70</td>" in log
            and "<td>Anna</td>" in log
        )
