"""Settings, read from the environment so one build runs anywhere.

DATABASE_URL   sqlite:///… (default: MINSHENG_DATA_DIR/minsheng.sqlite3) or postgres://…
SECRET_KEY     required when DEBUG is off; in DEBUG a per-machine key is made
               under MINSHENG_DATA_DIR so that no secret lives in the repository.
DEBUG          1/0 (default 0)
ALLOWED_HOSTS  comma separated (default: localhost,127.0.0.1 in DEBUG)
EMAIL_HOST …   SMTP for reminders (default: printed to the console)
MINSHENG_NOTICE_CHANNELS  channels for reminders: email,wecom,dingtalk (default: all three)
MINSHENG_DATA_DIR  where the SQLite file, uploads and the dev key live (default ./var)
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from . import paths

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG")
DATA_DIR = paths.data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("未设置环境变量 SECRET_KEY（生产环境必须设置；本机试用请设 DEBUG=1）")
    # Development only: keep one random key per data directory.
    path = DATA_DIR / paths.DEV_KEY_NAME
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "minsheng.accounts",
    "minsheng.plans",
    "minsheng.indicators",
    "minsheng.documents",
    "minsheng.api",
    "minsheng.progress",
    "minsheng.reports",
    "minsheng.voting",
    "minsheng.regions",
    "minsheng.config.apps.AxesConfig",
    "django_tasks",
    "minsheng.config.apps.TasksDbConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "minsheng.config.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site speaks one language (LANGUAGES below), so reading each
    # request's Accept-Language only to pick zh-hans again cost every request (≈0.2 ms of a ballot's
    # CPU, bench/results/lean_profile.md); without it Django uses LANGUAGE_CODE.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The site's own Chinese 404/500 pages, also under DEBUG (make run).
    "minsheng.config.errors.SitePagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# HTTPS (production): MINSHENG_HTTPS=1 behind the intranet's web server terminating TLS.
# Secure cookies, HSTS and the redirect to https; the proxy's X-Forwarded-Proto is
# trusted only when MINSHENG_PROXY_SSL_HEADER=1 (the proxy must set or strip it).
HTTPS = _env_bool("MINSHENG_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_REFERRER_POLICY = "same-origin"
if _env_bool("MINSHENG_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

ROOT_URLCONF = "minsheng.config.urls"
WSGI_APPLICATION = "minsheng.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minsheng.config.menu.menu",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{DATA_DIR / 'minsheng.sqlite3'}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a safe embedded database for several gunicorn workers: write-ahead log
    # (readers never block the writer), writers wait up to 20 s for the lock instead of
    # failing, and write transactions take the lock at BEGIN (IMMEDIATE), so that a
    # transaction that read first cannot fail with "database is locked" when it writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
# A PostgreSQL streaming replica for read-only pages and API reads (config/replica.py).
if os.environ.get("MINSHENG_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["MINSHENG_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["minsheng.config.replica.ReplicaRouter"]
    MIDDLEWARE.insert(0, "minsheng.config.replica.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out after repeated failed logins (django-axes), counted per account from every
# address: counted per user AND address, ten addresses made forty guesses at `office`.
# The price is that a stranger can lock an account for the hour; its office unlocks it
# at 锁定的账号 (accounts/locked/, accounts.lockout), and a successful login clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("MINSHENG_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = 1  # hours
# Both counts, the first being the old one: with one limit the account's count is the one that
# locks, and axes' own check (axes.W006) wants an address among them.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "plans:list"

LANGUAGE_CODE = "zh-hans"
# The interface is Chinese whatever the browser asks for: Django's own messages (这个字段是必填项。)
# must not turn English on an English-language browser beside Chinese labels.
LANGUAGES = [("zh-hans", "简体中文")]
# Chinese for what third-party apps show in the admin and ship no zh_Hans catalog for
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Front-end packages come from npm at set-up (make assets) and are served from
# node_modules through the finders: nothing is loaded from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/swagger-ui", NODE_MODULES / "swagger-ui-dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
STATICFILES_DIRS.append(("minsheng", PACKAGE_DIR / "static" / "minsheng"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"

# Upload limits for imported documents (bytes); zip members are checked too.
MINSHENG_MAX_UPLOAD_BYTES = int(os.environ.get("MINSHENG_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = MINSHENG_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Jobs (large imports) run off the request on django-tasks' database backend: a worker
# (`minsheng worker`, started by `make run`) takes them from the database already there.
# `immediate` runs them inside the request instead (the tests; an install without a worker).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("MINSHENG_TASKS", "database") == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}
# Files up to this size are read during the upload request, larger ones by a job; plans up
# to this many tasks are written during the confirmation, larger ones by a job.
MINSHENG_INLINE_READ_BYTES = int(os.environ.get("MINSHENG_INLINE_READ_BYTES", 512 * 1024))
MINSHENG_INLINE_IMPORT_TASKS = int(os.environ.get("MINSHENG_INLINE_IMPORT_TASKS", 300))
# A job still marked running after this long (or whose worker process is gone) is marked failed.
MINSHENG_JOB_LIMIT_MINUTES = int(os.environ.get("MINSHENG_JOB_LIMIT_MINUTES", 60))

# Evidence files attached to progress reports.
MINSHENG_MAX_EVIDENCE_BYTES = int(os.environ.get("MINSHENG_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024))

# Reminders go out by e-mail: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "minsheng@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
# The ways a notice (催报, 催办单) leaves besides the unit's page (progress/channels/): a unit with
# no address on a channel is simply not sent on it, so all three may stay on.
MINSHENG_NOTICE_CHANNELS = os.environ.get("MINSHENG_NOTICE_CHANNELS", "email,wecom,dingtalk")
# Seconds a group robot's webhook may take to answer before its delivery is recorded as failed.
MINSHENG_NOTICE_TIMEOUT = float(os.environ.get("MINSHENG_NOTICE_TIMEOUT", 10))

# A cache in the database, shared by every gunicorn worker; no extra server to run.
# The table is made by a migration (voting 0002). The proposal rate limit does not use
# it (a cache's get-then-set loses simultaneous hits): see accounts/ratelimit.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "minsheng_cache"}}
MINSHENG_PROPOSAL_RATE = os.environ.get("MINSHENG_PROPOSAL_RATE", "5/h")
# Behind the intranet's web server, the header it sets to the client's address
# (e.g. HTTP_X_REAL_IP); empty: REMOTE_ADDR. Never set it without such a proxy.
MINSHENG_CLIENT_IP_HEADER = os.environ.get("MINSHENG_CLIENT_IP_HEADER", "")
if MINSHENG_CLIENT_IP_HEADER:
    AXES_IPWARE_META_PRECEDENCE_ORDER = (MINSHENG_CLIENT_IP_HEADER, "REMOTE_ADDR")
