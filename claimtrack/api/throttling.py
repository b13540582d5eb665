"""Request rates, counted in the shared cache (Redis when REDIS_URL is set), so every web
process enforces one limit per client rather than one per process.

Counts are fixed windows: one counter per client and window (a minute for "600/min"),
incremented atomically. DRF's own throttles keep every request's time in a list that is read,
pickled and written back whole on each request: at hundreds of requests per window that costs
more than the request it guards, and two processes can overwrite each other's counts. The price
of a fixed window is that a client can spend the rest of one window's budget and the next
window's at its start.
"""

from typing import TYPE_CHECKING

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from .authentication import request_token

if TYPE_CHECKING:  # DRF imports these classes while rest_framework.views loads
    from rest_framework.views import APIView


class _RatesFromSettings:
    # DRF copies the rates into a class attribute at import; reading them per request lets a
    # deployment (or a test) change REST_FRAMEWORK without restarting the interpreter.
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class _FixedWindow(SimpleRateThrottle):
    window_end: float

    def allow_request(self, request: Request, view: "APIView") -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{self.key}-{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request, unless another process beat us to it
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        return count <= self.num_requests

    def wait(self) -> float:
        return max(self.window_end - self.now, 1)


class ClientRateThrottle(_RatesFromSettings, _FixedWindow):
    """One budget per API token (a client system), or per user for dashboard sessions."""

    scope = "client"

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        if not request.user.is_authenticated:
            return None
        token = request_token(request)
        ident = f"token-{token.pk}" if token else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_RatesFromSettings, _FixedWindow, AnonRateThrottle):
    """Per client address, for anonymous readers (CLAIMTRACK_API_ANONYMOUS_READ) and the docs."""

    scope = "anon"
