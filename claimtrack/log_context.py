"""Context for structured logs: who made the request, which Celery task is running; and the
cache's ignored errors told in brief."""

import contextvars
import logging
import time
from collections.abc import Callable

from celery import current_task
from django.http import HttpRequest, HttpResponse

_current_user: contextvars.ContextVar[str] = contextvars.ContextVar("log_user", default="")


def user_context_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Remember the requesting user for log records written while the request is handled."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = _current_user.set(user.get_username() if user and user.is_authenticated else "")
        try:
            return get_response(request)
        finally:
            _current_user.reset(token)

    return middleware


class ContextFilter(logging.Filter):
    """Adds `user` and `task_id` to every record (empty strings when not applicable)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.user = _current_user.get()
        task = current_task
        record.task_id = task.request.id if task and task.request.id else ""
        return True


class IgnoredCacheErrors(logging.Filter):
    """django-redis logs each Redis error it ignores (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS) with
    its traceback. With Redis down that is every cache call, several a request, and a traceback
    on the screen of a command that otherwise worked. This keeps one line a minute per process,
    naming the error and counting the ones left out."""

    INTERVAL_SECONDS = 60.0

    def __init__(self) -> None:
        super().__init__()
        self._shown_at: float | None = None
        self._left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if self._shown_at is not None and now - self._shown_at < self.INTERVAL_SECONDS:
            self._left_out += 1
            return False
        error = record.exc_info[1] if record.exc_info else None
        record.msg = "The cache did not answer; going on without it" + (
            f" ({error})" if error is not None else ""
        )
        if self._left_out:
            record.msg += f"; {self._left_out} more such errors in the last minute"
        record.args, record.exc_info, record.exc_text = None, None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"  # served all the same
        self._shown_at, self._left_out = now, 0
        return True


class ClientErrorsInOneLine(logging.Filter):
    """Django logs a refused or missing page (PermissionDenied, Http404) with the traceback of
    the exception that answered it. That is the request's fault, not the code's: one line says
    all there is ("Forbidden (Permission denied): /review/"). Server errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info, record.exc_text = None, None
        return True
