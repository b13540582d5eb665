"""Why a re-check could not read a source, in plain words for the source page and the API.

The re-check stores what went wrong as the fetch guard and the HTTP client said it
(`Snapshot.error`, sources.fetching and sources.recheck): "could not resolve example.org:
[Errno -2] Name or service not known", "refused: 10.0.0.5 is a private address (resolved
from intranet.example)". Editors need the class of the failure, not the errno; the full text
stays on the page beside it for whoever wants the detail.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Health

# What the fetch guard refuses (sources.fetching), by how its message begins after "refused: ".
_REFUSED_REQUESTS = (
    ("scheme ", gettext_lazy("refused: only http and https")),
    ("port ", gettext_lazy("refused: port not allowed")),
    ("URLs with credentials", gettext_lazy("refused: address with credentials")),
    ("too many redirects", gettext_lazy("refused: too many redirects")),
    ("the body is compressed", gettext_lazy("refused: compressed too many times")),
    ("not a valid URL", gettext_lazy("refused: not a valid address")),
    ("host ", gettext_lazy("refused: not a valid address")),
    ("the URL has no host", gettext_lazy("refused: not a valid address")),
)
# ... and the addresses it refuses, by the words naming them, most specific first: the cloud
# metadata service is a link-local address too.
_REFUSED_ADDRESSES = (
    ("(cloud metadata service)", gettext_lazy("refused: cloud metadata address")),
    ("a private address", gettext_lazy("refused: private address")),
    ("a loopback address", gettext_lazy("refused: loopback address")),
    ("a link-local address", gettext_lazy("refused: link-local address")),
    (" address", gettext_lazy("refused: not a public address")),
)


def failure_reason(*, health: str, status_code: int | None, error: str) -> str:
    """The reason a check failed ("DNS name not found", "HTTP 404", "refused: private address",
    "timed out"), or "" for a check that read the page (or has not run)."""
    if error.startswith("refused: "):
        detail = error.removeprefix("refused: ")
        for beginning, reason in _REFUSED_REQUESTS:
            if detail.startswith(beginning):
                return str(reason)
        for words, reason in _REFUSED_ADDRESSES:
            if words in detail:
                return str(reason)
        return _("refused by the fetch guard")
    if error.startswith("timed out") or "time limit" in error:
        return _("timed out")
    if error.startswith("could not resolve"):
        return _("DNS name not found")
    if error.startswith("could not connect"):
        if "refused" in error.lower():
            return _("connection refused")
        return _("could not connect")
    if error.startswith("connection to"):
        return _("connection broken off")
    if "over the limit" in error:
        return _("page too large")
    if error.startswith("could not decode"):
        return _("unreadable answer")
    if status_code is not None and (error or health == Health.GONE):
        # "HTTP 503" as the re-check writes it, or a 404/410 that made the source gone.
        return f"HTTP {status_code}"
    if error:
        return _("could not be read")
    return ""
