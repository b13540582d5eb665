"""The guarded fetcher, against a real local HTTP server (pytest-httpserver on 127.0.0.1).

Nothing here contacts a public address: refusals of literal IPs happen before any connection,
and the only names resolved are "localhost" and names answered by a stand-in resolver.
"""

import ipaddress
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sources import fetching
from sources.fetching import (
    FetchBlocked,
    FetchError,
    FetchTooLarge,
    FetchUnreachable,
    check_url,
    fetch,
    parse_host_literal,
    parse_retry_after,
    refusal_reason,
)


@pytest.fixture
def allow(httpserver: HTTPServer) -> list[str]:
    return [f"127.0.0.1:{httpserver.port}", f"localhost:{httpserver.port}"]


def local_url(httpserver: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{httpserver.port}{path}"


@pytest.fixture
def stand_in_resolver(monkeypatch: pytest.MonkeyPatch):
    """Answer getaddrinfo for chosen names (a list of answers, one per lookup); count lookups."""
    real_getaddrinfo = socket.getaddrinfo
    answers: dict[str, list[list[str]]] = {}
    lookups: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real_getaddrinfo(host, port, *args, **kwargs)
        lookups.append(host)
        queue = answers[host]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


# --- Refusals without any connection -----------------------------------------------------------

REFUSED = [
    # loopback, written every way browsers and inet_aton accept
    ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://127.1/", "127.0.0.1 is a loopback address"),
    ("http://2130706433/", "127.0.0.1 is a loopback address"),
    ("http://0177.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://0x7f.1/", "127.0.0.1 is a loopback address"),
    ("http://0x7f000001/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1./", "127.0.0.1 is a loopback address"),
    ("http://%31%32%37.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://localhost/", "loopback address (resolved from localhost)"),
    ("http://[::1]/", "::1 is a loopback address"),
    # private, link-local, shared, special
    ("http://10.0.0.5/", "10.0.0.5 is a private address"),
    ("http://172.16.0.1/", "172.16.0.1 is a private address"),
    ("http://192.168.1.1/", "192.168.1.1 is a private address"),
    ("http://012.0.0.1/", "10.0.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://169.254.1.1/", "link-local"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
    ("http://0/", "0.0.0.0 is an unspecified address"),
    ("http://0.1.2.3/", "this network"),
    ("http://192.0.2.1/", "documentation"),
    ("http://198.51.100.7/", "documentation"),
    ("http://198.18.0.1/", "private"),
    ("http://240.0.0.1/", "reserved"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://224.0.0.1/", "multicast"),
    ("http://239.255.255.250/", "multicast"),
    # IPv6 forms
    ("http://[::]/", ":: is an unspecified address"),
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped address embedding 127.0.0.1, a loopback"),
    ("http://[::ffff:7f00:1]/", "IPv4-mapped address embedding 127.0.0.1"),
    ("http://[::ffff:a00:1]/", "IPv4-mapped address embedding 10.0.0.1, a private"),
    ("http://[::ffff:8.8.8.8]/", "IPv4-mapped address"),
    ("http://[::ffff:0:7f00:1]/", "IPv4-translated address embedding 127.0.0.1"),
    ("http://[::127.0.0.1]/", "IPv4-compatible address embedding 127.0.0.1"),
    ("http://[64:ff9b::a00:1]/", "NAT64 address embedding 10.0.0.1, a private"),
    ("http://[64:ff9b::a9fe:a9fe]/", "cloud metadata"),
    ("http://[2002:a00:1::]/", "6to4 address embedding 10.0.0.1"),
    ("http://[2002:7f00:1::]/", "6to4 address embedding 127.0.0.1"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo address"),
    ("http://[fc00::1]/", "unique-local"),
    ("http://[fd12::1]/", "unique-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fe80::1%25eth0]/", "link-local"),
    ("http://[fec0::1]/", "site-local"),
    ("http://[ff02::1]/", "multicast"),
    ("http://[2001:db8::1]/", "documentation"),
    # hosts that only look like addresses
    ("http://999.1.1.1/", "not a valid IPv4 address"),
    ("http://1.2.3.4.5/", "not a valid IPv4 address"),
    ("http://08.1.1.1/", "not a valid"),
    # schemes
    ("ftp://example.com/file", "scheme 'ftp' is not allowed"),
    ("file:///etc/passwd", "scheme 'file' is not allowed"),
    ("gopher://example.com/", "scheme 'gopher' is not allowed"),
    ("javascript:alert(1)", "scheme 'javascript' is not allowed"),
    ("data:text/plain,hi", "scheme 'data' is not allowed"),
    ("example.com/path", "scheme '' is not allowed"),
    # ports (refused before any DNS lookup)
    ("http://example.com:8080/", "port 8080 is not allowed (only 80 and 443)"),
    ("http://example.com:22/", "port 22 is not allowed"),
    ("https://example.com:8443/", "port 8443 is not allowed"),
    ("http://8.8.8.8:6379/", "port 6379 is not allowed"),
    # credentials: refused on purpose (they would be stored as evidence; "trusted@evil" misleads)
    ("http://user:secret@example.com/", "credentials are not allowed"),
    ("http://example.com@10.0.0.1/", "credentials are not allowed"),
    ("http:///nohost", "no host"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_check_url_refuses_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(FetchBlocked) as refused:
        check_url(url, allow=[])
    message = str(refused.value)
    assert message.startswith("refused: ")
    assert reason in message


def test_fetch_refuses_before_connecting() -> None:
    with pytest.raises(FetchBlocked, match="cloud metadata"):
        fetch("http://169.254.169.254/latest/meta-data/", allow=[])


def test_fetch_blocked_is_a_fetch_error() -> None:
    assert issubclass(FetchBlocked, FetchError)
    assert issubclass(FetchUnreachable, FetchError)
    assert issubclass(FetchTooLarge, FetchError)


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "2606:4700::1",
        "2a00:1450:4001:80b::200e",
        "64:ff9b::808:808",  # NAT64 of a public host
        "2002:808:808::",  # 6to4 of a public host
    ],
)
def test_public_addresses_have_no_refusal_reason(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0X7F.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("10.0.0.1.", "10.0.0.1"),
        ("0", "0.0.0.0"),
        ("[::1]", "::1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("8.8.8.8", "8.8.8.8"),
    ],
)
def test_parse_host_literal_reads_hosts_the_way_browsers_do(host: str, address: str) -> None:
    assert parse_host_literal(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize(
    "host", ["example.com", "localhost", "999.1.1.1", "1.2.3.4.5", "08.0.0.1", "1_0.0.0.1", "+1"]
)
def test_parse_host_literal_leaves_names_and_invalid_numbers_alone(host: str) -> None:
    assert parse_host_literal(host) is None


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_every_integer_spelling_of_an_ipv4_address_parses_to_it(value: int) -> None:
    expected = ipaddress.IPv4Address(value)
    assert parse_host_literal(str(value)) == expected
    assert parse_host_literal(hex(value)) == expected
    assert parse_host_literal("0" + oct(value)[2:]) == expected


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_no_ipv4_address_slips_through_as_ipv4_mapped(value: int) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{ipaddress.IPv4Address(value)}")
    assert refusal_reason(mapped) is not None


def test_allow_list_admits_a_private_host_and_port_as_written() -> None:
    check_url("http://10.0.0.5:8123/", allow=["10.0.0.5:8123"])
    check_url("http://[fd12::1]:8123/", allow=["[fd12::1]:8123"])
    with pytest.raises(FetchBlocked, match="port 8124"):
        check_url("http://10.0.0.5:8124/", allow=["10.0.0.5:8123"])
    with pytest.raises(FetchBlocked, match=r"10\.0\.0\.6 is a private address"):
        check_url("http://10.0.0.6:80/", allow=["10.0.0.5:80"])


def test_allow_list_applies_to_the_resolved_address(stand_in_resolver) -> None:
    answers, _ = stand_in_resolver
    answers["intranet.test"] = [["10.1.2.3"]]
    check_url("http://intranet.test:8123/", allow=["10.1.2.3:8123"])
    with pytest.raises(FetchBlocked, match=r"10\.1\.2\.3 is a private address \(resolved from"):
        check_url("http://intranet.test/", allow=[])


def test_a_name_resolving_to_any_private_address_is_refused(stand_in_resolver) -> None:
    answers, _ = stand_in_resolver
    answers["mixed.test"] = [["93.184.216.34", "10.0.0.1"]]
    with pytest.raises(FetchBlocked, match=r"10\.0\.0\.1 is a private address"):
        check_url("http://mixed.test/", allow=[])


def test_a_name_that_does_not_resolve_is_unreachable(stand_in_resolver) -> None:
    answers, _ = stand_in_resolver
    answers["nowhere.test"] = [[]]
    with pytest.raises(FetchUnreachable, match=r"could not resolve nowhere\.test"):
        fetch("http://nowhere.test/", allow=[])


def test_malformed_allow_entry_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="host:port"):
        check_url("http://10.0.0.5/", allow=["10.0.0.5"])


@pytest.mark.parametrize(
    ("value", "seconds"), [("120", 120), ("0", 0), ("", None), ("soon", None), (None, None)]
)
def test_parse_retry_after(value: str | None, seconds: int | None) -> None:
    assert parse_retry_after(value) == seconds


def test_parse_retry_after_reads_an_http_date() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    assert 85 <= parse_retry_after(later) <= 91
    earlier = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    assert parse_retry_after(earlier) == 0


# --- Against a local server --------------------------------------------------------------------


def test_ok_response_returns_body_and_lower_case_headers(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request("/article").respond_with_data(
        "<p>The minister said…</p>",
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 10:00:00 GMT"},
    )

    result = fetch(local_url(httpserver, "/article"), allow=allow)

    assert result.status_code == 200
    assert result.body == "<p>The minister said…</p>".encode()
    assert result.headers["etag"] == '"v1"'
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 01 Jan 2025 10:00:00 GMT"
    assert result.content_type == "text/html; charset=utf-8"
    assert result.requested_url == result.final_url == local_url(httpserver, "/article")
    assert result.redirect_chain == []
    assert result.retry_after_seconds is None
    assert result.elapsed_ms >= 0


def test_user_agent_is_sent(httpserver: HTTPServer, allow) -> None:
    assert fetching.USER_AGENT == "ClaimTrack/0.1 (+source re-check; newsroom claim tracker)"
    httpserver.expect_request(
        "/ua", headers={"User-Agent": fetching.configured_user_agent()}
    ).respond_with_data("ok")

    assert fetch(local_url(httpserver, "/ua"), allow=allow).status_code == 200
    httpserver.check_assertions()


def test_conditional_get_sends_validators_and_returns_304(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request(
        "/article",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": "Wed, 01 Jan 2025 10:00:00 GMT"},
    ).respond_with_data("", status=304, headers={"ETag": '"v1"'})

    result = fetch(
        local_url(httpserver, "/article"),
        etag='"v1"',
        last_modified="Wed, 01 Jan 2025 10:00:00 GMT",
        allow=allow,
    )

    httpserver.check_assertions()
    assert result.status_code == 304
    assert result.body == b""
    assert result.etag == '"v1"'


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_error_statuses_are_results_not_exceptions(
    httpserver: HTTPServer, allow, status: int
) -> None:
    httpserver.expect_request("/gone").respond_with_data("nope", status=status)

    result = fetch(local_url(httpserver, "/gone"), allow=allow)

    assert result.status_code == status
    assert result.body == b"nope"


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_read_in_seconds(httpserver: HTTPServer, allow, status: int) -> None:
    httpserver.expect_request("/busy").respond_with_data(
        "slow down", status=status, headers={"Retry-After": "120"}
    )

    result = fetch(local_url(httpserver, "/busy"), allow=allow)

    assert result.status_code == status
    assert result.retry_after_seconds == 120


def test_redirect_chain_is_recorded(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/moved"}
    )
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{httpserver.port}/new?x=1"}
    )
    httpserver.expect_request("/new").respond_with_data("here")

    result = fetch(local_url(httpserver, "/old"), allow=allow)

    assert result.status_code == 200
    assert result.body == b"here"
    assert result.final_url == f"http://localhost:{httpserver.port}/new?x=1"
    assert result.redirect_chain == [
        {"url": local_url(httpserver, "/old"), "status": 301},
        {"url": local_url(httpserver, "/moved"), "status": 302},
    ]


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[::ffff:169.254.169.254]/", "cloud metadata"),
        ("http://0x7f.1/admin", "loopback"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("http://127.0.0.1:22/", "port 22 is not allowed"),
    ],
)
def test_redirect_to_a_forbidden_target_is_refused(
    httpserver: HTTPServer, allow, location: str, reason: str
) -> None:
    httpserver.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": location}
    )

    with pytest.raises(FetchBlocked, match=re.escape(reason)):
        fetch(local_url(httpserver, "/hop"), allow=allow)


def test_five_redirects_are_followed_and_a_sixth_is_refused(httpserver: HTTPServer, allow) -> None:
    for hop in range(6):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=307, headers={"Location": f"/r{hop + 1}"}
        )
    httpserver.expect_request("/r6").respond_with_data("end")

    assert len(fetch(local_url(httpserver, "/r1"), allow=allow).redirect_chain) == 5
    with pytest.raises(FetchBlocked, match=r"too many redirects \(more than 5\)"):
        fetch(local_url(httpserver, "/r0"), allow=allow)


def test_body_over_the_limit_is_too_large(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)

    with pytest.raises(FetchTooLarge, match="over the limit of 1000"):
        fetch(local_url(httpserver, "/big"), max_bytes=1000, allow=allow)


def test_streamed_body_without_length_is_cut_at_the_limit(httpserver: HTTPServer, allow) -> None:
    def endless(request: Request) -> Response:
        return Response((b"y" * 512 for _ in range(100)), content_type="text/plain")

    httpserver.expect_request("/stream").respond_with_handler(endless)

    with pytest.raises(FetchTooLarge, match="over the limit of 1000 bytes"):
        fetch(local_url(httpserver, "/stream"), max_bytes=1000, allow=allow)


def test_slow_server_is_cut_at_the_time_limit(httpserver: HTTPServer, allow) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(3)
        return Response("too late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    try:
        with pytest.raises(FetchUnreachable, match="timed out after 1 s"):
            fetch(local_url(httpserver, "/slow"), timeout_seconds=1, allow=allow)
    finally:
        release.set()  # the test server is single-threaded; free it for the next test
    assert time.monotonic() - started < 2.9


def test_trickling_server_is_cut_at_the_overall_deadline(httpserver: HTTPServer, allow) -> None:
    # Every read succeeds well inside a per-read timeout; only an overall deadline stops this.
    release = threading.Event()

    def trickle(request: Request) -> Response:
        def drip():
            for _ in range(30):
                yield b"."
                if release.wait(0.1):
                    return

        return Response(drip(), content_type="text/plain")

    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    started = time.monotonic()
    try:
        with pytest.raises(FetchUnreachable, match="timed out after 1 s"):
            fetch(local_url(httpserver, "/trickle"), timeout_seconds=1, allow=allow)
    finally:
        release.set()
    assert time.monotonic() - started < 2.9


def test_connection_refused_is_unreachable() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(FetchUnreachable, match=rf"could not connect to 127\.0\.0\.1:{port}"):
        fetch(f"http://127.0.0.1:{port}/", allow=[f"127.0.0.1:{port}"])


def test_allowed_name_is_fetched_with_its_host_header(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request("/named").respond_with_data("ok")

    result = fetch(f"http://localhost:{httpserver.port}/named", allow=allow)

    assert result.status_code == 200
    request, _ = httpserver.log[-1]
    assert request.headers["Host"] == f"localhost:{httpserver.port}"


def test_name_is_resolved_once_and_the_checked_address_is_used(
    httpserver: HTTPServer, stand_in_resolver
) -> None:
    # DNS rebinding: the first answer passes the check, later answers point inside the network.
    # The connection must go to the first answer and the name must not be looked up again.
    answers, lookups = stand_in_resolver
    answers["rebind.test"] = [["127.0.0.1"], ["10.0.0.1"], ["10.0.0.1"]]
    httpserver.expect_request("/pinned").respond_with_data("pinned")

    result = fetch(
        f"http://rebind.test:{httpserver.port}/pinned", allow=[f"rebind.test:{httpserver.port}"]
    )

    assert result.body == b"pinned"
    assert lookups == ["rebind.test"]
    request, _ = httpserver.log[-1]
    assert request.headers["Host"] == f"rebind.test:{httpserver.port}"


def test_post_goes_through_the_guard_with_its_body(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request(
        "/hook",
        method="POST",
        data=b'{"event": "verdict_changed"}',
        headers={"Content-Type": "application/json", "X-ClaimTrack-Signature": "abc"},
    ).respond_with_data("", status=204)

    result = fetch(
        local_url(httpserver, "/hook"),
        method="POST",
        content=b'{"event": "verdict_changed"}',
        headers={"Content-Type": "application/json", "X-ClaimTrack-Signature": "abc"},
        allow=allow,
    )

    httpserver.check_assertions()
    assert result.status_code == 204


def test_post_redirected_with_303_becomes_a_get(httpserver: HTTPServer, allow) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data(
        "", status=303, headers={"Location": "/thanks"}
    )
    httpserver.expect_request("/thanks", method="GET").respond_with_data("thanks")

    result = fetch(local_url(httpserver, "/hook"), method="POST", content=b"{}", allow=allow)

    assert result.body == b"thanks"
    assert result.redirect_chain == [{"url": local_url(httpserver, "/hook"), "status": 303}]


# --- TLS through a pinned connection -----------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names only "news.test"."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "1"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"),
        ],
        check=True,
        capture_output=True,
    )
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: server_names.append(name)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate
    yield server, server_names
    server.clear()
    server.stop()


def test_tls_keeps_the_url_host_for_sni_and_certificate_on_a_pinned_connection(
    tls_server, stand_in_resolver
) -> None:
    server, server_names = tls_server
    answers, lookups = stand_in_resolver
    answers["news.test"] = [["127.0.0.1"], ["10.0.0.1"]]
    server.expect_request("/story").respond_with_data("secure")

    result = fetch(f"https://news.test:{server.port}/story", allow=[f"news.test:{server.port}"])

    assert result.body == b"secure"
    assert server_names == ["news.test"]
    assert lookups == ["news.test"]
    request, _ = server.log[-1]
    assert request.headers["Host"] == f"news.test:{server.port}"


def test_tls_certificate_is_checked_against_the_url_host(tls_server) -> None:
    server, _ = tls_server
    server.expect_request("/story").respond_with_data("secure")

    with pytest.raises(FetchUnreachable, match="certificate"):
        fetch(f"https://127.0.0.1:{server.port}/story", allow=[f"127.0.0.1:{server.port}"])
