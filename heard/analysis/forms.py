from __future__ import annotations

from typing import Any, cast

from django import forms

from heard.accounts.models import User
from heard.analysis.models import Code, Theme, ThemeKind
from heard.core.forms import GovukFormMixin
from heard.engagement.models import Project


class LocalThemeForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Theme name",
        help_text="In plain words, for example “Language, interpreting and accessible information”.",
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    national_theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label="Adds up to this national theme",
        help_text="So evidence adds up across areas. Leave empty if none fits.",
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        cast(forms.ModelChoiceField, self.fields["national_theme"]).queryset = (  # type: ignore[type-arg]
            Theme.objects.national().filter(kind=ThemeKind.THEME).order_by("name")
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if Theme.objects.for_project(self.project.pk).filter(name__iexact=name).exists():
            raise forms.ValidationError("There is already a theme with that name.")
        return name

    def theme_fields(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("name", "description", "national_theme")}


class AgreementForm(forms.Form):
    first = forms.ModelChoiceField(queryset=User.objects.none(), label="First coder")
    second = forms.ModelChoiceField(queryset=User.objects.none(), label="Second coder")

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coders = User.objects.filter(pk__in=Code.objects.filter(answer__experience__project=project).values("coder_id"))
        for name in ("first", "second"):
            field = cast(forms.ModelChoiceField, self.fields[name])  # type: ignore[type-arg]
            field.queryset = coders
            field.widget.attrs["class"] = "govuk-select"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("first") == data.get("second"):
            raise forms.ValidationError("Choose two different coders.")
        return data
