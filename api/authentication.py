"""Who is calling: a client system with an API token, or a dashboard user with a session."""

from django.http import HttpRequest
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .tokens import ApiToken, authenticate_key

REALM = "ClaimTrack API"
KEYWORDS = {"token", "bearer"}


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`); the request acts as the token's owner.

    Listed first in DEFAULT_AUTHENTICATION_CLASSES so that unauthenticated requests get a 401
    with this scheme in WWW-Authenticate rather than a bare 403.
    """

    def authenticate(self, request: Request) -> tuple | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower().decode(errors="replace") not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as `Authorization: Token <key>`, with no spaces in the key."
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("The token has characters no token has.") from exc
        token = authenticate_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed("The token is unknown, expired or revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's user account is deactivated.")
        return token.user, token

    def authenticate_header(self, request: Request | HttpRequest) -> str:
        return f'Token realm="{REALM}"'


def request_token(request: Request) -> ApiToken | None:
    """The API token the request authenticated with, if any (None for sessions)."""
    return request.auth if isinstance(request.auth, ApiToken) else None


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes API tokens."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: object) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An API token of your client system, as `Token <key>` (`Bearer <key>` works "
                "too). Tokens have a read or a write scope; an admin issues them."
            ),
        }
