"""Partnership agreements: the host's template filled in for one partner, safely, and laid out as a Document for
Word and PDF (heard.lib.documents).

The template language is Django's, sandboxed: only the variables `context_for` provides (plain strings, numbers
and lists, never records), and only the tags if/elif/else/endif and for/empty/endfor. Anything else is refused
with a message saying which tag and what to do.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError

from heard.engagement.models import Project, ProjectPartner
from heard.funding.models import Allocation, ProjectFunding
from heard.lib.documents.model import BulletList, Document, Paragraph, Section
from heard.lib.money import HOLDBACK_DEFAULT
from heard.partners.models import Organisation

ALLOWED_TAGS = frozenset({"if", "elif", "else", "endif", "for", "empty", "endfor"})
TAG = re.compile(r"{%-?\s*(\w+)")
PLACEHOLDERS = [
    ("{{ partner.name }}", "the partner's name"),
    ("{{ partner.charity_number }}", "its charity number"),
    ("{{ partner.company_number }}", "its company number"),
    ("{{ partner.address }}", "its address and postcode"),
    ("{{ host.name }}", "the host organisation's name"),
    ("{{ project.name }}", "the project"),
    ("{{ project.starts_on }}", "when the project starts"),
    ("{{ project.ends_on }}", "when it ends"),
    ("{{ allocation }}", "the partner's allocation, e.g. £12,000.00"),
    ("{{ holdback_percent }}", "the holdback, e.g. 10"),
    ("{{ holdback }}", "the amount held back, e.g. £1,200.00"),
    ("{{ advance }}", "what is paid in advance (the allocation less the holdback)"),
    ("{{ target_people }}", "how many residents the partner agreed to hear from"),
    ("{% for task in tasks %}- {{ task }}\n{% endfor %}", "the partner's tasks from Who does what, one per line"),
    ("{{ today }}", "the date the agreement is made"),
]

DEFAULT_TEMPLATE = """# Parties
This agreement is between {{ host.name }} (the host) and {{ partner.name }}{% if partner.charity_number %} \
(registered charity {{ partner.charity_number }}){% endif %}, a partner in {{ project.name }}.

# Roles
The host leads the project, briefs partners, answers their queries, analyses what residents say and reports to \
commissioners. {{ partner.name }} hears from residents in its communities{% if target_people %}: about \
{{ target_people }} residents{% endif %}, and sends its returns to the host.

# Payments
{{ partner.name }} is allocated {{ allocation }} for its part in the project. It is paid in advance: {{ advance }} \
by the schedule agreed with the host, so that it never has to wait to be paid for work it has done.

# Holdback
{{ holdback_percent }}% of the allocation ({{ holdback }}) is held back as the partnership's contingency. It is \
released when the host accepts the partner's delivery (its returns imported and checked), or moved to another \
partner if this partner cannot deliver.

# Data sharing
Residents' records are shared only as the data-sharing agreement between the two organisations allows. \
{{ partner.name }} sees only its own residents' records in Heard.

# Safeguarding
{{ partner.name }} keeps a current Safeguarding policy on file in Heard and tells the host's safeguarding lead at \
once about any disclosure of harm.

# Confidentiality
Both organisations keep residents' details confidential and never identify a resident in anything they publish.

# Who does what
{% for task in tasks %}- {{ task }}
{% empty %}- The tasks are agreed at the first partnership meeting.
{% endfor %}
# Signed
For {{ host.name }}: ____________________ Date: __________

For {{ partner.name }}: ____________________ Date: __________
"""


class TemplateProblem(ValueError):
    pass


def pounds(amount: Decimal) -> str:
    return f"£{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def _engine() -> Engine:
    return Engine(debug=False, autoescape=False, string_if_invalid="", libraries={}, loaders=[])


def check_template(body: str) -> None:
    """Raise TemplateProblem when the template uses a tag outside the sandbox or cannot be read."""
    for match in TAG.finditer(body):
        if match.group(1) not in ALLOWED_TAGS:
            line = body.count("\n", 0, match.start()) + 1
            raise TemplateProblem(
                f"Line {line}: “{{% {match.group(1)} %}}” is not allowed in an agreement template. Use only "
                "placeholders like {{ partner.name }}, and if or for."
            )
    try:
        _engine().from_string(body)
    except TemplateSyntaxError as error:
        raise TemplateProblem(
            f"The template cannot be read: {error}. Check every {{% if %}} and {{% for %}} has its end."
        ) from None


def allocation_for(project: Project, organisation: Organisation) -> tuple[Decimal | None, Decimal]:
    """The partner's allocation in the project (None before one is awarded) and the project's holdback
    percentage (10% unless host staff changed it)."""
    allocation = Allocation.objects.filter(project=project, organisation=organisation).first()
    terms = ProjectFunding.objects.filter(project=project).first()
    holdback = Decimal(terms.holdback_percent) if terms is not None else HOLDBACK_DEFAULT
    return (Decimal(allocation.amount) if allocation is not None else None), holdback


def context_for(project: Project, organisation: Organisation, tasks: list[str]) -> dict[str, Any]:
    """Every variable a template may use: plain values only."""
    amount, percent = allocation_for(project, organisation)
    held = (amount * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if amount is not None else None
    host = Organisation.objects.host()
    role = ProjectPartner.objects.filter(project=project, organisation=organisation).first()
    return {
        "partner": {
            "name": organisation.name,
            "charity_number": organisation.charity_number,
            "company_number": organisation.company_number,
            "address": " ".join(p for p in (organisation.address, organisation.postcode) if p),
        },
        "host": {"name": host.name if host else "the host organisation"},
        "project": {
            "name": project.name,
            "starts_on": f"{project.starts_on:%-d %B %Y}" if project.starts_on else "",
            "ends_on": f"{project.ends_on:%-d %B %Y}" if project.ends_on else "",
        },
        "allocation": pounds(amount) if amount is not None else "the amount agreed",
        "holdback_percent": f"{percent.normalize():f}",
        "holdback": pounds(held) if held is not None else "the amount held back",
        "advance": pounds(amount - held) if amount is not None and held is not None else "the advance",
        "target_people": getattr(role, "target_people", None) or "",
        "tasks": tasks,
        "today": f"{datetime.date.today():%-d %B %Y}",
        "figures": {
            "allocation": str(amount) if amount is not None else None,
            "holdback_percent": f"{percent.normalize():f}",
            "holdback": str(held) if held is not None else None,
        },
    }


def fill(body: str, context: dict[str, Any]) -> str:
    check_template(body)
    text = _engine().from_string(body).render(Context(context, autoescape=False))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def document(title: str, subtitle: str, body: str, *, author: str = "", footer: str = "") -> Document:
    """The filled-in words as a Document: "# " lines are headings, "- " lines bullet points, blank lines separate
    paragraphs."""
    sections: list[Section] = []
    current = Section(heading="Agreement")
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            current.blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()
        if bullets:
            current.blocks.append(BulletList(list(bullets)))
            bullets.clear()

    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("# "):
            flush()
            if current.blocks:
                sections.append(current)
            current = Section(heading=line[2:].strip())
        elif line.startswith("- "):
            if paragraph:
                flush()
            bullets.append(line[2:].strip())
        elif not line:
            flush()
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    if current.blocks:
        sections.append(current)
    return Document(title=title, subtitle=subtitle, sections=sections, author=author, footer=footer)
