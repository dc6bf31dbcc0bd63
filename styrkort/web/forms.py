"""Forms of the web pages: Swedish numbers in, clear Swedish messages out, nothing lost.

Figures use ``SwedishNumberField`` (empty is missing, never zero). Derived columns (deviations,
totals) are not fields: the domain computes them from what was typed. Every text field is a
``PlainTextField`` (or the long ``TextField``): what nobody types (control characters,
noncharacters, lone surrogates) is removed by ``styrkort.domain.text.clean_text``.
"""

from __future__ import annotations

from django import forms

from styrkort.domain.numbers import format_number, parse_number
from styrkort.domain.text import clean_text
from styrkort.goals.models import GoalAssessment
from styrkort.web.uploads import detect_kind, max_attachment_bytes, megabytes


class SwedishNumberField(forms.CharField):
    """A figure typed the Swedish way ("38,2", "38,2 %", "2 471,8"); empty is None (missing)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value if isinstance(value, str) else format_number(value)

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_number(text)
        except ValueError as error:
            raise forms.ValidationError(f"{error}; skriv t.ex. 38,2 eller 2 471,8", code="invalid") from error


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


class MeasurementForm(forms.Form):
    """One row of the indicator grid."""

    outcome = SwedishNumberField(label="Utfall")
    outcome_men = SwedishNumberField(label="Utfall män/pojkar")
    outcome_women = SwedishNumberField(label="Utfall kvinnor/flickor")
    forecast = SwedishNumberField(label="Prognos helår")
    analysis = TextField(label="Analys", widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("outcome", "outcome_men", "outcome_women", "forecast")


class AssessmentForm(forms.Form):
    """A goal's assessment and analysis."""

    status = forms.ChoiceField(
        label="Bedömning", choices=GoalAssessment.Status.choices, widget=forms.RadioSelect
    )
    analysis = TextField(label="Analys", widget=forms.Textarea(attrs={"rows": 10}))
    # A committee's own goal: its description and expected results (one result a line) are edited here too.
    description = TextField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 5}))
    expected_results = TextField(label="Förväntat resultat", widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def cleaned_expected_results(self) -> list[str]:
        """The expected results as a list: one a line, a leading "- " and blank lines dropped."""
        lines = self.cleaned_data.get("expected_results", "").splitlines()
        return [line.strip().removeprefix("- ").strip() for line in lines if line.strip()]


class ActivityForm(forms.Form):
    """One activity's follow-up: dates, deviation and analysis."""

    start = forms.DateField(
        label="Startdatum", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label="Slutdatum", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deviation = TextField(label="Avvikelse", widget=forms.Textarea(attrs={"rows": 2}))
    analysis = TextField(label="Analys", widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "slutdatum ligger före startdatum")
        return data


class OperatingRowForm(forms.Form):
    """An activity area's operating budget row (mnkr); the deviation is derived."""

    budget = SwedishNumberField(label="Budget")
    requested_adjustments = SwedishNumberField(label="Begärda budgetjusteringar")
    volume_changes = SwedishNumberField(label="Prestationsförändringar")
    forecast_before_transfers = SwedishNumberField(label="Prognos före resultatöverföringar")
    forecast_after_transfers = SwedishNumberField(label="Prognos efter resultatöverföringar")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = (
        "budget",
        "requested_adjustments",
        "volume_changes",
        "forecast_before_transfers",
        "forecast_after_transfers",
    )


class ResultUnitForm(forms.Form):
    """A result unit's fund follow-up (tkr, with the printed signs)."""

    gross_budget = SwedishNumberField(label="Bruttobudget")
    carried_in = SwedishNumberField(label="Resultatöverföring från föregående år")
    result = SwedishNumberField(label="Resultat")
    carried_out = SwedishNumberField(label="Resultatöverföring till nästa år")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("gross_budget", "carried_in", "result", "carried_out")


class InvestmentForm(forms.Form):
    """An investment category (mnkr); the deviation is derived."""

    budget = SwedishNumberField(label="Budget")
    requested_adjustments = SwedishNumberField(label="Begärda budgetjusteringar")
    forecast = SwedishNumberField(label="Prognos")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("budget", "requested_adjustments", "forecast")


class GrossChangeForm(forms.Form):
    """A gross change (mnkr): extra costs and the revenues that match them."""

    costs = SwedishNumberField(label="Kostnader")
    revenues = SwedishNumberField(label="Intäkter")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("costs", "revenues")


class BudgetAdjustmentForm(forms.Form):
    """An application for a budget adjustment (mnkr)."""

    purpose = PlainTextField(
        label="Syfte", max_length=2000, error_messages={"required": "skriv vad justeringen gäller"}
    )
    amount = SwedishNumberField(label="Belopp")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("amount",)
    TEXTS = ("purpose",)


class FundApplicationForm(forms.Form):
    """An application for money from a central fund (kronor)."""

    fund = PlainTextField(
        label="Medel", max_length=200, error_messages={"required": "skriv vilka medel det gäller"}
    )
    purpose = PlainTextField(
        label="Syfte", max_length=2000, error_messages={"required": "skriv vad ansökan gäller"}
    )
    amount = SwedishNumberField(label="Belopp")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("amount",)
    TEXTS = ("fund", "purpose")


class ProposalForm(forms.Form):
    """One decision proposal's text."""

    text = PlainTextField(
        label="Förslagets text",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "skriv förslagets text (ett tomt förslag kan inte sparas)"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_text(self):
        return " ".join(self.cleaned_data["text"].split())


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
            raise forms.ValidationError(f"«{upload.name}» är {size} MB; en bilaga får vara högst {most} MB")
        self.kind = detect_kind(upload.name, upload)
        return upload
