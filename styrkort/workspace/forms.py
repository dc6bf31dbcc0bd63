"""The deadline form: one optional date per part of the report."""

from __future__ import annotations

from django import forms

from styrkort.workspace.models import Deadline


class DeadlineForm(forms.Form):
    """A date (ÅÅÅÅ-MM-DD) per part; an empty field means no deadline for that part."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Deadline.Part.choices:
            self.fields[value] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d"],
                error_messages={"invalid": f"{label}: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-05-12."},
            )
