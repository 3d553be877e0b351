"""Every write is a named verb in its app's actions.py (one transaction, one audit event): read from the code, no
view, command or task saves, creates, updates or deletes a model, or writes the audit trail, itself."""

from __future__ import annotations

from pathlib import Path

from heard.core.tests import codescan

# (file, function, call) -> why it may stay. Keep this short; a new entry is a decision, with its reason.
ALLOWED = {
    ("heard/engagement/public.py", "PublicEntryForm.__init__", "field.error_messages.update"): (
        "a form field's dict of error messages, not a model"
    ),
}


def _findings(kind: str) -> list[codescan.Finding]:
    return [f for path in codescan.files(codescan.ENTRY_FILES) for f in getattr(codescan.scan(path), kind)]


def _report(findings: list[codescan.Finding], what: str) -> str:
    lines = "\n".join(f"  {f}" for f in sorted(findings))
    return f"{what}; move it into a named verb in the app's actions.py and call that:\n{lines}"


def test_it_reads_every_view_command_and_task():
    names = {p.relative_to(codescan.ROOT).as_posix() for p in codescan.files(codescan.ENTRY_FILES)}
    assert {
        "heard/returns/views.py",
        "heard/engagement/question_views.py",
        "heard/engagement/public.py",
        "heard/returns/management/commands/export.py",
        "heard/returns/tasks.py",
        "heard/privacy/tasks.py",
    } <= names
    assert not any(n.endswith("actions.py") for n in names)
    assert len(names) >= 20


def test_no_view_command_or_task_writes_a_model_itself():
    outside = [f for f in _findings("writes") if f.key not in ALLOWED]
    assert not outside, _report(outside, "These write to the database outside an action")


def test_no_view_command_or_task_writes_the_audit_trail_itself():
    audits = _findings("audits")
    assert not audits, _report(audits, "These call the audit trail outside an action")


def test_every_allowed_exception_is_still_needed():
    stale = set(ALLOWED) - {f.key for f in _findings("writes")}
    assert not stale, f"No longer written this way; remove from ALLOWED: {sorted(stale)}"


BROKEN_VIEW = """
from heard.core import audit

def upload(request, pk):
    record = get_upload_for_user(request, pk)
    record.status = "ready"
    record.save()
    ReturnUpload.objects.filter(pk=pk).update(status="failed")
    uploads_for_user(request.user).delete()
    mapping, _ = ColumnMapping.objects.get_or_create(name="x")
    RedactionDecision.objects.update_or_create(answer=record, defaults={})
    Answer.objects.bulk_create([])
    record.answers.create(text="")
    audit.record(actor=None, verb="changed")
    context = {"a": 1}
    context.update(b=2)
    actions.save_activity(actor=None, activity=form.save(commit=False))
"""


def test_it_finds_each_kind_of_write_in_a_view_and_lets_harmless_calls_be():
    scanned = codescan.scan(Path("heard/example/views.py"), BROKEN_VIEW)
    assert [f.call for f in scanned.writes] == [
        "record.save",
        "ReturnUpload.objects.filter(pk=pk).update",
        "uploads_for_user(request.user).delete",
        "ColumnMapping.objects.get_or_create",
        "RedactionDecision.objects.update_or_create",
        "Answer.objects.bulk_create",
        "record.answers.create",
    ]
    assert [f.call for f in scanned.audits] == ["from heard.core import ...", "audit.record"]
