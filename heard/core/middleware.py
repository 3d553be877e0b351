"""Requests Heard refuses before any view sees them."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RefuseNulCharacters:
    """A NUL character in a query parameter or a form field is never meant: PostgreSQL cannot store or even search
    for one, so it would be a server error deep in a view. Such a request gets the plain "bad request" page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = [request.GET]
        forms = ("application/x-www-form-urlencoded", "multipart/form-data")
        if request.method == "POST" and request.content_type in forms:
            fields.append(request.POST)
        for data in fields:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("A NUL character in the request")
        return self.get_response(request)
