"""Takstværk settings: one file, read from the environment (STYLE.md 7).

The defaults give the embedded mode: SQLite, eager Celery, DEBUG. Production
differs only in environment values; `.env.example` lists them all.
"""

from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_bool(name: str, default: bool) -> bool:
    """Like healthchecks' envbool: a value that is not a clear yes/no stops start-up."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


DEBUG = env_bool("DEBUG", True)

# The development defaults are only accepted with DEBUG on: a production start
# without real secrets fails loudly instead of running with a known key.
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-0123456789abcdef"
_DEV_CPR_KEY = "ZGV2LW9ubHktY3ByLWtleS1ub3QtZm9yLXByb2R1Y3Q="
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
CPR_ENCRYPTION_KEYS = env.list(
    "CPR_ENCRYPTION_KEYS", default=[_DEV_CPR_KEY] if DEBUG else []
)
CPR_HASH_KEY = env.str("CPR_HASH_KEY", default="dev-only-cpr-hash-key" if DEBUG else "")
# Production runs several web processes, a worker and beat: whatever is cached or
# locked across requests must be in a service they share (Redis), never in one
# process's memory. Only the embedded mode (one process) may cache locally.
CACHE_URL = env.str("CACHE_URL", default="locmemcache://" if DEBUG else "")
for _name, _value in [
    ("SECRET_KEY", SECRET_KEY),
    ("CPR_ENCRYPTION_KEYS", CPR_ENCRYPTION_KEYS),
    ("CPR_HASH_KEY", CPR_HASH_KEY),
    ("CACHE_URL", CACHE_URL),
]:
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set when DEBUG is off")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The municipality that runs the product; a borger without betalingskommune is its own.
EGEN_KOMMUNEKODE = env.str("EGEN_KOMMUNEKODE", default="707")
EGEN_KOMMUNENAVN = env.str("EGEN_KOMMUNENAVN", default="Demo Kommune")

# Issue 18: the monthly settlement with buying municipalities. The run-off rule
# after an afgang: "maaned_plus_1" (the activity budget's month + 1 rule) or
# "afgang" (through the day before the afgang); and the months after a month
# within which it must be invoiced (the page warns three months before).
AFREGNING_AFLOEB = env.str("AFREGNING_AFLOEB", default="maaned_plus_1")
if AFREGNING_AFLOEB not in ("maaned_plus_1", "afgang"):
    raise ImproperlyConfigured("AFREGNING_AFLOEB must be maaned_plus_1 or afgang")
AFREGNING_KRAVFRIST_MAANEDER = env.int("AFREGNING_KRAVFRIST_MAANEDER", default=12)
if AFREGNING_KRAVFRIST_MAANEDER < 1:
    raise ImproperlyConfigured("AFREGNING_KRAVFRIST_MAANEDER must be at least 1")
# Issue 18 #3: a closed year's over- or underskud within this band (percent of the
# takst basis) goes to the next year's frame; the rest into the takst this many
# years later.
EFTERREGULERING_BAAND_PROCENT = env.str("EFTERREGULERING_BAAND_PROCENT", default="5")
try:
    if not 0 <= Decimal(EFTERREGULERING_BAAND_PROCENT) <= 100:
        raise ValueError
except (ArithmeticError, ValueError) as exc:
    raise ImproperlyConfigured(
        "EFTERREGULERING_BAAND_PROCENT must be a number from 0 to 100"
    ) from exc
EFTERREGULERING_TAKST_AAR_SENERE = env.int(
    "EFTERREGULERING_TAKST_AAR_SENERE", default=2
)
if EFTERREGULERING_TAKST_AAR_SENERE < 1:
    raise ImproperlyConfigured("EFTERREGULERING_TAKST_AAR_SENERE must be at least 1")

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
    # Swagger UI's files as static files: /api/docs/ works offline, no CDN.
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "tariffs",
    "offers",
    "budgets",
    "config.requestlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.requestlog.middleware.ForespoergselslogMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.lib.security.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    # The Danish 404 page instead of Django's technical one when DEBUG is on.
    "config.errors.DanskIkkeFundetMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "config.lib.auth.LoginRateLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/laast.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Failed attempts are counted in the database, so every web process sees them all.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "offers.context_processors.rolle",
            ],
            # The Danish display filters (kr, tal, dato…) serve every app's
            # templates, so they are a builtin: no {% load dansk %} needed. The
            # name "dansk" still loads them, for a template that says it anyway.
            "builtins": ["config.lib.templatetags.dansk"],
            "libraries": {"dansk": "config.lib.templatetags.dansk"},
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT: the central model's reads are short OLTP queries whose cost
    # estimates pass jit_above_cost at national scale; compiling them cost more
    # than it saved (40 ms of a 125 ms query, measured with EXPLAIN ANALYZE).
    # work_mem: the year's indplaceringer are joined to its ophold by a hash of
    # their ids; with PostgreSQL's 4 MB that hash spilled to disk at ten
    # municipalities (0.87 s against 0.68 s with 16 MB or more). Per sort or
    # hash node of a running query, not per connection.
    work_mem = env.str("DATABASE_WORK_MEM", default="32MB")
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = f"-c jit=off -c work_mem={work_mem}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url_config(CACHE_URL)}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
# The UI is Danish whatever the browser asks for (issue 15): with Danish the only
# language, LocaleMiddleware never picks English form errors or month names.
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Production serves the collected files through WhiteNoise, precompressed (not
# renamed by content hash: the vendored DKFDS stylesheet names font files it does
# not ship, which the manifest storage refuses); the embedded mode serves them as
# they lie in static/, without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    # Token first: DRF takes the WWW-Authenticate header from the first class, so
    # an anonymous request gets 401 (Session first would make it 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "config.lib.api_exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Takstværk API",
    "VERSION": "1.0.0",
    # The schema and Swagger UI need login like every other endpoint.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "DESCRIPTION": (
        "Takstmodel, indplacering og budgetmodel for det specialiserede voksenområde."
    ),
    # Swagger UI from drf-spectacular-sidecar's static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: with them every operation's path is a link inside its
    # expand button, a control inside a control (WCAG 4.1.2, axe nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "persistAuthorization": True},
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="cache+memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task a worker took but never acknowledged (the worker was killed) is given to
# another worker after this many seconds; Redis' default is an hour. A task that
# runs longer may be delivered twice: the import task's run lock makes the second
# delivery do nothing. A worker's child process that dies (OOM) is not requeued
# (reject_on_worker_lost stays off): the sweep below rejects its job instead of
# running the file that killed it again and again.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    # Look for such tasks every 10 s (kombu's default looks every 100 s).
    "unacked_restore_throttle": 1,
}
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_TIMEZONE = TIME_ZONE
# `celery -A config beat`: a year whose stored monthly figures are not all
# current (a recompute whose worker died) is queued again at night.
# Five years, as the bogføringslov keeps the accounts the budgets feed.
REQUESTLOG_OPBEVARING_DAGE = env.int("REQUESTLOG_OPBEVARING_DAGE", default=5 * 365 + 1)
CELERY_BEAT_SCHEDULE = {
    "maanedstal-kontroller": {
        "task": "budgets.tasks.maanedstal_kontroller_task",
        "schedule": crontab(hour=0, minute=5),
    },
    # The request log keeps REQUESTLOG_OPBEVARING_DAGE days (config.requestlog).
    "forespoergsel-ryd": {
        "task": "config.requestlog.tasks.forespoergsel_ryd_task",
        "schedule": crontab(hour=0, minute=35),
    },
    # No import job is left running by a dead worker for more than a minute.
    "importjob-oprydning": {
        "task": "budgets.tasks.importjob_oprydning_task",
        "schedule": 60.0,
    },
}

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # axes logs every successful login at INFO; lockouts (WARNING) are what matter.
    "loggers": {"axes": {"level": "WARNING"}},
}
