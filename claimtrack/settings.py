"""ClaimTrack settings, read from the environment.

With nothing set, ClaimTrack runs on a SQLite file with Celery tasks executed eagerly in-process,
so a newcomer's first run needs no services. DATABASE_URL and REDIS_URL switch to PostgreSQL and
real Celery workers. Every variable is listed in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# Off unless asked for: a deploy that forgets a variable never serves debug pages with a public
# development key. `make run` and the test suite turn it on.
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. It is required whenever DEBUG is off: set SECRET_KEY to a "
            "long random string (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "pgtrigger",
    "django_guid",
    "axes",
    "simple_history",
    # Ours, from the bottom layer up (pyproject.toml's import-linter contract holds them to it).
    "api",
    "actors",
    "sources",
    "claims",
    "intake",
    "webhooks",
    "devdata",
]

# The admin shows each tracked object's history (common.history) but offers no "revert": a
# revert would write past the services, unseen by the changes feed and the webhooks.
SIMPLE_HISTORY_REVERT_DISABLED = True

MIDDLEWARE = [
    "claimtrack.health.probe_middleware",
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "api.middleware.body_limit_middleware",
    "claimtrack.content_security.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "claimtrack.log_context.user_context_middleware",
    # Who made each change kept in the history (common.history) when a request made it.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "claimtrack.urls"
WSGI_APPLICATION = "claimtrack.wsgi.application"
ASGI_APPLICATION = "claimtrack.asgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A kept connection that PostgreSQL dropped (a restart, a failover, pg_terminate_backend) is
# tested before a request's first query and replaced, instead of failing that request with a 500.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has the server and a worker write one file: readers must not block the writer
    # (WAL), and a transaction takes the write lock when it starts, so two writers wait for each
    # other instead of failing with "database is locked" halfway through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles any query it costs above 100,000 to machine code first: 30 to 200 ms
    # spent on a search or a list page that then runs in a few milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login lockout (django-axes): both /login/ and /admin/login/ authenticate through Django's
# authenticate(), which axes' backend guards. Failures are counted in the database per username
# and address together, so a guessing client locks that one account from its own address only
# and a colleague behind the same newsroom proxy still logs in with another username.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("CLAIMTRACK_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("CLAIMTRACK_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# The address the API's rate limit uses: X-Forwarded-For only through CLAIMTRACK_API_NUM_PROXIES.
AXES_CLIENT_IP_CALLABLE = "common.client_address.client_address"
# Successful logins are not logged row by row: the failures are what the lockout needs.
AXES_DISABLE_ACCESS_LOG = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["claimtrack.formats"]  # one date format per language, as the browser's
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Celery: without REDIS_URL tasks run eagerly in the calling process, so nothing else is needed.
REDIS_URL = env("REDIS_URL", default="")
# The cache is shared by every process through Redis when there is one (API tokens, verdicts
# polled, request counts of the API and of the re-check job); without Redis each process keeps
# its own in memory, so run a single web process then: a change is dropped from that one only.
# django-redis rather than Django's own Redis backend, which builds a redis.Redis client for
# every call (with redis-py 8, a 169-entry dict of reply callbacks each time): a cache GET took
# 184 µs with it and 108 µs with django-redis, and a verdict poll makes four cache calls.
#
# Redis down or hung is a cache miss, never a 500: the cache ignores Redis's errors (a read
# answers "not cached", a write or delete does nothing) and logs each one, and no call waits
# longer than the timeouts below. Every caller reads the database on a miss; the API's request
# counts fail open (api/throttling.py). A forget that Redis missed leaves the entry to expire
# (a minute at most: tokens, verdicts). README.md, "Limits and degraded behaviour".
CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "claimtrack",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A cache call takes well under a millisecond; a Redis that takes half a second
                # to accept or answer is treated as down.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # in brief: log_context.IgnoredCacheErrors
# Without Redis the broker is a folder (kombu's filesystem transport, one machine only): `make run`
# starts a real worker with its scheduler beside the server, with nothing installed. Tasks still
# run eagerly in the calling process unless CELERY_TASK_ALWAYS_EAGER is off, as `make run` sets
# it; the test suite keeps them eager.
CLAIMTRACK_BROKER_DIR = Path(env("CLAIMTRACK_BROKER_DIR", default=str(BASE_DIR / ".celery-broker")))
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
# Nothing reads task results: without Redis there is nowhere to keep them.
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A source re-check spends nearly all its time waiting on a remote server, so re-checks have a
# queue of their own, consumed by a worker with the threads pool (`recheck-worker` in Procfile
# and docker-compose.yml, CLAIMTRACK_RECHECK_CONCURRENCY checks at once); every other task stays
# on the default queue and its prefork worker. That worker's --queues must name this queue.
CLAIMTRACK_RECHECK_QUEUE = env("CLAIMTRACK_RECHECK_QUEUE", default="recheck")
CELERY_TASK_ROUTES = {"sources.tasks.recheck_source": {"queue": CLAIMTRACK_RECHECK_QUEUE}}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "flag-stale-claims": {"task": "claims.tasks.flag_stale_claims", "schedule": 3600.0},
    "flag-due-projections": {"task": "claims.tasks.flag_due_projections", "schedule": 3600.0},
    "enqueue-due-rechecks": {"task": "sources.tasks.enqueue_due_rechecks", "schedule": 60.0},
    "dispatch-webhooks": {"task": "webhooks.tasks.dispatch_webhooks", "schedule": 5.0},
}

# REST API v1 (plumbing in api/, router in claimtrack/api_urls.py): tokens or sessions,
# problem+json errors, keyset cursors.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    # Token first: its WWW-Authenticate challenge turns "no credentials" into a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ApiAccess"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["api.views.FilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.LimitedJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.ClientRateThrottle",
        "api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "client": env("CLAIMTRACK_API_RATE_CLIENT", default="600/min"),
        "anon": env("CLAIMTRACK_API_RATE_ANON", default="60/min"),
    },
    # Trust X-Forwarded-For only from this many proxies in front of gunicorn: otherwise any
    # anonymous client could pick its own throttling address.
    "NUM_PROXIES": env.int("CLAIMTRACK_API_NUM_PROXIES", default=0),
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    # Media types are negotiated with Accept only: no ?format= second way to ask.
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimTrack API",
    "DESCRIPTION": "Claims made in the news, the positions actors take on them, and verdicts.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
    ],
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True, "displayOperationId": False},
    # One name per choice set, whichever field uses it.
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "claims.models.Verdict",
        "StanceEnum": "claims.models.Stance",
        "CredibilityEnum": "claims.models.Credibility",
        "QuantityQualifierEnum": "claims.models.QuantityQualifier",
        "DatePrecisionEnum": "claims.models.DatePrecision",
        "RelationKindEnum": "claims.models.RelationKind",
        "FlagReasonEnum": "claims.models.FlagReason",
        "FlagStatusEnum": "claims.models.FlagStatus",
        "EventKindEnum": "claims.models.EventKind",
        "EstimateKindEnum": "claims.estimates.EstimateKind",
        "EstimateQualifierEnum": "claims.estimates.EstimateQualifier",
        "ProjectionOutcomeKindEnum": "claims.estimates.ProjectionOutcomeKind",
        "UnitEnum": "claims.units.Unit",
        "ActorKindEnum": "actors.models.ActorKind",
        "SourceKindEnum": "sources.models.SourceKind",
        "ReliabilityEnum": "sources.models.Reliability",
        "HealthEnum": "sources.models.Health",
    },
}

# ClaimTrack's own settings.
CLAIMTRACK_NEWSROOM_NAME = env("CLAIMTRACK_NEWSROOM_NAME", default="ClaimTrack Newsroom")
# Let clients without credentials read (never write) the API. Off: every read needs a client.
CLAIMTRACK_API_ANONYMOUS_READ = env.bool("CLAIMTRACK_API_ANONYMOUS_READ", default=False)
CLAIMTRACK_API_MAX_BODY_BYTES = env.int("CLAIMTRACK_API_MAX_BODY_BYTES", default=1_000_000)
# Longest article text the intake page, import_article and the analysis take, in characters.
CLAIMTRACK_INTAKE_MAX_CHARS = env.int("CLAIMTRACK_INTAKE_MAX_CHARS", default=200_000)
CLAIMTRACK_STALE_DAYS = env.int("CLAIMTRACK_STALE_DAYS", default=7)
CLAIMTRACK_FETCH_ALLOW = env.list("CLAIMTRACK_FETCH_ALLOW", default=[])
CLAIMTRACK_FETCH_TIMEOUT_SECONDS = env.float("CLAIMTRACK_FETCH_TIMEOUT_SECONDS", default=20.0)
CLAIMTRACK_FETCH_MAX_BYTES = env.int("CLAIMTRACK_FETCH_MAX_BYTES", default=5_000_000)
CLAIMTRACK_RECHECK_FIRST_INTERVAL = timedelta(hours=1)
# Source re-checks (sources/schedule.py, sources/politeness.py): the interval doubles while a
# source stays unchanged, up to the maximum; requests per host and minute are counted across all
# workers in the cache.
CLAIMTRACK_RECHECK_MAX_INTERVAL = timedelta(days=env.int("CLAIMTRACK_RECHECK_MAX_DAYS", default=7))
CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE = env.int(
    "CLAIMTRACK_RECHECK_HOST_REQUESTS_PER_MINUTE", default=10
)
CLAIMTRACK_RECHECK_BATCH_SIZE = env.int("CLAIMTRACK_RECHECK_BATCH_SIZE", default=500)
CLAIMTRACK_RECHECK_NETWORK_RETRIES = env.int("CLAIMTRACK_RECHECK_NETWORK_RETRIES", default=3)
CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS = env.int(
    "CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS", default=10
)
CLAIMTRACK_RECHECK_SOFT_TIME_LIMIT = env.int("CLAIMTRACK_RECHECK_SOFT_TIME_LIMIT", default=90)
CLAIMTRACK_RECHECK_TIME_LIMIT = env.int("CLAIMTRACK_RECHECK_TIME_LIMIT", default=120)
# The longest one re-check can take: every try at the fetch's time cap, and the back-off between
# tries (sources.tasks.retry_countdown, at most 5 minutes each), which a retried task waits out
# unacknowledged in its worker. 150 s with the defaults.
CLAIMTRACK_RECHECK_LONGEST_SECONDS = int(
    CLAIMTRACK_FETCH_TIMEOUT_SECONDS * (CLAIMTRACK_RECHECK_NETWORK_RETRIES + 1)
    + sum(
        min(CLAIMTRACK_RECHECK_RETRY_BACKOFF_SECONDS * 2**attempt, 300)
        for attempt in range(CLAIMTRACK_RECHECK_NETWORK_RETRIES)
    )
)
# Redis hands a task whose worker died (kill -9, a lost machine) to another worker after this many
# seconds. It must exceed the longest run of any task, or a slow task would run twice: the
# webhook delivery task's hard limit (660 s) is the longest, a re-check at most
# CLAIMTRACK_RECHECK_LONGEST_SECONDS.
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int(
    "CELERY_BROKER_VISIBILITY_TIMEOUT", default=max(900, 2 * CLAIMTRACK_RECHECK_LONGEST_SECONDS)
)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
        # Workers look for such tasks every 10 s (kombu's default scans only every 100 s), so
        # one comes back at most 10 s after its visibility timeout.
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
    }
    if REDIS_URL
    else {
        "data_folder_in": str(CLAIMTRACK_BROKER_DIR / "messages"),
        "data_folder_out": str(CLAIMTRACK_BROKER_DIR / "messages"),
        "control_folder": str(CLAIMTRACK_BROKER_DIR / "control"),
        "store_processed": False,
    }
)
# A leased check is queued once; beat leases it again only after this long. A check whose task
# died with its worker comes back from the broker after the visibility timeout and runs within
# CLAIMTRACK_RECHECK_LONGEST_SECONDS: the lease outlasts both, so the two never run the same check
# at once, and a check lost with a broker that kept nothing is redone after it (20 minutes).
CLAIMTRACK_RECHECK_LEASE_TIMEOUT = timedelta(
    seconds=env.int(
        "CLAIMTRACK_RECHECK_LEASE_SECONDS",
        default=CELERY_BROKER_VISIBILITY_TIMEOUT + 2 * CLAIMTRACK_RECHECK_LONGEST_SECONDS,
    )
)
# Webhooks (webhooks/): failed deliveries wait about 30 s, 60 s, 120 s … (at most an hour)
# and the subscription pauses after this many consecutive failures or 24 hours of failing.
CLAIMTRACK_WEBHOOK_MAX_CONSECUTIVE_FAILURES = env.int(
    "CLAIMTRACK_WEBHOOK_MAX_CONSECUTIVE_FAILURES", default=10
)
CLAIMTRACK_WEBHOOK_RETRY_WINDOW = timedelta(
    hours=env.int("CLAIMTRACK_WEBHOOK_RETRY_HOURS", default=24)
)
CLAIMTRACK_WEBHOOK_BACKOFF_SECONDS = env.int("CLAIMTRACK_WEBHOOK_BACKOFF_SECONDS", default=30)
CLAIMTRACK_WEBHOOK_BACKOFF_MAX_SECONDS = env.int(
    "CLAIMTRACK_WEBHOOK_BACKOFF_MAX_SECONDS", default=3600
)
CLAIMTRACK_WEBHOOK_TIMEOUT_SECONDS = env.float("CLAIMTRACK_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
CLAIMTRACK_WEBHOOK_BATCH_SIZE = env.int("CLAIMTRACK_WEBHOOK_BATCH_SIZE", default=100)

# Production hardening follows from DEBUG being off.
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Every page is served from our own origin; no CDN, no inline script.
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
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Logs: readable lines in development, one JSON object a line in production (LOG_FORMAT=json),
# each with the request id (X-Request-ID), the user and, in workers, the Celery task id.
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "RETURN_HEADER": True, "EXPOSE_HEADER": True}
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "context": {"()": "claimtrack.log_context.ContextFilter"},
        "ignored_cache_errors": {"()": "claimtrack.log_context.IgnoredCacheErrors"},
        "client_errors_in_one_line": {"()": "claimtrack.log_context.ClientErrorsInOneLine"},
    },
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s%(task_id)s] "
            "%(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s "
            "%(user)s %(task_id)s",
            "rename_fields": {"correlation_id": "request_id", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "context"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django_guid": {"level": "WARNING"},
        "django_redis.cache": {"filters": ["ignored_cache_errors"]},
        "django.request": {"filters": ["client_errors_in_one_line"]},
    },
}
