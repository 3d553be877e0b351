"""A published version is frozen: later draft edits never reach its public page, and its link never changes."""

from __future__ import annotations

from typing import Any

from django.test import Client

from heard.core.models import AuditEvent, AuditVerb
from heard.reporting.models import PublishedReport, SectionKind

from .conftest import section


def test_staff_publish_and_anyone_reads_the_published_words_but_never_later_edits(client: Any, world: Any) -> None:
    client.force_login(world["staff"])
    summary = section(world, SectionKind.SUMMARY)
    client.post(f"/report/sections/{summary.pk}/", {"text": "Residents told us waiting is the hardest part."})
    response = client.post(f"/report/{world['project'].slug}/publish/", {"confirm": "yes"})
    published = PublishedReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{published.slug}/"
    assert AuditEvent.objects.filter(verb=AuditVerb.PUBLISHED).count() == 1

    client.post(f"/report/sections/{summary.pk}/", {"text": "A later draft nobody has published."})
    public = Client().get(f"/reports/{published.slug}/")
    assert public.status_code == 200
    assert "Residents told us waiting is the hardest part." in public.content.decode()
    assert "A later draft" not in public.content.decode()


def test_publishing_again_adds_a_version_with_its_own_link_and_leaves_the_first_as_it_was(
    client: Any, world: Any
) -> None:
    client.force_login(world["staff"])
    summary = section(world, SectionKind.SUMMARY)
    client.post(f"/report/sections/{summary.pk}/", {"text": "First words."})
    client.post(f"/report/{world['project'].slug}/publish/", {"confirm": "yes"})
    client.post(f"/report/sections/{summary.pk}/", {"text": "Second words."})
    client.post(f"/report/{world['project'].slug}/publish/", {"confirm": "yes"})
    first, second = PublishedReport.objects.order_by("number")
    assert (first.number, second.number) == (1, 2) and first.slug != second.slug
    anyone = Client()
    first_page = anyone.get(f"/reports/{first.slug}/").content.decode()
    assert "First words." in first_page and "Second words." not in first_page
    assert "newer version" in first_page
    assert "Second words." in anyone.get(f"/reports/{second.slug}/").content.decode()


def test_publishing_needs_the_check_box_and_host_staff(client: Any, world: Any) -> None:
    client.force_login(world["staff"])
    client.post(f"/report/{world['project'].slug}/publish/", {})
    assert not PublishedReport.objects.exists()
    for who in ("partner", "steering"):
        client.force_login(world[who])
        assert client.post(f"/report/{world['project'].slug}/publish/", {"confirm": "yes"}).status_code == 403
    assert not PublishedReport.objects.exists()


def test_the_published_version_shows_protected_counts_and_no_provenance(client: Any, world: Any) -> None:
    client.force_login(world["staff"])
    quotes = section(world, SectionKind.COMMUNITY, world["somali"])
    client.post(f"/report/sections/{quotes.pk}/quotes/", {"answer": world["answers"][0].pk})
    client.post(f"/report/{world['project'].slug}/publish/", {"confirm": "yes"})
    page = Client().get(f"/reports/{PublishedReport.objects.get().slug}/").content.decode()
    assert "The receptionist was kind" in page
    assert "Coffee morning at the mosque" not in page and "(heard by" not in page
    assert "rounded to the nearest 5" in page
    draft = client.get(f"/report/{world['project'].slug}/draft/").content.decode()
    assert "Coffee morning at the mosque" in draft  # host staff see where a quote came from


def test_a_slug_that_is_not_a_published_version_is_not_found(db: Any) -> None:
    assert Client().get("/reports/no-such-thing/").status_code == 404
