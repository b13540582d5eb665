"""Liveness and readiness probes for load balancers and orchestrators.

Probes come from inside: the container's health check asks http://127.0.0.1:8000/readyz, a load
balancer asks the backend's own address. They are answered by `probe_middleware`, first in the
chain, before host checking (ALLOWED_HOSTS names the public host, not the container's address)
and before the HTTPS redirect (the probe speaks plain HTTP behind the TLS proxy). Every other
path keeps both checks. The probes reveal nothing but ok or the name of a failing check.
"""

from collections.abc import Callable

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.files.storage import storages
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive and serving; says nothing about its dependencies."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers with every migration applied, the broker answers,
    and the static files the pages link to were collected."""
    checks = {
        "database": _database(),
        "migrations": _migrations(),
        "broker": _broker(),
        "static_files": _static_files(),
    }
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _migrations() -> str:
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok" if not pending else f"error: {len(pending)} migration(s) not applied"


def _broker() -> str:
    if celery_app.conf.task_always_eager:
        return "ok"  # tasks run in-process: there is no broker to reach
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # kombu raises transport-specific errors; any means "not ready"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _static_files() -> str:
    # Without the manifest every page that links a stylesheet answers 500 (DEBUG off).
    storage = storages["staticfiles"]
    if isinstance(storage, ManifestStaticFilesStorage) and not storage.exists(
        storage.manifest_name
    ):
        return "error: static files not collected (manage.py collectstatic)"
    return "ok"


PROBES = {"/healthz": healthz, "/readyz": readyz}


def probe_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Answer the probes before host checking and the HTTPS redirect (see the module's doc)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return get_response(request)

    return middleware
