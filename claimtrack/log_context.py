"""Context for structured logs: who made the request, which Celery task is running."""

import contextvars
import logging
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
