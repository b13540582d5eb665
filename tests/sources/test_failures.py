"""Why a check failed, in plain words: one class of failure at a time, from what the fetcher and
the re-check actually write into Snapshot.error."""

import socket

import pytest
from django.utils import translation

from sources.failures import failure_reason
from sources.fetching import FetchError, fetch
from sources.models import Health


@pytest.fixture(autouse=True)
def in_english():
    # A page rendered in German earlier in the process leaves German active in this thread.
    with translation.override("en"):
        yield


def reason_of(error: str, *, health: str = Health.UNREACHABLE, status_code: int | None = None):
    return failure_reason(health=health, status_code=status_code, error=error)


def refusal(url: str, **kwargs) -> str:
    """What the fetcher raises for `url` (refused before any connection is made)."""
    with pytest.raises(FetchError) as raised:
        fetch(url, timeout_seconds=2, **kwargs)
    return str(raised.value)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.5/report", "refused: private address"),
        ("http://127.0.0.1/report", "refused: loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "refused: cloud metadata address"),
        ("http://169.254.10.10/", "refused: link-local address"),
        ("http://224.0.0.1/", "refused: not a public address"),
        ("http://192.0.2.10/", "refused: not a public address"),  # documentation
        ("ftp://example.org/report", "refused: only http and https"),
        ("http://example.org:8080/report", "refused: port not allowed"),
        ("http://editor:secret@example.org/", "refused: address with credentials"),
        ("http://0177.0.0.1.5/", "refused: not a valid address"),
    ],
)
def test_what_the_fetch_guard_refuses(url, reason):
    assert reason_of(refusal(url), health=Health.BLOCKED) == reason


def test_a_closed_port_is_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = refusal(f"http://127.0.0.1:{port}/", allow=[f"127.0.0.1:{port}"])
    assert error.startswith("could not connect to 127.0.0.1")
    assert reason_of(error) == "connection refused"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            "could not resolve gone.example: [Errno -2] Name or service not known",
            "DNS name not found",
        ),
        ("could not resolve gone.example: no addresses", "DNS name not found"),
        ("timed out after 10 s", "timed out"),
        ("the check ran past its time limit of 60 s", "timed out"),
        ("could not connect to example.org:443: [Errno 113] No route to host", "could not connect"),
        ("connection to example.org:443 failed: peer closed connection", "connection broken off"),
        ("body of 99999999 bytes is over the limit of 5242880 bytes", "page too large"),
        ("could not decode the gzip response: invalid block type", "unreadable answer"),
        ("refused: too many redirects (more than 5)", "refused: too many redirects"),
        ("refused: the body is compressed 3 times over (…)", "refused: compressed too many times"),
        ("refused: something new", "refused by the fetch guard"),
        ("something nobody foresaw", "could not be read"),
    ],
)
def test_failures_the_fetcher_reports(error, reason):
    assert reason_of(error) == reason


def test_http_statuses_name_the_status():
    assert reason_of("", health=Health.GONE, status_code=404) == "HTTP 404"
    assert reason_of("", health=Health.GONE, status_code=410) == "HTTP 410"
    assert reason_of("HTTP 503", status_code=503) == "HTTP 503"


def test_a_check_that_read_the_page_has_no_reason():
    assert reason_of("", health=Health.OK, status_code=200) == ""
    assert reason_of("", health=Health.CHANGED, status_code=200) == ""
    assert reason_of("", health=Health.UNCHECKED) == ""


def test_reasons_in_german():
    with translation.override("de"):
        assert reason_of("could not resolve x.example: no addresses") == "DNS-Name nicht gefunden"
        assert reason_of("timed out after 10 s") == "Zeitüberschreitung"
        assert (
            reason_of("refused: 10.0.0.5 is a private address", health=Health.BLOCKED)
            == "abgelehnt: private Adresse"
        )
