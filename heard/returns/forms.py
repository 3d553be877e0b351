from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms

from heard.accounts.models import User
from heard.core.forms import GovukFormMixin
from heard.engagement.models import Project
from heard.lib.tabular import SUFFIXES
from heard.partners.models import Organisation
from heard.returns.access import mappings_for_user
from heard.returns.models import ColumnMapping

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


# What a column mapping is for, an example, and where one is made (shown under the list on the upload form).
MAPPING_HINT = (
    "Leave this empty for a Heard template. A column mapping is for your own spreadsheet or an export from a "
    "survey tool (KoboToolbox, ODK, Microsoft Forms, Google Forms, SmartSurvey): it says which of its columns is "
    "which of Heard's, for example that “Q3 comments” holds the answers to “Tell us about seeing a GP” and "
    "“Age group” is the age band. To make one, upload the file with no mapping chosen: Heard lists the columns it "
    "cannot tell, you match each one once and give the mapping a name, and it is listed here for the next file "
    "like it."
)


class MappingChoiceField(forms.ModelChoiceField[ColumnMapping]):
    def label_from_instance(self, obj: ColumnMapping) -> str:
        if obj.organisation is None:
            return f"{obj.name} (shared with every partner)"
        return f"{obj.name} ({obj.organisation.name})"


class UploadForm(GovukFormMixin, forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Partner", help_text="Whose return this is."
    )
    file = forms.FileField(
        label="Upload the return", help_text="An Excel (.xlsx or .xls), OpenDocument (.ods) or CSV file."
    )
    mapping = MappingChoiceField(
        queryset=ColumnMapping.objects.none(),
        required=False,
        label="Column mapping",
        help_text=MAPPING_HINT,
    )

    def __init__(self, *args: Any, user: User, project: Project, partner: Organisation | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own_partner = partner
        # Only the host's shared mappings and the partner's own: another partner's are neither listed nor accepted.
        self.fields["mapping"].queryset = mappings_for_user(user, partner=partner)  # type: ignore[attr-defined]
        if partner is not None:
            del self.fields["partner"]
        else:
            self.fields["partner"].queryset = Organisation.objects.filter(project_roles__project=project)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mapping, partner = data.get("mapping"), self.own_partner or data.get("partner")
        if mapping is not None and partner is not None and mapping.organisation_id not in (None, partner.pk):
            self.add_error("mapping", "Choose a mapping shared with every partner or one of this partner's own")
        return data

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUFFIXES:
            raise forms.ValidationError("Upload an .xlsx, .xls, .ods or .csv file")
        if upload.size == 0:
            raise forms.ValidationError("The file is empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 200 MB; split it into smaller files")
        return upload
