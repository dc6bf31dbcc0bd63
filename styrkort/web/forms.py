"""Forms of the web pages: Swedish numbers in, clear Swedish messages out, nothing lost."""

from __future__ import annotations

from django import forms

from styrkort.domain.numbers import format_number, parse_number
from styrkort.goals.models import GoalAssessment


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


class TextField(forms.CharField):
    """Long text as typed (line breaks normalised to \\n, nothing stripped)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


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
