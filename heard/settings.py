"""Heard's one settings file: every value comes from the environment, with safe defaults.

Each setting is documented in `.env.example` and `docs/settings.md` (a test checks the two agree).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from heard.core.languages import TRANSLATED

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEARD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("HEARD_DEBUG", False)
# A fixed development key is only acceptable while DEBUG is on or for the local demo; deploy.md says to set one.
SECRET_KEY = os.environ.get("HEARD_SECRET_KEY", "heard-insecure-local-demo-key-change-me-in-production")
ALLOWED_HOSTS = env_list("HEARD_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("HEARD_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("HEARD_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "heard.core",
    "heard.accounts",
    "heard.partners",
    "heard.engagement",
    "heard.returns",
    "heard.analysis",
    "heard.place",
    "heard.privacy",
    "heard.reporting",
    "heard.influence",
    "heard.funding",
    "heard.governance",
    "heard.demo",
    # After heard.core, whose `db_worker` (a worker that survives a locked database and sweeps up after lost work)
    # replaces django-tasks-db's own.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "heard.core.security.SecurityHeadersMiddleware",  # CSP, Permissions-Policy, no-store: after static files
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "heard.core.middleware.RefuseNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "heard.accounts.middleware.TwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "heard.urls"
WSGI_APPLICATION = "heard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "heard" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.core.context_processors.heard",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("HEARD_SQLITE_PATH", str(VAR_DIR / "heard.sqlite3")),
            # WAL and a busy timeout let the web server and a task worker share one file.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor sign-in (TOTP) for host staff and admins. The demo turns it off; production leaves it on.
HEARD_REQUIRE_2FA = env_bool("HEARD_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("HEARD_OTP_ISSUER", "Heard")
# Django's admin never shows anyone's authenticator secret or its QR code (it would let whoever saw it pass the
# second step as that person).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Login throttling (django-axes): pause signing in to a username after HEARD_LOGIN_FAILURE_LIMIT failures from
# anywhere, and from an address after HEARD_LOGIN_ADDRESS_FAILURE_LIMIT failures across usernames (password
# spraying); heard/accounts/lockout.py holds the two limits. The address is heard.core.addresses.client_address.
AXES_FAILURE_LIMIT = int(os.environ.get("HEARD_LOGIN_FAILURE_LIMIT", "5"))
HEARD_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("HEARD_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
# Times one address may open or answer through recommendations' response links in an hour (against guessed links).
HEARD_RESPONSE_LINK_LIMIT = int(os.environ.get("HEARD_RESPONSE_LINK_LIMIT", "60"))
AXES_COOLOFF_TIME = float(os.environ.get("HEARD_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "heard.accounts.lockout.SignInLimits"
AXES_CLIENT_IP_CALLABLE = "heard.core.addresses.known_client_address"
AXES_RESET_ON_SUCCESS = True  # clears only the signed-in person's own failures from that address (lockout.py)
AXES_LOCKOUT_CALLABLE = "heard.accounts.lockout.locked_out"
AXES_VERBOSE = False
# How many proxies of your own add to X-Forwarded-For in front of Heard; 0 means use the connection's address.
HEARD_TRUSTED_PROXY_COUNT = int(os.environ.get("HEARD_TRUSTED_PROXY_COUNT", "0"))
# 360Giving identifiers for the host's grants to partners (360G-<prefix>-...); register a prefix with 360Giving.
HEARD_360GIVING_PREFIX = os.environ.get("HEARD_360GIVING_PREFIX", "360G-heard-")

SESSION_COOKIE_AGE = int(os.environ.get("HEARD_SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("HEARD_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("HEARD_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only: off by default so that the demo works on http://127.0.0.1; `heard check --deploy` warns until set.
SECURE_SSL_REDIRECT = env_bool("HEARD_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's and monitoring's health check may use plain HTTP locally
SECURE_HSTS_SECONDS = int(os.environ.get("HEARD_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HEARD_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HEARD_HSTS_PRELOAD", False)
# Heard's own deploy checks (heard/core/checks.py) cover HSTS, the HTTPS redirect and secure cookies, naming
# Heard's variables; Django's checks for the same are silenced so that each problem is reported once.
SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]

# `shared`: counts every web process must agree on (limits per address), in the database (`heard_cache`, made by
# `heard migrate`) so no other service is needed. `default` stays in each process's memory.
# HEARD_REDIS_URL (redis://host:6379/0) puts `shared` in Redis instead, through Django's own RedisCache; that needs
# the redis package, which Heard does not ship (docs/deploy.md, "Several web processes").
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["HEARD_REDIS_URL"]}
        if os.environ.get("HEARD_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "heard_cache"}
    ),
}

# Host staff pages are always in British English (no LocaleMiddleware, so a browser's language does not change
# them). Only the residents' public pages are translated: they switch to the language the resident chose
# (heard/core/languages.py); the catalogues live in the package so that they ship with it.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "British English"), ("en", "English"), *TRANSLATED]
LOCALE_PATHS = [BASE_DIR / "heard" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("HEARD_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "heard" / "static"]
MEDIA_ROOT = Path(os.environ.get("HEARD_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get("HEARD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("HEARD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("HEARD_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("HEARD_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HEARD_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("HEARD_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("HEARD_DEFAULT_FROM_EMAIL", "Heard <heard@localhost>")

# Background work: the database is the queue (django-tasks-db); run `heard db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("HEARD_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: a bare domain means https

# Partner returns: limits that keep a bad or hostile file from taking the server down.
HEARD_IMPORT_MAX_ROWS = int(os.environ.get("HEARD_IMPORT_MAX_ROWS", "1000000"))
HEARD_IMPORT_MAX_CELL_CHARS = int(os.environ.get("HEARD_IMPORT_MAX_CELL_CHARS", "32767"))
HEARD_IMPORT_MAX_COMPRESSION_RATIO = float(os.environ.get("HEARD_IMPORT_MAX_COMPRESSION_RATIO", "200"))
HEARD_IMPORT_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("HEARD_IMPORT_MAX_UNCOMPRESSED_BYTES", str(4 * 1024**3)))
HEARD_IMPORT_MAX_COLUMNS = int(os.environ.get("HEARD_IMPORT_MAX_COLUMNS", "500"))
HEARD_IMPORT_MAX_CELLS = int(os.environ.get("HEARD_IMPORT_MAX_CELLS", "40000000"))
# The child process that first opens an uploaded spreadsheet (heard/lib/isolated.py): memory, CPU seconds.
HEARD_IMPORT_MAX_MEMORY = int(os.environ.get("HEARD_IMPORT_MAX_MEMORY", str(4 * 1024**3)))
HEARD_IMPORT_MAX_SECONDS = int(os.environ.get("HEARD_IMPORT_MAX_SECONDS", "300"))
HEARD_IMPORT_ISOLATE = env_bool("HEARD_IMPORT_ISOLATE", True)
# An .xlsx bigger than this is read as a stream, in memory that does not grow with its rows (heard/lib/xlsxstream.py).
HEARD_IMPORT_STREAM_BYTES = int(os.environ.get("HEARD_IMPORT_STREAM_BYTES", str(16 * 1024 * 1024)))

PAGE_SIZE = int(os.environ.get("HEARD_PAGE_SIZE", "50"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HEARD_LOG_LEVEL", "WARNING")},
}
