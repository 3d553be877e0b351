"""A question's note for staff and partners ("In their own words and language.") is shown on the record forms
and never on the residents' form, in any language; the residents' hint is shown to both."""

from __future__ import annotations

from django.core.cache import cache

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_question, make_user
from heard.engagement.models import EntryLink

NOTE = "In their own words and language."


def test_the_staff_note_is_on_the_record_form_and_never_on_the_residents_form(client, db):
    cache.clear()
    partner = make_organisation(name="Turkish Speakers Network")
    project = make_project(partners=[partner], languages=["en", "tr"])
    make_question(
        project=project,
        code="story",
        text="Tell us about a recent time you used a service.",
        help_text="Write as much as you like.",
        staff_help_text=NOTE,
        translations={"tr": {"text": "Bir hizmeti anlatın.", "help_text": "İstediğiniz kadar yazın."}},
    )
    link = EntryLink.objects.create(project=project, partner=partner)
    for lang in ("en", "tr"):
        html = client.get(f"{link.get_absolute_url()}?lang={lang}").content.decode()
        assert NOTE not in html
    assert "Write as much as you like." in client.get(link.get_absolute_url()).content.decode()
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    record_form = client.get(f"/projects/{project.slug}/records/new/").content.decode()
    assert f"Write as much as you like. {NOTE}" in record_form
