"""Forms for funding's pages. Amounts are typed as pounds and pence and checked by heard.lib.money."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import slugify

from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.engagement.models import Activity, Project
from heard.funding.models import Bid, Funder, FunderKind, Pot, RecompenseKind
from heard.lib import money
from heard.partners.models import Organisation


class PoundsField(forms.CharField):
    """Pounds and pence as typed ('£1,250.50'), cleaned to a Decimal with two places."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"})

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return money.parse_pounds(text)
        except money.MoneyError as error:
            raise forms.ValidationError(str(error)) from None


class HoldbackForm(GovukFormMixin, forms.Form):
    holdback_percent = forms.CharField(
        label="Holdback (%)",
        max_length=10,
        help_text="Kept back from each allocation until the partner's delivery is accepted: 10 to 15.",
    )

    def clean_holdback_percent(self) -> Decimal:
        try:
            return money.check_holdback_percent(str(self.cleaned_data["holdback_percent"]))
        except money.MoneyError as error:
            raise forms.ValidationError(str(error)) from None


class AllocationForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Partner")
    amount = PoundsField(label="Allocation (£)", help_text="What the partner is to be paid in all, like 9300.00.")
    first_payment_on = forms.DateField(
        label="Advance due on",
        widget=DATE_WIDGET,
        help_text="The day the first payment (the advance) is due to the partner. Nothing is paid by awarding: "
        "record each payment on the grant's page when the money goes.",
    )
    payments = forms.IntegerField(
        min_value=1,
        max_value=12,
        initial=1,
        label="Payments in advance",
        help_text="1 to 12: the advance first, then instalments.",
    )
    every_months = forms.IntegerField(min_value=1, max_value=12, initial=3, label="Months between payments")
    pot = forms.ModelChoiceField(queryset=Pot.objects.select_related("funder"), required=False, label="Paid from pot")

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(project_roles__project=project).exclude(
            allocations__project=project
        )
        self.fields["first_payment_on"].initial = timezone.localdate()

    def clean_amount(self) -> Decimal:
        amount: Decimal | None = self.cleaned_data["amount"]
        if amount is None or amount <= 0:
            raise forms.ValidationError("Give the allocation in pounds, more than 0, like 9300.00.")
        return amount


class PaidForm(GovukFormMixin, forms.Form):
    paid_on = forms.DateField(label="Paid on", widget=DATE_WIDGET)


class AcceptForm(GovukFormMixin, forms.Form):
    accepted_on = forms.DateField(label="Delivery accepted on", widget=DATE_WIDGET)


class ReallocateForm(GovukFormMixin, forms.Form):
    to = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Move the unpaid money to")
    on = forms.DateField(label="Moved on", widget=DATE_WIDGET)
    reason = forms.CharField(max_length=200, required=False, label="Why the partner cannot deliver")

    def __init__(self, *args: Any, project: Project, exclude: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(project_roles__project=project).exclude(pk=exclude.pk)


class BudgetLineForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Partner", empty_label="The host's own costs"
    )
    description = forms.CharField(max_length=200)
    amount = PoundsField(label="Amount (£)")

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(project_roles__project=project)

    def clean_amount(self) -> Decimal:
        amount: Decimal | None = self.cleaned_data["amount"]
        if amount is None:
            raise forms.ValidationError("Give the amount in pounds, like 1200.00.")
        return amount


class RecompenseForm(GovukFormMixin, forms.Form):
    activity = forms.ModelChoiceField(queryset=Activity.objects.none())
    kind = forms.ChoiceField(choices=RecompenseKind.choices)
    amount = PoundsField(label="Total given (£)")
    residents = forms.IntegerField(
        min_value=1, max_value=100_000, label="How many residents shared it", help_text="A count: never names."
    )
    given_on = forms.DateField(widget=DATE_WIDGET)

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = activities

    def clean_amount(self) -> Decimal:
        amount: Decimal | None = self.cleaned_data["amount"]
        if amount is None or amount <= 0:
            raise forms.ValidationError("Give the total in pounds, more than 0, like 25.00.")
        return amount


class FunderForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Funder
        fields = ["name", "kind", "notes"]

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        base = slugify(name)[:70] or "funder"
        slug, n = base, 1
        while Funder.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        self.instance.slug = slug
        return name


class PotForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    amount = PoundsField(label="Amount (£)")

    class Meta:
        model = Pot
        fields = ["funder", "name", "kind", "amount", "closes_on"]
        widgets = {"closes_on": DATE_WIDGET}

    def clean_amount(self) -> Decimal:
        amount: Decimal | None = self.cleaned_data["amount"]
        if amount is None:
            raise forms.ValidationError("Give the pot's amount in pounds, like 11625.00.")
        return amount


class BidForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    amount_requested = PoundsField(label="Amount asked for (£)")
    amount_awarded = PoundsField(label="Amount awarded (£)", required=False)
    pots = forms.ModelMultipleChoiceField(
        queryset=Pot.objects.select_related("funder"),
        widget=forms.CheckboxSelectMultiple,
        help_text="One bid can go in for several pots.",
    )

    class Meta:
        model = Bid
        fields = ["title", "project", "lead", "pots", "amount_requested", "amount_awarded", "status", "submitted_on"]
        fields += ["decided_on", "notes"]
        widgets = {"submitted_on": DATE_WIDGET, "decided_on": DATE_WIDGET}

    def clean_amount_requested(self) -> Decimal:
        amount: Decimal | None = self.cleaned_data["amount_requested"]
        if amount is None:
            raise forms.ValidationError("Give the amount asked for in pounds, like 93000.00.")
        return amount


FUNDER_KINDS = FunderKind.choices
