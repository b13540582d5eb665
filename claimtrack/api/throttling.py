"""Request rates, counted by DRF's throttles in the shared cache (Redis when REDIS_URL is set),
so every web process enforces one limit per client rather than one per process."""

from typing import TYPE_CHECKING

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .authentication import request_token

if TYPE_CHECKING:  # DRF imports these classes while rest_framework.views loads
    from rest_framework.views import APIView


class _RatesFromSettings:
    # DRF copies the rates into a class attribute at import; reading them per request lets a
    # deployment (or a test) change REST_FRAMEWORK without restarting the interpreter.
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ClientRateThrottle(_RatesFromSettings, UserRateThrottle):
    """One budget per API token (a client system), or per user for dashboard sessions."""

    scope = "client"

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        if not request.user.is_authenticated:
            return None  # AnonymousRateThrottle's
        token = request_token(request)
        ident = f"token-{token.pk}" if token else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_RatesFromSettings, AnonRateThrottle):
    """Per client address, for anonymous readers (CLAIMTRACK_API_ANONYMOUS_READ) and the docs."""

    scope = "anon"
