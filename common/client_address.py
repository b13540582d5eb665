"""The client's address as every limit in ClaimTrack counts it."""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or X-Forwarded-For as far as CLAIMTRACK_API_NUM_PROXIES trusted proxies
    wrote it: the same address the API's anonymous rate limit counts, so a client cannot pick
    a fresh one per login attempt by sending its own header."""
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]
