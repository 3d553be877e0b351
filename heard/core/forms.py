"""GOV.UK Frontend classes for Django form widgets, so every form looks and behaves the same."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# The empty option of every select. Translatable because the residents' public form shows it too.
CHOOSE = _("Choose")

# A date field as the browser's date picker, in the ISO form it sends back (shared: Django copies it per form).
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "number": "govuk-input govuk-input--width-5",
    "url": "govuk-input",
    "password": "govuk-input govuk-input--width-20",
    "date": "govuk-input govuk-input--width-10",
    "tel": "govuk-input govuk-input--width-20",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "file": "govuk-file-upload",
}


class GovukFormMixin:
    """Adds design-system classes, hint and error ids (aria-describedby) to every widget."""

    fields: dict[str, forms.Field]
    prefix: str | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            self.style_field(name, field)

    def style_field(self, name: str, field: forms.Field) -> None:
        """Design-system classes and hint ids for one field; call it for fields a form adds after __init__."""
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            widget.attrs["class"] = "govuk-checkboxes__input"
            return
        if isinstance(widget, forms.RadioSelect):
            widget.attrs["class"] = "govuk-radios__input"
            return
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField) and isinstance(widget, forms.Select):
            choices: Any = field.choices
            field.choices = [("", CHOOSE) if value == "" else (value, label) for value, label in choices]
        kind = getattr(widget, "input_type", None) or (
            "select"
            if isinstance(widget, forms.Select)
            else "textarea"
            if isinstance(widget, forms.Textarea)
            else "text"
        )
        css = WIDGET_CLASSES.get(kind, "govuk-input")
        existing = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{css} {existing}".strip() if css not in existing else existing
        if field.help_text:
            widget.attrs.setdefault("aria-describedby", f"id_{self._name(name)}-hint")

    def _name(self, name: str) -> str:
        return f"{self.prefix}-{name}" if self.prefix else name

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors: dict[str, Any] = getattr(self, "_errors", None) or {}
        for name in errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [f"id_{self._name(name)}-error"]
                if self.fields[name].help_text:
                    ids.insert(0, f"id_{self._name(name)}-hint")
                widget.attrs["aria-describedby"] = " ".join(ids)
                css = widget.attrs.get("class", "")
                for base in ("govuk-input", "govuk-select", "govuk-textarea"):
                    if base in css.split() and f"{base}--error" not in css:
                        widget.attrs["class"] = f"{css} {base}--error"
