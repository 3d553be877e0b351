from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_user
from heard.place.models import PlaceDataset

pytestmark = pytest.mark.django_db


def test_it_lists_shipped_and_loaded_data_with_licence_and_attribution(client):
    PlaceDataset.objects.create(
        kind="postcodes", name="ONS Postcode Directory Feb 2026", attribution="Contains OS data © Crown copyright"
    )
    user = make_user(role=Role.PARTNER_MEMBER)
    client.force_login(user)
    response = client.get("/place/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "ONS Postcode Directory Feb 2026" in text
    assert "Open Government Licence v3.0" in text
    assert "Contains Royal Mail data" in text


def test_it_asks_an_outsider_to_sign_in(client):
    response = client.get("/place/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]
