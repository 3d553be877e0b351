"""A section's narrative keeps every version (who, when, what); restoring an earlier one adds a version."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import User
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_community, make_project, make_user
from heard.reporting import actions
from heard.reporting.models import ReportSection, SectionKind, SectionVersion

pytestmark = pytest.mark.django_db


def _summary(staff: User) -> ReportSection:
    project = make_project(communities=[make_community(name="Somali-speaking residents")])
    report = actions.start_report(actor=staff, project=project)
    return report.sections.get(kind=SectionKind.SUMMARY)


def test_starting_a_report_gives_a_section_of_each_kind_and_one_per_community() -> None:
    staff = make_user()
    project = make_project(communities=[make_community(name="A"), make_community(name="B")])
    report = actions.start_report(actor=staff, project=project)
    kinds = list(report.sections.values_list("kind", flat=True))
    assert kinds.count(SectionKind.COMMUNITY) == 2
    assert kinds[0] == SectionKind.SUMMARY and kinds[-1] == SectionKind.NOTES_ON_DATA
    assert actions.start_report(actor=staff, project=project).pk == report.pk
    assert report.sections.count() == len(kinds)


def test_every_save_is_a_version_with_its_author_and_the_current_text_is_the_latest() -> None:
    staff, other = make_user(), make_user()
    section = _summary(staff)
    actions.save_narrative(actor=staff, section=section, text="First words.")
    actions.save_narrative(actor=other, section=section, text="Second words.")
    versions = list(section.versions.order_by("number"))
    assert [(v.number, v.text, v.author) for v in versions] == [(1, "First words.", staff), (2, "Second words.", other)]
    assert section.narrative == "Second words."


def test_saving_the_same_words_again_adds_no_version() -> None:
    staff = make_user()
    section = _summary(staff)
    actions.save_narrative(actor=staff, section=section, text="Same.")
    actions.save_narrative(actor=staff, section=section, text="Same.")
    assert section.versions.count() == 1


def test_autosaves_while_typing_update_one_draft_version_until_someone_saves() -> None:
    staff = make_user()
    section = _summary(staff)
    actions.save_narrative(actor=staff, section=section, text="Saved.")
    actions.save_narrative(actor=staff, section=section, text="Saved. Typ", autosave=True)
    actions.save_narrative(actor=staff, section=section, text="Saved. Typing on.", autosave=True)
    assert section.versions.count() == 2
    assert section.narrative == "Saved. Typing on."
    actions.save_narrative(actor=staff, section=section, text="Saved. Typing on. Done.")
    assert section.versions.count() == 3


def test_an_old_autosave_is_not_overwritten_by_a_new_one() -> None:
    staff = make_user()
    section = _summary(staff)
    draft = actions.save_narrative(actor=staff, section=section, text="Monday's draft", autosave=True)
    SectionVersion.objects.filter(pk=draft.pk).update(
        created_at=draft.created_at - actions.AUTOSAVE_WINDOW - datetime.timedelta(minutes=1)
    )
    actions.save_narrative(actor=staff, section=section, text="Tuesday's draft", autosave=True)
    assert list(section.versions.order_by("number").values_list("text", flat=True)) == [
        "Monday's draft",
        "Tuesday's draft",
    ]


def test_restoring_an_earlier_version_adds_a_new_version_with_its_words_and_keeps_the_history() -> None:
    staff = make_user()
    section = _summary(staff)
    first = actions.save_narrative(actor=staff, section=section, text="What we first wrote.")
    actions.save_narrative(actor=staff, section=section, text="A worse rewrite.")
    restored = actions.restore_version(actor=staff, version=first)
    assert restored.number == 3 and restored.restored_from == first
    assert section.narrative == "What we first wrote."
    assert section.versions.count() == 3
    assert AuditEvent.objects.filter(verb=AuditVerb.RESTORED, target_id=str(section.pk)).count() == 1
