"""Every view that looks a record up does it through its app's access.py getter (decision 0003), read from the
code: no `get_object_or_404`, no `Model.objects...get(...)` and no `.get(pk=...)` in a view."""

from __future__ import annotations

from pathlib import Path

from heard.core.tests import codescan


def test_it_reads_every_view():
    names = {p.relative_to(codescan.ROOT).as_posix() for p in codescan.files(codescan.VIEW_FILES)}
    assert {"heard/returns/views.py", "heard/engagement/question_views.py", "heard/engagement/public.py"} <= names
    assert len(names) >= 10


def test_no_view_looks_a_record_up_without_a_getter():
    lookups = [f for path in codescan.files(codescan.VIEW_FILES) for f in codescan.scan(path).lookups]
    lines = "\n".join(f"  {f}" for f in sorted(lookups))
    assert not lookups, (
        "These views look records up themselves; use (or add) a getter in the app's access.py "
        f"(a record outside the person's scope is 404):\n{lines}"
    )


BROKEN_VIEW = """
from django.shortcuts import get_object_or_404

def preview(request, pk):
    one = get_object_or_404(ReturnUpload, pk=pk)
    two = ReturnUpload.objects.select_related("project").get(pk=pk)
    three = Question.objects.get(pk=pk)
    four = project.questions.get(pk=pk)
    fine = request.POST.get("field", "text")
    also_fine = request.GET.get("page", default="1")
    counts = {}
    return counts.get(pk, 0)
"""


def test_it_finds_each_kind_of_lookup_in_a_view_and_lets_dictionaries_be():
    scanned = codescan.scan(Path("heard/example/views.py"), BROKEN_VIEW)
    assert [f.call for f in scanned.lookups] == [
        "get_object_or_404",
        "ReturnUpload.objects.select_related('project').get",
        "Question.objects.get",
        "project.questions.get",
    ]
