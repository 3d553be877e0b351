"""The one-page "you said, we did" sheet for a community, as a Document (rendered to PDF by heard.lib.documents),
written in the language the page is shown in (call it inside `translation.override`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.influence.yousaid import YouSaidWeDid
from heard.lib.documents.html import direction_of
from heard.lib.documents.model import BulletList, Document, Paragraph, Quote, Section, Table

# Theme names, recommendations and answers are shown as staff and organisations wrote them: said so in the reader's
# language (the same words as the web page's notice).
IN_ENGLISH = gettext_noop(
    "Some words on this page are in English, as they were written: the names of the topics people raised, the "
    "recommendations, and the organisations' answers. The partner you took part with can help you read them."
)
MAX_ITEMS = 5  # one page: the first five recommendations, newest answers first


def sheet_document(page: YouSaidWeDid, *, language: str, statuses: Mapping[str, Any]) -> Document:
    place = page.community.name if page.community else page.project.name
    said_blocks: list[Any] = []
    if language != "en":
        said_blocks.append(Paragraph(_(IN_ENGLISH)))
    said_blocks.append(Paragraph(_("People told us about these things most:"), style="lead"))
    if page.said:
        said_blocks.append(BulletList([f"{item.theme} ({item.people.text})" for item in page.said]))
        for item in page.said[:2]:
            for quote in item.quotes[:1]:
                said_blocks.append(Quote(quote.text, language=quote.language if quote.language != language else ""))
    else:
        said_blocks.append(Paragraph(_("We are still reading what people told us.")))
    done_blocks: list[Any] = []
    for done in page.done[:MAX_ITEMS]:
        lines = [f"{done.organisation}: {statuses.get(done.status, done.status)}"]
        lines += [f"{_('What they will do')}: {action}" for action, _due, _status in done.commitments[:2]]
        lines += [f"{_('What has changed')}: {text}" for text, _url, _when in done.changes[:2]]
        done_blocks.append(Paragraph(done.title, style="lead"))
        done_blocks.append(BulletList(lines))
    if not page.done:
        done_blocks.append(Paragraph(_("We have not sent anything yet. We will tell you when we do.")))
    sections = [Section(_("What you said"), said_blocks), Section(_("What was done"), done_blocks)]
    if page.verdicts is not None:
        verdicts = page.verdicts
        sections.append(
            Section(
                _("Did people feel heard?"),
                [
                    Table(
                        caption=_("What people told us after taking part"),
                        header=[_("Answer"), _("People")],
                        rows=[
                            [_("Answered"), verdicts.total.text],
                            [_("Felt listened to"), verdicts.cells[0].text],
                            [_("Saw a change"), verdicts.cells[1].text],
                            [_("Would take part again"), verdicts.cells[2].text],
                        ],
                        numeric_columns=frozenset({1}),
                    )
                ],
            )
        )
    return Document(
        title=_("You said, we did"),
        subtitle=place,
        sections=sections,
        language=language,
        direction="rtl" if direction_of(language) == "rtl" else "ltr",
        footer=_("Counts under 5 are not shown; the rest are rounded to the nearest 5."),
    )
