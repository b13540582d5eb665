"""Limits of the guarded fetcher that outsiders probe (issue #20): special-purpose addresses
and compressed bodies that expand past the byte limit."""

import gzip
import ipaddress
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sources import fetching
from sources.fetching import (
    FetchBlocked,
    FetchError,
    FetchTooLarge,
    check_url,
    fetch,
    refusal_reason,
    special_purpose_block,
)

# --- Special-purpose addresses (IANA registries) -----------------------------------------------

# One representative address per entry of our deny list, and the reason the guard gives. Ranges
# Python's tables already name keep today's message; the ones they missed get ours.
SPECIAL_PURPOSE = [
    ("0.1.2.3", "this network"),
    ("10.1.2.3", "private address"),
    ("100.64.1.2", "carrier-grade NAT"),
    ("127.0.0.2", "loopback"),
    ("169.254.10.10", "link-local"),
    ("172.20.0.1", "private address"),
    ("192.0.0.192", "special-purpose address (192.0.0.0/24, IETF Protocol Assignments)"),
    ("192.0.0.9", "192.0.0.0/24"),
    ("192.0.0.10", "192.0.0.0/24"),
    ("192.0.0.100", "192.0.0.0/24"),
    ("192.0.0.170", "192.0.0."),
    ("192.0.2.10", "documentation"),
    ("192.88.99.1", "special-purpose address (192.88.99.0/24, Deprecated (6to4 Relay Anycast))"),
    ("192.88.99.2", "192.88.99.0/24"),
    ("192.168.50.1", "private address"),
    ("198.19.255.1", "private"),
    ("198.51.100.20", "documentation"),
    ("203.0.113.20", "documentation"),
    ("250.1.2.3", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("::ffff:10.0.0.1", "IPv4-mapped"),
    ("100::1", "100::"),
    ("100:0:0:1::1", "100:"),
    ("2001:2::1", "2001:"),
    ("2001:10::1", "2001:"),
    ("2001:db8::10", "documentation"),
    ("3fff::1", "special-purpose address (3fff::/20, Documentation)"),
    ("3fff:fff:ffff::1", "3fff::/20"),
    ("5f00::1", "reserved"),  # Python names 4000::/3 reserved
    ("fd00::1", "unique-local"),
    ("fe80::2", "link-local"),
    # embedded IPv4 forms carrying one of the newly listed ranges
    ("64:ff9b::c000:c0", "NAT64 address embedding 192.0.0.192, a special-purpose address"),
    ("2002:c058:6301::", "6to4 address embedding 192.88.99.1, a special-purpose address"),
]


def test_every_deny_list_entry_has_a_representative_address() -> None:
    covered = {special_purpose_block(ipaddress.ip_address(a)) for a, _ in SPECIAL_PURPOSE}
    missing = [
        str(network)
        for network, name in fetching._SPECIAL_PURPOSE
        if (network, name) not in covered
    ]
    assert missing == []


@pytest.mark.parametrize(("address", "reason"), SPECIAL_PURPOSE)
def test_special_purpose_address_is_refused(address: str, reason: str) -> None:
    ip = ipaddress.ip_address(address)
    host = f"[{address}]" if ip.version == 6 else address
    with pytest.raises(FetchBlocked) as refused:
        check_url(f"http://{host}/", allow=[])
    message = str(refused.value)
    assert message.startswith(f"refused: {ip} is ")
    assert reason in message


@pytest.mark.parametrize(
    "address",
    [
        "192.31.196.1",  # AS112-v4
        "192.52.193.1",  # AMT
        "192.175.48.1",  # Direct Delegation AS112 Service
        "64:ff9b::808:808",  # NAT64 of a public host
    ],
)
def test_globally_reachable_special_purpose_entries_are_allowed(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "address", ["2001:1::1", "2001:3::1", "2001:4:112::1", "2001:20::1", "2620:4f:8000::1"]
)
def test_globally_reachable_ipv6_entries_are_not_on_our_deny_list(address: str) -> None:
    # Python 3.11's own tables still call all of 2001::/23 private; our list adds nothing there.
    assert special_purpose_block(ipaddress.ip_address(address)) is None


def test_the_allow_list_still_admits_a_special_purpose_address_as_written() -> None:
    check_url("http://192.0.0.192/", allow=["192.0.0.192:80"])


# --- Compressed bodies -------------------------------------------------------------------------

BOMB_MIB = 512
BOMB_MEMORY_LIMIT = 50 * 1024 * 1024


def _gzip_stream(chunks: Iterator[bytes]) -> Iterator[bytes]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    for chunk in chunks:
        yield compressor.compress(chunk)
    yield compressor.flush()


@pytest.fixture(scope="module")
def double_gzip_bomb() -> bytes:
    """gzip of gzip of 512 MiB of zeros, about 1 KB, built a MiB at a time."""
    zeros = (bytes(1024 * 1024) for _ in range(BOMB_MIB))
    once = b"".join(_gzip_stream(zeros))
    bomb = b"".join(_gzip_stream(iter([once])))
    assert len(bomb) < 4096
    return bomb


@pytest.fixture
def allow(httpserver: HTTPServer) -> list[str]:
    return [f"127.0.0.1:{httpserver.port}"]


def _serve(httpserver: HTTPServer, path: str, body: bytes, encoding: str) -> str:
    httpserver.expect_request(path).respond_with_data(
        body, content_type="text/html", headers={"Content-Encoding": encoding}
    )
    return f"http://127.0.0.1:{httpserver.port}{path}"


def test_double_gzip_bomb_is_cut_at_the_limit_in_bounded_memory(
    httpserver: HTTPServer, allow: list[str], double_gzip_bomb: bytes
) -> None:
    url = _serve(httpserver, "/bomb", double_gzip_bomb, "gzip, gzip")

    tracemalloc.start()
    try:
        with pytest.raises(FetchTooLarge, match="decoded body is over the limit of 5000000 bytes"):
            fetch(url, max_bytes=5_000_000, allow=allow)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The cap itself is 5 MB of kept body; decoding adds a few 64 KiB steps per layer.
    assert peak < BOMB_MEMORY_LIMIT, f"fetch peaked at {peak / 2**20:.0f} MiB"


def test_bomb_is_cut_at_the_configured_limit(
    httpserver: HTTPServer, allow: list[str], double_gzip_bomb: bytes, settings
) -> None:
    settings.CLAIMTRACK_FETCH_MAX_BYTES = 100_000
    url = _serve(httpserver, "/bomb", double_gzip_bomb, "gzip, gzip")

    with pytest.raises(FetchTooLarge, match="over the limit of 100000 bytes"):
        fetch(url, allow=allow)


def test_gzip_page_is_decoded(httpserver: HTTPServer, allow: list[str]) -> None:
    page = b"<html><body>" + b"The minister said 3.2 per cent. " * 2000 + b"</body></html>"
    httpserver.expect_request(
        "/page", headers={"Accept-Encoding": "gzip, deflate"}
    ).respond_with_data(
        gzip.compress(page), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )

    result = fetch(f"http://127.0.0.1:{httpserver.port}/page", allow=allow)

    assert result.body == page
    assert result.status_code == 200


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip, gzip", lambda body: gzip.compress(gzip.compress(body))),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda body: zlib.compress(body, wbits=-zlib.MAX_WBITS)),  # raw deflate
        ("deflate, gzip", lambda body: gzip.compress(zlib.compress(body))),
        ("identity", lambda body: body),
        ("gzip, identity", gzip.compress),
    ],
)
def test_stacked_and_deflate_encodings_are_decoded(
    httpserver: HTTPServer, allow: list[str], encoding: str, encode
) -> None:
    page = b"<p>" + bytes(range(256)) * 800 + b"</p>"  # several decoding steps long
    url = _serve(httpserver, "/page", encode(page), encoding)

    assert fetch(url, allow=allow).body == page


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_deflate_arriving_a_byte_at_a_time_is_decoded(wbits: int) -> None:
    # Whether "deflate" is zlib-wrapped or raw is told from its first two bytes, so the first
    # read must not be judged on one byte alone.
    page = b"<p>one byte at a time</p>" * 50
    body = zlib.compress(page, wbits=wbits)

    decoded = fetching._decode("deflate", iter([body[i : i + 1] for i in range(len(body))]))

    assert b"".join(decoded) == page


def test_a_page_just_under_the_limit_decodes(httpserver: HTTPServer, allow: list[str]) -> None:
    page = b"a" * 10_000
    url = _serve(httpserver, "/page", gzip.compress(page), "gzip")

    assert fetch(url, max_bytes=10_000, allow=allow).body == page
    with pytest.raises(FetchTooLarge):
        fetch(url, max_bytes=9_999, allow=allow)


def test_more_than_two_stacked_encodings_are_refused(
    httpserver: HTTPServer, allow: list[str]
) -> None:
    body = gzip.compress(gzip.compress(gzip.compress(b"hello")))
    url = _serve(httpserver, "/triple", body, "gzip, gzip, gzip")

    with pytest.raises(FetchBlocked, match=r"compressed 3 times over .* at most 2 content enc"):
        fetch(url, allow=allow)


def test_encodings_in_separate_headers_are_counted_together(
    httpserver: HTTPServer, allow: list[str]
) -> None:
    def handler(request: Request) -> Response:
        response = Response(gzip.compress(gzip.compress(gzip.compress(b"hello"))))
        for _ in range(3):
            response.headers.add("Content-Encoding", "gzip")
        return response

    httpserver.expect_request("/split").respond_with_handler(handler)

    with pytest.raises(FetchBlocked, match="compressed 3 times"):
        fetch(f"http://127.0.0.1:{httpserver.port}/split", allow=allow)


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_unsupported_encoding_is_a_clear_error(
    httpserver: HTTPServer, allow: list[str], encoding: str
) -> None:
    url = _serve(httpserver, "/odd", b"\x00\x01 whatever", encoding)

    with pytest.raises(FetchError, match=r"content encoding '(br|zstd|compress)' is not supported"):
        fetch(url, allow=allow)


def test_corrupt_gzip_is_a_clear_error(httpserver: HTTPServer, allow: list[str]) -> None:
    url = _serve(httpserver, "/corrupt", b"not gzip at all", "gzip")

    with pytest.raises(FetchError, match="could not decode the gzip response"):
        fetch(url, allow=allow)


def test_bytes_after_the_end_of_the_gzip_stream_are_not_collected(
    httpserver: HTTPServer, allow: list[str]
) -> None:
    url = _serve(httpserver, "/trailer", gzip.compress(b"page") + b"\x00" * 50_000, "gzip")

    assert fetch(url, allow=allow).body == b"page"
    with pytest.raises(FetchTooLarge, match="body of 50024 bytes is over the limit"):
        fetch(url, max_bytes=10_000, allow=allow)
