"""Forms for who does what and partnership agreements."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from heard.accounts.models import User
from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.engagement.models import Project
from heard.funding import agreements
from heard.funding.models import AgreementTemplate, PartnershipTask
from heard.lib import doccheck
from heard.partners.models import Organisation, OrganisationKind


def project_organisations(project: Project) -> Any:
    """The host and the project's partners: who can own the project's tasks."""
    return (
        Organisation.objects.filter(Q(kind=OrganisationKind.HOST) | Q(project_roles__project=project))
        .distinct()
        .order_by("name")
    )


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        who = obj.get_full_name() or obj.get_username()
        return f"{who} ({obj.organisation})" if obj.organisation else f"{who} (host staff)"


class TaskForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    owner_person = PersonChoiceField(queryset=User.objects.none(), required=False, label="Person responsible")

    class Meta:
        model = PartnershipTask
        fields = ["title", "kind", "owner_organisation", "owner_person", "starts_on", "due_on", "status", "notes"]
        widgets = {"starts_on": DATE_WIDGET, "due_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"owner_organisation": "Organisation responsible", "kind": "Kind of work", "due_on": "Due by"}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = project_organisations(project)
        self.fields["owner_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["owner_organisation"].required = False
        self.fields["owner_person"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True)
            .filter(Q(organisation__in=organisations) | Q(role__startswith="host"))
            .select_related("organisation")
            .order_by("first_name", "username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_organisation") and not data.get("owner_person"):
            self.add_error("owner_organisation", "Choose the organisation or the person responsible (or both).")
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", "The due date must be on or after the start date.")
        return data


class TaskStatusForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PartnershipTask
        fields = ["status"]


class AgreementTemplateForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AgreementTemplate
        fields = ["name", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30})}
        labels = {"name": "Title", "body": "The agreement's words"}
        help_texts = {
            "body": "Lines starting “# ” are headings and lines starting “- ” bullet points; leave a blank line "
            "between paragraphs. The placeholders below are filled in for each partner."
        }

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        try:
            agreements.check_template(body)
        except agreements.TemplateProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return body


class SignedCopyForm(GovukFormMixin, forms.Form):
    upload = forms.FileField(label="The signed agreement", help_text=f"Upload {doccheck.ACCEPTED}, up to 20 MB.")
    signed_on = forms.DateField(widget=DATE_WIDGET, label="Date signed")

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        try:
            doccheck.check(upload.name, upload.size, upload)
        except doccheck.BadDocument as error:
            raise forms.ValidationError(str(error)) from None
        return upload
