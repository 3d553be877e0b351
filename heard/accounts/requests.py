"""The signed-in person behind a request, typed: every page but the public ones is signed-in only (the
`LoginRequiredMiddleware`), so `request.user` is a `User` there."""

from __future__ import annotations

from django.http import HttpRequest

from heard.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user
