"""Settings for kehoach, read from environment variables.

Production defaults are safe: DEBUG is off unless ``DEBUG=1``, cookies are secure and HTTPS is
enforced unless DEBUG is on. The secret key comes from ``SECRET_KEY`` or, when unset, from a random
key kept in ``var/secret_key`` (created on first start, never committed).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kehoach.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KEHOACH_VAR_DIR", BASE_DIR.parent / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """An integer setting from the environment; a clear error at start-up when it is not one."""
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "kehoach.core",
    "kehoach.units",
    "kehoach.indicators",
    "kehoach.plans",
    "kehoach.values",
    "kehoach.reporting",
    "kehoach.evaluation",
    "kehoach.tasks",
    "kehoach.projects",
    "kehoach.consultation",
    "kehoach.documents",
    "kehoach.intake",
    "kehoach.api",
    "kehoach.dashboard",
]

MIDDLEWARE = [
    "kehoach.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kehoach.core.middleware.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kehoach.core.middleware.NulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kehoach.core.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kehoach.core.dbrouter.AnalyticsReplicaMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "kehoach.urls"
WSGI_APPLICATION = "kehoach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kehoach.dashboard.context_processors.navigation",
            ],
            "builtins": ["kehoach.core.templatetags.kh"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kehoach.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
# SQLite for concurrent web use: readers never wait for the writer (WAL), a write transaction
# takes the write lock when it begins (IMMEDIATE: no "database is locked" when a read turns into a
# write), and a writer waits up to 20 s for another one instead of failing.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Streaming replicas of the primary: the analytics pages read from them (kehoach.core.dbrouter).
KEHOACH_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    KEHOACH_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["kehoach.core.dbrouter.AnalyticsReplicaRouter"]
KEHOACH_ANALYTICS_PATHS = [
    r"^/$", r"^/danh-gia/", r"^/bao-cao/[^/]+/tien-do/$",
    r"^/api/v1/(evaluation|consolidation|plans/[^/]+/evaluation)/",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "kehoach.core.passwords.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # older hashes, upgraded at sign-in
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "kehoach.core.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["kehoach.core.signin.ThrottledModelBackend"]
KEHOACH_SIGNIN_ACCOUNT_LIMIT = env_int("KEHOACH_SIGNIN_ACCOUNT_LIMIT", 5)
KEHOACH_SIGNIN_ADDRESS_LIMIT = env_int("KEHOACH_SIGNIN_ADDRESS_LIMIT", 20)
KEHOACH_SIGNIN_WINDOW = env_int("KEHOACH_SIGNIN_WINDOW", 900)
KEHOACH_SIGNIN_LOCKOUT = env_int("KEHOACH_SIGNIN_LOCKOUT", 900)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kehoach.formats"]
USE_I18N = True
# Grouping is applied by the num/pct filters only, so ids and years in markup stay plain.
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR.parent / "node_modules"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only the front-end files the pages use are served from node_modules, as static/vendor/<package>/…
KEHOACH_VENDOR_FILES = {
    "htmx.org": ["dist/htmx.min.js"],
    "chart.js": ["dist/chart.umd.js", "dist/chart.umd.js.map"],
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kehoach.core.staticfinders.VendorFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "kehoach.core.storage.StaticStorage"
        )
    },
}
# Collected files are served by whitenoise with hashed names, cached for ten years ("immutable").
# The finders are a fallback for files not collected yet (the storage then uses plain names).
WHITENOISE_USE_FINDERS = True
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
KEHOACH_MAX_UPLOAD_BYTES = env_int("KEHOACH_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
#: A DHIS2 data value set uploaded on its page is streamed to disk and imported in the background:
#: a ministry's national file (3 million values, about 330 MB) fits.
KEHOACH_MAX_STREAMED_UPLOAD_BYTES = env_int("KEHOACH_MAX_STREAMED_UPLOAD_BYTES", 1024 * 1024 * 1024)
KEHOACH_MAX_UNPACKED_BYTES = env_int("KEHOACH_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
#: Uploads of values or DHIS2 files at least this big are imported in the background, with a
#: progress bar; their files wait in KEHOACH_IMPORT_DIR until the worker has read them.
KEHOACH_BACKGROUND_IMPORT_BYTES = env_int("KEHOACH_BACKGROUND_IMPORT_BYTES", 1024 * 1024)
KEHOACH_IMPORT_DIR = Path(os.environ.get("KEHOACH_IMPORT_DIR", VAR_DIR / "imports"))
#: Reports made in the background wait here for their download (``documents.ReportJob``).
KEHOACH_REPORT_DIR = Path(os.environ.get("KEHOACH_REPORT_DIR", VAR_DIR / "reports"))
#: The warm LibreOffice (``kehoach pdf_server``, unoserver's XML-RPC); empty: a cold start per PDF.
KEHOACH_UNOSERVER = os.environ.get("KEHOACH_UNOSERVER", "127.0.0.1:2003")
#: Where Debian's python3-uno bridge lives (unoserver's server needs ``import uno``).
KEHOACH_UNO_PATH = os.environ.get("KEHOACH_UNO_PATH", "/usr/lib/python3/dist-packages")

# Security: safe unless DEBUG is on (each can be overridden for a reverse proxy setup).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
# X-Forwarded-For is believed only from these addresses/networks (the reverse proxy); with
# BEHIND_PROXY=1 and nothing set, a proxy on this machine.
TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES", "127.0.0.1,::1" if env_bool("BEHIND_PROXY", False) else ""
)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from files of this site — no
# inline <script>, <style>, style="" or on…="" in any template (kehoach.js applies data-css and
# data-action instead). The API's Swagger page alone allows inline styles (its own template).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day and a little more; signing out or a password change ends it at once.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
CSRF_COOKIE_HTTPONLY = True  # pages carry the token in the markup (hx-headers), no script reads it
CSRF_COOKIE_SAMESITE = "Lax"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kehoach@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
# SMTP with a login (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend): STARTTLS on port
# 587 (EMAIL_USE_TLS=1) or TLS from the start on port 465 (EMAIL_USE_SSL=1), not both.
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive: set one of them")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kehoach_cache",
    }
}
KEHOACH_CONSULTATION_RATE_LIMIT = env_int("KEHOACH_CONSULTATION_RATE_LIMIT", 5)
KEHOACH_CONSULTATION_RATE_WINDOW = env_int("KEHOACH_CONSULTATION_RATE_WINDOW", 600)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /health/ fails when a task has waited longer than this (no worker running); probe task interval.
KEHOACH_WORKER_MAX_LAG = env_int("KEHOACH_WORKER_MAX_LAG", 120)
KEHOACH_WORKER_PROBE_EVERY = env_int("KEHOACH_WORKER_PROBE_EVERY", 30)
# `kehoach scheduler` queues the day's reminders from this local hour on (once a day).
KEHOACH_REMINDER_HOUR = env_int("KEHOACH_REMINDER_HOUR", 7)

KEHOACH_API_TOKEN_DAYS = env_int("KEHOACH_API_TOKEN_DAYS", 30)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kehoach.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kehoach.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "kehoach.api.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kehoach.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kehoach API",
    "DESCRIPTION": "Socio-economic development plans of a Vietnamese province",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PlanKindEnum": "kehoach.plans.models.PlanKind",
        "PlanStatusEnum": "kehoach.plans.models.PlanStatus",
        "ComparatorEnum": "kehoach.plans.models.Comparator",
        "TargetTypeEnum": "kehoach.plans.models.TargetType",
        "RoundKindEnum": "kehoach.reporting.models.RoundKind",
        "RoundStatusEnum": "kehoach.reporting.models.RoundStatus",
        "TemplateKindEnum": "kehoach.reporting.models.TemplateKind",
        "SubmissionStatusEnum": "kehoach.reporting.models.SubmissionStatus",
        "ProposalKindEnum": "kehoach.reporting.models.ProposalKind",
        "SectionKeyEnum": "kehoach.reporting.models.SectionKey",
        "IndicatorKindEnum": "kehoach.indicators.models.Kind",
        "ValueKindEnum": "kehoach.values.models.ValueKind",
        "UnitTypeEnum": "kehoach.units.models.UnitType",
        "IndicatorGroupEnum": "kehoach.indicators.models.Group",
        "TaskGroupEnum": "kehoach.tasks.models.TaskGroup",
        "TaskStatusEnum": "kehoach.tasks.models.TaskStatus",
        "ProjectGroupEnum": "kehoach.projects.models.ProjectGroup",
        "ProjectStatusEnum": "kehoach.projects.models.ProjectStatus",
        "FundingSourceEnum": "kehoach.projects.models.FundingSource",
        "ConsultationStatusEnum": "kehoach.consultation.models.ConsultationStatus",
        "AuthorKindEnum": "kehoach.consultation.models.AuthorKind",
        "ResponseKindEnum": "kehoach.consultation.models.ResponseKind",
        "CommentStatusEnum": "kehoach.consultation.models.CommentStatus",
        "ItemKindEnum": "kehoach.intake.models.ItemKind",
        "OverrideStatusEnum": "kehoach.evaluation.models.OverrideStatus",
    },
}

# One JSON object per line (with the request id) unless LOG_FORMAT=plain; plain by default in DEBUG.
LOGGING = logging_config(
    json_lines=os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json") == "json",
    level=os.environ.get("LOG_LEVEL", "WARNING"),
)
