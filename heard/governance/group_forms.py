"""Forms for the steering group's own pages: members and their terms, core teams, actions and reviews."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from heard.accounts.models import User
from heard.core.forms import GovukFormMixin
from heard.engagement.models import Project
from heard.governance.models import ActionItem, SteeringMember
from heard.governance.models.learning import ReviewSubject


class MemberForm(GovukFormMixin, forms.ModelForm[SteeringMember]):
    class Meta:
        model = SteeringMember
        fields = [
            "name",
            "kind",
            "role",
            "organisation",
            "email",
            "user",
            "term_starts_on",
            "term_ends_on",
            "interests",
        ]
        labels = {
            "kind": "Member for",
            "email": "E-mail address (for temperature-check links and reminders)",
            "user": "Their account in Heard, if they have one",
            "term_starts_on": "Term starts (YYYY-MM-DD)",
            "term_ends_on": "Term ends (YYYY-MM-DD)",
            "interests": "Declared interests",
        }
        widgets = {"interests": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = SteeringMember.objects.exclude(user=None)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = User.objects.filter(is_active=True).exclude(pk__in=taken.values("user_id"))
        user_field.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("term_starts_on"), data.get("term_ends_on")
        if starts and ends and ends < starts:
            self.add_error("term_ends_on", "The term ends before it starts: check the dates.")
        return data


class EndTermForm(GovukFormMixin, forms.Form):
    ends_on = forms.DateField(label="The term ends on (YYYY-MM-DD)")


class ActionUpdateForm(GovukFormMixin, forms.ModelForm[ActionItem]):
    class Meta:
        model = ActionItem
        fields = ["status", "owner", "due_on"]
        labels = {"due_on": "Due (YYYY-MM-DD)"}
        widgets = {"status": forms.RadioSelect}


class ReviewDateForm(GovukFormMixin, forms.Form):
    due_on = forms.DateField(label="Next review due (YYYY-MM-DD)")


class ReviewForm(GovukFormMixin, forms.Form):
    reviewed_on = forms.DateField(label="Reviewed on (YYYY-MM-DD)", initial=datetime.date.today)
    what_changed = forms.CharField(
        label="What changed", widget=forms.Textarea(attrs={"rows": 3}), help_text="Or that nothing needed to change."
    )
    next_due_on = forms.DateField(label="Next review due (YYYY-MM-DD)", required=False)


REVIEW_SUBJECTS = [value for value, _ in ReviewSubject.choices]


class TeamForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200, help_text="The issue or project it works on.")
    purpose = forms.CharField(label="What it is for", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    project = forms.ModelChoiceField(label="Project", queryset=Project.objects.all(), required=False)


class JoinTeamForm(GovukFormMixin, forms.Form):
    member = forms.ModelChoiceField(label="Member", queryset=SteeringMember.objects.all())
    joined_on = forms.DateField(label="Joined on (YYYY-MM-DD)", initial=datetime.date.today)


class LeaveTeamForm(GovukFormMixin, forms.Form):
    left_on = forms.DateField(label="Left on (YYYY-MM-DD)")


class TeamDecisionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 2}))
    rationale = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decided_on = forms.DateField(label="Decided on (YYYY-MM-DD)", initial=datetime.date.today)
