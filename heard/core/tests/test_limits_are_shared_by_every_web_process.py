"""Rate limits and sign-in throttling hold for every web process together (several gunicorn workers, several
machines): limits are counted in the shared cache (the database by default, Redis when HEARD_REDIS_URL says),
failed sign-ins in the database (django-axes' database handler), never in one process's memory."""

from __future__ import annotations

import os
import subprocess
import sys

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.test import RequestFactory

from heard.accounts.lockout import SignInLimits
from heard.core import limits
from heard.core.testing import make_user


def test_a_limit_counted_by_one_process_is_reached_in_another(db):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        limits.count("feedback", request)
    # Another process has its own cache objects but reads the same table.
    elsewhere = DatabaseCache(settings.CACHES["shared"]["LOCATION"], {})
    _started, done = elsewhere.get("heard:limit:feedback:203.0.113.7")
    assert done == 3


def test_the_shared_cache_is_the_database_unless_redis_is_configured():
    assert settings.CACHES["shared"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    code = "import heard.settings as s; shared = s.CACHES['shared']; print(shared['BACKEND'], shared['LOCATION'])"
    env = {**os.environ, "HEARD_REDIS_URL": "redis://cache.internal:6379/1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["django.core.cache.backends.redis.RedisCache", "redis://cache.internal:6379/1"]


def test_failed_sign_ins_are_counted_in_the_database(client, db):
    assert issubclass(SignInLimits, AxesDatabaseHandler)
    user = make_user(username="amina")
    client.post("/accounts/sign-in/", {"username": user.username, "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    assert AccessAttempt.objects.filter(username="amina").exists()
