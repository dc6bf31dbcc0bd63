"""Forms of the web pages: Swedish numbers in, clear Swedish messages out, nothing lost.

Figures use ``SwedishNumberField`` (``styrkort.figures.fields``: strict Swedish input, empty is
missing, never zero), bounded like the column they are saved in (``numbers.MNKR`` …); an
indicator's figures take the indicator's unit (``MeasurementForm.set_unit``). Text is kept exactly
as typed (only line breaks normalised). Every form that edits stored rows is a ``RowForm``
(``web/editing.py``): its fields carry the value the page showed, so a save writes only what the
user changed. Derived columns (deviations, totals) are not fields: ``derive`` computes them with
the domain's rules from the merged row.
Every text field is a ``PlainTextField`` (or the long ``TextField``): what nobody types (control
characters, noncharacters, lone surrogates) is removed by ``styrkort.domain.text.clean_text``.
"""

from __future__ import annotations

from typing import Any

from django import forms

from styrkort.domain.economy import calculate_deviation, calculate_operating_deviation
from styrkort.domain.numbers import INDICATOR, KRONOR, MNKR, TKR, VOLUME, format_number
from styrkort.domain.text import clean_text
from styrkort.figures.fields import SwedishNumberField
from styrkort.goals.models import GoalAssessment
from styrkort.storage.load import stored_figure
from styrkort.web.editing import RowForm
from styrkort.web.uploads import detect_kind, max_attachment_bytes, megabytes


class PlainTextField(forms.CharField):
    """Text as typed, without what nobody types (see ``clean_text``; line breaks become \\n)."""

    def to_python(self, value):
        text = clean_text(super().to_python(value))
        return text.strip() if self.strip else text


class TextField(PlainTextField):
    """Long text as typed (line breaks normalised to \\n, nothing stripped)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return clean_text(value) if isinstance(value, str) else value


class ExpectedResultsField(TextField):
    """A goal's expected results, one a line (a leading "- " and blank lines dropped)."""

    def to_python(self, value):
        lines = super().to_python(value).splitlines()
        return [line.strip().removeprefix("- ").strip() for line in lines if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else super().prepare_value(value)


class MeasurementForm(RowForm):
    """One row of the indicator grid."""

    outcome = SwedishNumberField(label="Utfall", bounds=INDICATOR)
    outcome_men = SwedishNumberField(label="Utfall män/pojkar", bounds=INDICATOR)
    outcome_women = SwedishNumberField(label="Utfall kvinnor/flickor", bounds=INDICATOR)
    forecast = SwedishNumberField(label="Prognos helår", bounds=INDICATOR)
    analysis = TextField(label="Analys", widget=forms.Textarea(attrs={"rows": 2}))

    FIGURES = ("outcome", "outcome_men", "outcome_women", "forecast")

    def set_unit(self, unit: str) -> None:
        """The indicator's unit, which may be typed after a figure ("38,2 %")."""
        for name in self.FIGURES:
            self.fields[name].unit = unit  # type: ignore[attr-defined]


class AssessmentForm(RowForm):
    """A goal's assessment and analysis (the goal page's one form; the row is the assessment)."""

    status = forms.ChoiceField(
        label="Bedömning", choices=GoalAssessment.Status.choices, widget=forms.RadioSelect
    )
    analysis = TextField(
        label="Analys", widget=forms.Textarea(attrs={"rows": 12, "aria-describedby": "analys-hint"})
    )


class OwnGoalAssessmentForm(AssessmentForm):
    """A committee's own goal: its description and expected results are edited with the assessment.

    They are the goal's (shared by the year's reports, with the goal's own version)."""

    description = TextField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 5}))
    expected_results = ExpectedResultsField(
        label="Förväntat resultat",
        widget=forms.Textarea(attrs={"rows": 5, "aria-describedby": "resultat-hint"}),
    )

    PARTS = {"description": "goal", "expected_results": "goal"}


class ActivityForm(RowForm):
    """One activity's follow-up: dates (the activity's, shared by the year's reports), deviation
    and analysis (this report's)."""

    start = forms.DateField(
        label="Startdatum", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label="Slutdatum", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deviation = TextField(label="Avvikelse", widget=forms.Textarea(attrs={"rows": 2}))
    analysis = TextField(label="Analys", widget=forms.Textarea(attrs={"rows": 2}))

    PARTS = {"start": "activity", "end": "activity"}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "slutdatum ligger före startdatum")
        return data


class OperatingRowForm(RowForm):
    """An activity area's operating budget row (mnkr); the deviation is derived."""

    budget = SwedishNumberField(label="Budget", bounds=MNKR)
    requested_adjustments = SwedishNumberField(label="Begärda budgetjusteringar", bounds=MNKR)
    volume_changes = SwedishNumberField(label="Prestationsförändringar", bounds=MNKR)
    forecast_before_transfers = SwedishNumberField(label="Prognos före resultatöverföringar", bounds=MNKR)
    forecast_after_transfers = SwedishNumberField(label="Prognos efter resultatöverföringar", bounds=MNKR)

    FIGURES = (
        "budget",
        "requested_adjustments",
        "volume_changes",
        "forecast_before_transfers",
        "forecast_after_transfers",
    )

    def derive(self, obj: Any) -> dict[str, Any]:
        return {
            "deviation": calculate_operating_deviation(
                *(stored_figure(getattr(obj, n)) for n in self.FIGURES)
            )
        }


class ResultUnitForm(RowForm):
    """A result unit's fund follow-up (tkr, with the printed signs)."""

    gross_budget = SwedishNumberField(label="Bruttobudget", bounds=TKR)
    carried_in = SwedishNumberField(label="Resultatöverföring från föregående år", bounds=TKR)
    result = SwedishNumberField(label="Resultat", bounds=TKR)
    carried_out = SwedishNumberField(label="Resultatöverföring till nästa år", bounds=TKR)

    FIGURES = ("gross_budget", "carried_in", "result", "carried_out")


class InvestmentForm(RowForm):
    """An investment category (mnkr); the deviation is derived."""

    budget = SwedishNumberField(label="Budget", bounds=MNKR)
    requested_adjustments = SwedishNumberField(label="Begärda budgetjusteringar", bounds=MNKR)
    forecast = SwedishNumberField(label="Prognos", bounds=MNKR)

    FIGURES = ("budget", "requested_adjustments", "forecast")

    def derive(self, obj: Any) -> dict[str, Any]:
        budget, adjustments, forecast = (stored_figure(getattr(obj, n)) for n in self.FIGURES)
        return {"deviation": calculate_deviation(budget, forecast, adjustments)}


class GrossChangeForm(RowForm):
    """A gross change (mnkr): extra costs and the revenues that match them."""

    costs = SwedishNumberField(label="Kostnader", bounds=MNKR)
    revenues = SwedishNumberField(label="Intäkter", bounds=MNKR)

    FIGURES = ("costs", "revenues")


class VolumeValueForm(RowForm):
    """One cell of a volume table (a count or key figure, up to 2 decimals); the page names the
    field by its column's heading (``label_column``)."""

    value = SwedishNumberField(label="Värde", bounds=VOLUME)

    FIGURES = ("value",)

    def label_column(self, heading: str) -> None:
        self.fields["value"].label = heading or "Värde"


class InvestmentProjectForm(RowForm):
    """A project behind an investment category: its name and amount (mnkr)."""

    name = PlainTextField(
        label="Projekt", max_length=2000, error_messages={"required": "skriv projektets namn"}
    )
    amount = SwedishNumberField(label="Belopp", bounds=MNKR)

    FIGURES = ("amount",)


class BudgetAdjustmentForm(RowForm):
    """An application for a budget adjustment (mnkr)."""

    purpose = PlainTextField(
        label="Syfte", max_length=2000, error_messages={"required": "skriv vad justeringen gäller"}
    )
    amount = SwedishNumberField(label="Belopp", bounds=MNKR)

    FIGURES = ("amount",)


class FundApplicationForm(RowForm):
    """An application for money from a central fund (kronor)."""

    fund = PlainTextField(
        label="Medel", max_length=200, error_messages={"required": "skriv vilka medel det gäller"}
    )
    purpose = PlainTextField(
        label="Syfte", max_length=2000, error_messages={"required": "skriv vad ansökan gäller"}
    )
    amount = SwedishNumberField(label="Belopp", bounds=KRONOR)

    FIGURES = ("amount",)


class ProposalForm(RowForm):
    """One decision proposal's text, kept exactly as typed (spaces, non-breaking ones included)."""

    text = TextField(
        label="Förslagets text",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "skriv förslagets text (ett tomt förslag kan inte sparas)"},
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("skriv förslagets text (ett tomt förslag kan inte sparas)")
        return text


class NewProposalForm(forms.Form):
    """A new decision proposal, added last; its text exactly as typed."""

    text = TextField(
        label="Nytt förslag",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "skriv förslagets text (ett tomt förslag kan inte läggas till)"},
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("skriv förslagets text (ett tomt förslag kan inte läggas till)")
        return text


class AttachmentForm(forms.Form):
    """Upload a new attachment: its title and the file."""

    title = PlainTextField(
        label="Bilagans rubrik", max_length=500, error_messages={"required": "skriv bilagans rubrik"}
    )
    file = forms.FileField(
        label="Fil (PDF, Word eller Excel)",
        error_messages={"required": "välj en fil att bifoga", "empty": "filen är tom"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_attachment_bytes()
        if upload.size > limit:
            size, most = format_number(megabytes(upload.size), 1), format_number(megabytes(limit), 1)
            raise forms.ValidationError(f"”{upload.name}” är {size} MB; en bilaga får vara högst {most} MB")
        self.kind = detect_kind(upload.name, upload)
        return upload


class SummaryForm(RowForm):
    """The report's summary ("Sammanfattande analys"), kept exactly as typed (the row is the report)."""

    summary = TextField(label="Sammanfattande analys", widget=forms.Textarea(attrs={"rows": 14}))


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-05-20"},
    )


class DecisionPageForm(RowForm):
    """The decision page's details (the row is the report)."""

    title = PlainTextField(label="Rubrik", max_length=300, required=False)
    report_date = _date_field("Datum")
    meeting_date = _date_field("Nämndens sammanträde")
    officer = PlainTextField(label="Handläggare", max_length=200, required=False)
    officer_phone = PlainTextField(label="Telefon", max_length=50, required=False)
    recipient = PlainTextField(label="Till", max_length=200, required=False)
    director = PlainTextField(label="Undertecknas av", max_length=200, required=False)
    director_title = PlainTextField(label="Undertecknarens titel", max_length=200, required=False)


class EconomyTextForm(RowForm):
    """The commentary of one economy section (the row is its ``EconomyText``)."""

    text = TextField(label="Kommentar", widget=forms.Textarea(attrs={"rows": 8}))


class DecisionForm(forms.Form):
    """The committee's decision: the meeting's date and the paragraph (§) of its minutes."""

    meeting_date = forms.DateField(
        label="Sammanträdets datum",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "skriv datumet för nämndens sammanträde",
            "invalid": "skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-05-20",
        },
    )
    paragraph = PlainTextField(
        label="Paragraf i protokollet (§)",
        max_length=20,
        error_messages={"required": "skriv paragrafen i nämndens protokoll, till exempel 45"},
    )
