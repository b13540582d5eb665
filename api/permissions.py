"""Who may call what. Roles (analyst, editor) are checked where the action is, by the view's
role permission and again by the service; these rules decide reading and writing at all."""

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from .authentication import request_token

if TYPE_CHECKING:  # DRF imports these classes while rest_framework.views loads
    from rest_framework.views import APIView


class ApiAccess(BasePermission):
    """Reads need a client (or CLAIMTRACK_API_ANONYMOUS_READ); writes need a session or a
    write-scoped token."""

    message = "Writing needs a session or a write-scoped API token."

    def has_permission(self, request: Request, view: "APIView") -> bool:
        if request.method in SAFE_METHODS:
            return request.user.is_authenticated or settings.CLAIMTRACK_API_ANONYMOUS_READ
        if not request.user.is_authenticated:
            return False
        token = request_token(request)
        return token is None or token.can_write


class Authenticated(BasePermission):
    """For resources never open to anonymous readers (the review queue)."""

    def has_permission(self, request: Request, view: "APIView") -> bool:
        return request.user.is_authenticated
