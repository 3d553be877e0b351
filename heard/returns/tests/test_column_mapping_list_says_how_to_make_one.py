"""The upload form's column-mapping list says what a mapping is for, gives an example, and says where one is made."""

from __future__ import annotations

import pytest

from heard.returns.tests.builders import make_world


@pytest.fixture
def world(db):
    return make_world()


def test_the_mapping_list_explains_what_a_mapping_is_for_with_an_example_and_where_to_make_one(client, world):
    client.force_login(world.partner_user)
    page = client.get(f"/returns/{world.project.slug}/").content.decode()
    hint = page[page.index('id="id_mapping-hint"') :].split("</div>")[0]
    assert "your own spreadsheet or an export from a survey tool" in hint  # what it is for
    assert "for example that “Q3 comments” holds the answers" in hint  # an example
    assert "upload the file with no mapping chosen" in hint  # where to make one
    assert "give the mapping a name" in hint
