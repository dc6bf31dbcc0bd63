"""Forms of the city's set-up (goals, indicators with their city targets, periods).

Every field carries, hidden, the value the page showed (Django's ``show_hidden_initial``).
``field_conflicts`` compares it with what is stored now: a save writes only the fields the
user changed, and refuses (nothing saved, the typed values kept) where someone else changed
the same field in the meantime.
"""

from __future__ import annotations

from typing import Any

from django import forms

from styrkort.followup.models import Period
from styrkort.goals.models import Goal, Indicator
from styrkort.web.forms import TextField


class LinesField(forms.CharField):
    """A list of lines (one expected result a line); blank lines and a leading "- " dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip().removeprefix("- ").strip() for line in text.splitlines() if line.strip()]


class HiddenInitialMixin:
    """Every field remembers, hidden in the page, the value it showed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.show_hidden_initial = True


def field_conflicts(form: forms.BaseForm, stored: dict[str, Any]) -> dict[str, Any]:
    """The fields the user changed that someone else changed too since the page was shown,
    with the value stored now."""
    conflicts = {}
    for name in form.changed_data:
        field = form.fields[name]
        shown = field.hidden_widget().value_from_datadict(
            form.data, form.files, form.add_initial_prefix(name)
        )
        if field.has_changed(stored.get(name), shown):
            conflicts[name] = stored.get(name)
    return conflicts


class GoalForm(HiddenInitialMixin, forms.ModelForm):
    """A city goal: KF's aim or a goal for an area of activity (under an aim)."""

    expected_results = LinesField(label="Förväntat resultat (ett per rad)")
    description = TextField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 5}))

    class Meta:
        model = Goal
        fields = ["number", "level", "parent", "title", "description", "expected_results"]
        labels = {"number": "Nummer", "level": "Nivå", "parent": "Under inriktningsmålet", "title": "Mål"}
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, municipality, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality, self.year = municipality, year
        level: Any = self.fields["level"]
        level.choices = [
            (value, label) for value, label in Goal.Level.choices if value != Goal.Level.COMMITTEE_GOAL
        ]
        parent: Any = self.fields["parent"]
        parent.queryset = Goal.objects.filter(organisation=municipality, year=year, level=Goal.Level.AIM)
        parent.required = False
        parent.empty_label = "(inget: ett inriktningsmål)"

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        taken = Goal.objects.filter(organisation=self.municipality, year=self.year, number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"det finns redan ett mål {number} för {self.year}")
        return number

    def clean(self):
        data = super().clean()
        level, parent = data.get("level"), data.get("parent")
        if level == Goal.Level.AREA_GOAL and parent is None:
            self.add_error("parent", "ett mål för verksamhetsområdet hör till ett inriktningsmål: välj det")
        if level == Goal.Level.AIM and parent is not None:
            self.add_error("parent", "ett inriktningsmål hör inte till något annat mål")
        return data


class IndicatorForm(HiddenInitialMixin, forms.ModelForm):
    """A city indicator of a goal, with the city's target as people write it ("Ökning", "39,5")."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "frequency",
            "gender_split",
            "decimals",
            "kolada_id",
            "city_target",
        ]
        labels = {
            "name": "Indikator",
            "unit": "Enhet",
            "direction": "Riktning",
            "frequency": "Mäts",
            "gender_split": "Redovisas för kvinnor och män",
            "decimals": "Antal decimaler",
            "kolada_id": "Kolada-id",
            "city_target": "Stadens målvärde",
        }
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.fields[
            "city_target"
        ].help_text = "ett tal (t.ex. 39,5) eller ord (t.ex. Ökning); tomt: inget målvärde"

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Indicator.objects.filter(goal=self.goal, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"målet har redan indikatorn ”{name}”")
        return name

    def clean_city_target(self) -> str | None:
        return (self.cleaned_data.get("city_target") or "").strip() or None


class PeriodForm(HiddenInitialMixin, forms.ModelForm):
    """A follow-up period of the municipality's year, with its first day and the day after its last."""

    class Meta:
        model = Period
        fields = ["year", "kind", "starts", "ends"]
        labels = {"year": "År", "kind": "Period", "starts": "Första dag", "ends": "Dagen efter sista dagen"}
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}),
            "ends": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        if self.instance.pk:  # a period's year and kind are its name; only its dates change
            self.fields["year"].disabled = self.fields["kind"].disabled = True

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and starts >= ends:
            self.add_error("ends", "dagen efter sista dagen måste komma efter första dagen")
        year, kind = data.get("year"), data.get("kind")
        if year is not None and not 2000 <= year <= 2100:
            self.add_error("year", f"”{year}” är inte ett år mellan 2000 och 2100")
        elif (
            not self.instance.pk
            and year
            and kind
            and Period.objects.filter(municipality=self.municipality, year=year, kind=kind).exists()
        ):
            self.add_error("kind", f"perioden {year}-{kind} finns redan")
        return data
