"""What every admin of a tracked model shares."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """An admin showing each object's history (common.history): who changed what, when, and
    each past version to read. Never to restore: a revert would be a write past the services,
    so the history's own form accepts no POST (SIMPLE_HISTORY_REVERT_DISABLED hides its button
    but would still save what is posted)."""

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method != "GET":
            raise PermissionDenied("Past versions are kept to read; change the object itself.")
        response: HttpResponse = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        return response
