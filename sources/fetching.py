"""The one guarded way ClaimTrack fetches a URL (source re-checks, article intake, webhooks).

Every hop is judged before a byte is sent: only http/https on ports 80 and 443, and only hosts
whose every resolved address is public unicast. The connection then goes to the very address
that was judged, so a DNS answer that changes between the check and the connect (DNS rebinding)
cannot steer us onto the newsroom's network or the cloud metadata service. Body size (on the
wire and decoded, counted as it is decoded, at most two stacked gzip/deflate encodings) and total
time are capped; HTTP error statuses are results, not exceptions, so callers can judge health.

`CLAIMTRACK_FETCH_ALLOW` ("host:port" entries) admits private hosts and other ports, for tests
and intranets. URLs carrying credentials (``http://user:pass@host/``) are refused: they would
leak into stored evidence, and ``http://trusted@evil/`` is a classic way to mislead a reader.
"""

from __future__ import annotations

import ipaddress
import itertools
import os
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

USER_AGENT = "ClaimTrack/0.1 (+source re-check; newsroom claim tracker)"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
DEFAULT_PORTS = {"http": 80, "https": 443}
STANDARD_PORTS = frozenset(DEFAULT_PORTS.values())
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Only the codings we decode ourselves, a bounded step at a time (see `_read_body`); brotli and
# zstd are not asked for because their Python bindings offer no bound on one call's output.
ACCEPT_ENCODING = "gzip, deflate"
MAX_CONTENT_ENCODINGS = 2  # "gzip, gzip" is legal and seen; a third layer is only ever a bomb
_DECODE_STEP = 64 * 1024  # the most any one decompression call may produce

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CARRIER_GRADE_NAT = ipaddress.IPv4Network("100.64.0.0/10")
_THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_CLOUD_METADATA = ipaddress.IPv4Address("169.254.169.254")
_DOCUMENTATION = (
    ipaddress.IPv4Network("192.0.2.0/24"),
    ipaddress.IPv4Network("198.51.100.0/24"),
    ipaddress.IPv4Network("203.0.113.0/24"),
    ipaddress.IPv6Network("2001:db8::/32"),
)
_UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_IPV4_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")
_TEREDO = ipaddress.IPv6Network("2001::/32")

# Our own copy of the IANA IPv4 and IPv6 Special-Purpose Address Registries
# (iana.org/assignments/iana-ipv4-special-registry and iana-ipv6-special-registry), every entry
# whose "Globally Reachable" is False or N/A, checked in addition to Python's `ipaddress` tables:
# those differ between Python versions and miss ranges (192.0.0.192, a cloud metadata address,
# was fetched on 3.11). Names follow the registries.
#
# Decisions, entry by entry:
# - 192.0.0.0/24 (IETF Protocol Assignments) is refused whole, although IANA marks two of its
#   entries globally reachable (192.0.0.9/32 PCP anycast, 192.0.0.10/32 TURN anycast): neither
#   is a web server a newsroom links to, and unassigned addresses in the block are used for
#   metadata services. 192.88.99.0/24 (deprecated 6to4 relay anycast) is refused whole too,
#   its 6a44 relay 192.88.99.2/32 included.
# - Entries IANA marks globally reachable are left out, hence allowed by this list: 64:ff9b::/96
#   (NAT64, judged by the IPv4 address it embeds), 192.31.196.0/24 and 192.175.48.0/24 (AS112),
#   192.52.193.0/24 (AMT), 2001:1::1-3/128 (anycast), 2001:3::/32 (AMT), 2001:4:112::/48 and
#   2620:4f:8000::/48 (AS112), 2001:20::/28 (ORCHIDv2), 2001:30::/28 (drone remote ID). Older
#   Python tables may still refuse some of them (3.11 calls all of 2001::/23 private); erring
#   that way is fine.
# - 2001::/32 (Teredo), 2002::/16 (6to4) and 64:ff9b:1::/48 (local-use NAT64) embed an IPv4
#   address and are judged by `_embedded_ipv4` as before: Teredo always refused, 6to4 and NAT64
#   by the address they carry.
_SPECIAL_PURPOSE: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = (
    (ipaddress.IPv4Network("0.0.0.0/8"), "This network"),
    (ipaddress.IPv4Network("10.0.0.0/8"), "Private-Use"),
    (ipaddress.IPv4Network("100.64.0.0/10"), "Shared Address Space"),
    (ipaddress.IPv4Network("127.0.0.0/8"), "Loopback"),
    (ipaddress.IPv4Network("169.254.0.0/16"), "Link Local"),
    (ipaddress.IPv4Network("172.16.0.0/12"), "Private-Use"),
    (ipaddress.IPv4Network("192.0.0.0/24"), "IETF Protocol Assignments"),
    (ipaddress.IPv4Network("192.0.2.0/24"), "Documentation (TEST-NET-1)"),
    (ipaddress.IPv4Network("192.88.99.0/24"), "Deprecated (6to4 Relay Anycast)"),
    (ipaddress.IPv4Network("192.168.0.0/16"), "Private-Use"),
    (ipaddress.IPv4Network("198.18.0.0/15"), "Benchmarking"),
    (ipaddress.IPv4Network("198.51.100.0/24"), "Documentation (TEST-NET-2)"),
    (ipaddress.IPv4Network("203.0.113.0/24"), "Documentation (TEST-NET-3)"),
    (
        ipaddress.IPv4Network("255.255.255.255/32"),
        "Limited Broadcast",
    ),  # before 240.0.0.0/4, which holds it
    (ipaddress.IPv4Network("240.0.0.0/4"), "Reserved"),
    (ipaddress.IPv6Network("::1/128"), "Loopback Address"),
    (ipaddress.IPv6Network("::/128"), "Unspecified Address"),
    (ipaddress.IPv6Network("::ffff:0:0/96"), "IPv4-mapped Address"),
    (ipaddress.IPv6Network("100::/64"), "Discard-Only Address Block"),
    (ipaddress.IPv6Network("100:0:0:1::/64"), "Dummy IPv6 Prefix"),
    (ipaddress.IPv6Network("2001:2::/48"), "Benchmarking"),
    (ipaddress.IPv6Network("2001:10::/28"), "Deprecated (previously ORCHID)"),
    (ipaddress.IPv6Network("2001:db8::/32"), "Documentation"),
    (ipaddress.IPv6Network("3fff::/20"), "Documentation"),
    (ipaddress.IPv6Network("5f00::/16"), "Segment Routing (SRv6) SIDs"),
    (ipaddress.IPv6Network("fc00::/7"), "Unique-Local"),
    (ipaddress.IPv6Network("fe80::/10"), "Link-Local Unicast"),
)


class FetchError(Exception):
    """Base of every error `fetch` and `check_url` raise; the message is fit for an editor."""


class FetchBlocked(FetchError):
    """The URL, a redirect hop or a resolved address is not something we may fetch."""


class FetchUnreachable(FetchError):
    """DNS failed, the connection failed, or the time limit ran out."""


class FetchTooLarge(FetchError):
    """The response body is over the byte limit."""


@dataclass(frozen=True)
class FetchResult:
    """What came back, including 4xx/5xx statuses, with the redirect chain as evidence."""

    requested_url: str
    final_url: str
    status_code: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    etag: str
    last_modified: str
    content_type: str
    redirect_chain: list[dict]  # [{"url": ..., "status": 301}, ...]
    elapsed_ms: int
    retry_after_seconds: int | None


# --- Addresses ---------------------------------------------------------------------------------


def refusal_reason(ip: IPAddress) -> str | None:
    """Why we must not connect to `ip` (e.g. "10.0.0.5 is a private address"), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedding = _embedded_ipv4(ip)
        if embedding is not None:
            kind, v4, always_refused = embedding
            inner = _address_kind(v4)
            if inner is not None:
                return f"{ip} is {kind} address embedding {v4}, {inner}"
            if always_refused:
                return f"{ip} is {kind} address"
            # NAT64 and 6to4 to a public IPv4 host are real-world routes to a public server.
            return None
    address_kind = _address_kind(ip)
    return None if address_kind is None else f"{ip} is {address_kind}"


def _address_kind(ip: IPAddress) -> str | None:
    # Explicit checks first so the message names the range; is_global is the catch-all for
    # whatever else IANA marks as not globally reachable.
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.version == 4 and ip in _THIS_NETWORK:
        return "a 'this network' (0.0.0.0/8) address"
    if ip.is_loopback:
        return "a loopback address"
    if ip == _CLOUD_METADATA:
        return "a link-local address (cloud metadata service)"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip == _BROADCAST:
        return "the broadcast address"
    if ip.version == 4 and ip in _CARRIER_GRADE_NAT:
        return "a carrier-grade NAT address"
    if ip.version == 6 and ip.is_site_local:
        return "a site-local address"
    if ip.version == 6 and ip in _UNIQUE_LOCAL:
        return "a unique-local address"
    if any(ip in network for network in _DOCUMENTATION if network.version == ip.version):
        return "a documentation address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    special = special_purpose_block(ip)
    if special is not None:
        network, name = special
        return f"a special-purpose address ({network}, {name})"
    if not ip.is_global:
        return "not a public address"
    return None


def special_purpose_block(
    ip: IPAddress,
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str] | None:
    """The entry of our IANA special-purpose deny list holding `ip`, if any."""
    for network, name in _SPECIAL_PURPOSE:
        if network.version == ip.version and ip in network:
            return network, name
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address, bool] | None:
    """(kind, embedded IPv4, refused even when that IPv4 is public) for IPv6 forms carrying one."""
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _IPV4_MAPPED:
        return "an IPv4-mapped", low32, True
    if ip in _IPV4_TRANSLATED:
        return "an IPv4-translated", low32, True
    if ip in _IPV4_COMPATIBLE and int(ip) > 1:
        return "an IPv4-compatible", low32, True
    if any(ip in network for network in _NAT64):
        return "a NAT64", low32, False
    if ip in _SIX_TO_FOUR:
        return "a 6to4", ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF), False
    if ip in _TEREDO:
        server, client = ip.teredo  # type: ignore[misc]
        worst = client if _address_kind(client) is not None else server
        return "a Teredo", worst, True
    return None


def parse_host_literal(host: str) -> IPAddress | None:
    """The address a URL host denotes when written as an IP, parsed the way browsers do.

    Accepts ``[::1]``, dotted IPv4 and the inet_aton forms browsers still honour: decimal
    (``2130706433``), octal (``0177.0.0.1``), hex (``0x7f.1``) and short (``127.1``) hosts,
    percent-encoded or with a trailing dot. Returns None for a host name.
    """
    text = unquote(host).strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    parts = text.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    if not 1 <= len(parts) <= 4:
        return None
    parsed = [_ipv4_number(part) for part in parts]
    numbers = [number for number in parsed if number is not None]
    if len(numbers) != len(parsed):
        return None
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last + sum(number << (8 * (3 - index)) for index, number in enumerate(leading))
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str) -> int | None:
    if part[:2] in ("0x", "0X"):
        digits, base, alphabet = part[2:], 16, "0123456789abcdef"
        if not digits:
            return 0
    elif len(part) > 1 and part.startswith("0"):
        digits, base, alphabet = part[1:], 8, "01234567"
    else:
        digits, base, alphabet = part, 10, "0123456789"
    # int() also accepts "+1", " 1" and "1_0"; a browser does not.
    if not digits or any(char not in alphabet for char in digits.lower()):
        return None
    return int(digits, base)


def _ends_in_number(host: str) -> bool:
    """A host whose last label is numeric is an IPv4 literal to browsers, valid or not."""
    labels = unquote(host).lower().split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()
    return _ipv4_number(labels[-1]) is not None if labels[-1] else False


# --- Settings ----------------------------------------------------------------------------------


def _setting(name: str, default: Any) -> Any:
    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:  # used outside a configured Django (scripts, bare pytest)
        return default


def configured_user_agent() -> str:
    """The User-Agent every fetch sends: CLAIMTRACK_FETCH_USER_AGENT or `USER_AGENT`."""
    return str(_setting("CLAIMTRACK_FETCH_USER_AGENT", USER_AGENT))


def _normal_host(host: str) -> str:
    literal = parse_host_literal(host)
    if literal is not None:
        return str(literal)
    return host.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")


def _allow_entries(allow: Iterable[str] | None) -> frozenset[tuple[str, int]]:
    entries = _setting("CLAIMTRACK_FETCH_ALLOW", ()) if allow is None else allow
    pairs = set()
    for entry in entries:
        host, _, port = entry.strip().rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"fetch allow-list entry {entry!r} is not 'host:port'")
        pairs.add((_normal_host(host), int(port)))
    return frozenset(pairs)


# --- Time --------------------------------------------------------------------------------------


@dataclass
class _Deadline:
    """One clock for the whole fetch: DNS, every hop, and every read of the body."""

    seconds: float
    started: float = field(default_factory=time.monotonic)

    @property
    def message(self) -> str:
        return f"timed out after {self.seconds:g} s"

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def clamp(self, timeout: float | None, error: type[Exception]) -> float:
        remaining = self.remaining()
        if remaining <= 0:
            raise error(self.message)
        return remaining if timeout is None else min(timeout, remaining)

    def elapsed_ms(self) -> int:
        return int((time.monotonic() - self.started) * 1000)


def _resolve(host: str, port: int, deadline: _Deadline) -> tuple[IPAddress, ...]:
    # getaddrinfo has no timeout of its own; a daemon thread lets the deadline win over a slow
    # resolver (the lookup finishes in the background and is discarded).
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def lookup() -> None:
        try:
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=lookup, name="claimtrack-fetch-dns", daemon=True).start()
    if not done.wait(max(deadline.remaining(), 0)):
        raise FetchUnreachable(deadline.message)
    if "error" in outcome:
        raise FetchUnreachable(f"could not resolve {host}: {outcome['error']}")
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canonname, sockaddr in outcome["infos"]:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchUnreachable(f"could not resolve {host}: no addresses")
    return tuple(addresses)


# --- Admission of one URL ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    url: httpx.URL
    host: str  # as httpcore will ask to connect to it
    port: int
    addresses: tuple[IPAddress, ...]


def _parse_url(url: str) -> httpx.URL:
    try:
        return httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        # httpx rejects some hosts browsers accept (e.g. "0177.0.0.1"); say what they point at.
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        literal = parse_host_literal(host) if host else None
        reason = refusal_reason(literal) if literal is not None else None
        if reason is not None:
            raise FetchBlocked(f"refused: {reason} (written as {host!r})") from exc
        if host and literal is None and _ends_in_number(host):
            raise FetchBlocked(f"refused: host {host!r} is not a valid IPv4 address") from exc
        raise FetchBlocked(f"refused: not a valid URL ({exc})") from exc


def _admit(url: str, allow: frozenset[tuple[str, int]], deadline: _Deadline) -> _Target:
    """Check one URL and resolve it once; raise FetchBlocked unless every address is fine."""
    parsed = _parse_url(url)
    scheme = parsed.scheme
    if scheme not in DEFAULT_PORTS:
        raise FetchBlocked(f"refused: scheme {scheme!r} is not allowed (only http and https)")
    if parsed.userinfo:
        raise FetchBlocked("refused: URLs with credentials are not allowed")
    host = parsed.raw_host.decode("ascii")
    if not host:
        raise FetchBlocked("refused: the URL has no host")
    port = parsed.port or DEFAULT_PORTS[scheme]
    port_refusal = f"refused: port {port} is not allowed (only 80 and 443)"
    host_allowed = (_normal_host(host), port) in allow
    if not host_allowed and port not in STANDARD_PORTS and all(p != port for _, p in allow):
        raise FetchBlocked(port_refusal)  # before any DNS lookup

    literal = parse_host_literal(host)
    if literal is None and _ends_in_number(host):
        raise FetchBlocked(f"refused: host {host!r} is not a valid IPv4 address")
    addresses = (literal,) if literal is not None else _resolve(host, port, deadline)
    if not host_allowed:
        for address in addresses:
            if (str(address), port) in allow:
                continue
            if port not in STANDARD_PORTS:
                raise FetchBlocked(port_refusal)
            reason = refusal_reason(address)
            if reason is not None:
                origin = "" if literal is not None else f" (resolved from {host})"
                raise FetchBlocked(f"refused: {reason}{origin}")
    return _Target(url=parsed, host=host, port=port, addresses=addresses)


def check_url(url: str, *, allow: Iterable[str] | None = None) -> None:
    """Raise FetchBlocked unless `fetch` may request `url` now; resolves DNS (webhook targets)."""
    timeout = float(_setting("CLAIMTRACK_FETCH_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
    _admit(url, _allow_entries(allow), _Deadline(timeout))


# --- Pinned connections ------------------------------------------------------------------------
#
# DNS pinning lives in an httpcore network backend rather than in a rewritten URL: httpx and
# httpcore keep the real URL, so the Host header, TLS SNI and certificate verification all use
# the original host name untouched, and only the TCP connect is redirected to the address
# `_admit` checked. The backend also refuses any host it was not told about, and wraps each
# stream so no read, write or TLS handshake can outlive the fetch's overall deadline (httpx's
# own timeouts are per operation, so a server trickling one byte a second would never trip
# them).


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        timeout = self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, timeout), self._deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _PinnedBackend(httpcore.SyncBackend):
    def __init__(self, deadline: _Deadline) -> None:
        self._deadline = deadline
        self._pins: dict[tuple[str, int], tuple[IPAddress, ...]] = {}

    def pin(self, target: _Target) -> None:
        self._pins[(target.host, target.port)] = target.addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._pins.get((host, port))
        if addresses is None:
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
        error: httpcore.ConnectError | None = None
        for address in addresses:  # every one of them was checked; use the first that answers
            timeout = self._deadline.clamp(timeout, httpcore.ConnectTimeout)
            try:
                stream = super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        assert error is not None
        raise error


def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~50 ms, so keep one context per CA setting; SSL_CERT_FILE and
    # SSL_CERT_DIR are honoured, as httpx does, for networks behind their own CA.
    return _ssl_context_for(os.environ.get("SSL_CERT_FILE", ""), os.environ.get("SSL_CERT_DIR", ""))


@cache
def _ssl_context_for(cert_file: str, cert_dir: str) -> ssl.SSLContext:
    if cert_file or cert_dir:
        return ssl.create_default_context(cafile=cert_file or None, capath=cert_dir or None)
    return httpx.create_ssl_context(trust_env=False)


class _CoreResponseStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class _PinnedTransport(httpx.BaseTransport):
    """httpx's own HTTPTransport offers no way to pass a network backend, hence this shim."""

    def __init__(self, backend: _PinnedBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(), network_backend=backend, max_connections=4
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        response = self._pool.handle_request(
            httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_CoreResponseStream(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


# --- Fetching ----------------------------------------------------------------------------------


def parse_retry_after(value: str | None) -> int | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - datetime.now(UTC)).total_seconds() + 0.999))


def _read_body(response: httpx.Response, max_bytes: int, deadline: _Deadline) -> bytes:
    """The decoded body, never holding more than about `max_bytes` at any step.

    httpx would decode each received chunk in full, every layer of a stacked encoding at once,
    before we could count it: a 1 KB "gzip, gzip" body of 512 MiB of zeros took 1.1 GB. So the
    raw bytes are read and decoded here, no call producing more than `_DECODE_STEP`, and every
    layer's output is counted against the limit as it is produced.
    """
    if response.status_code == 304 or response.request.method == "HEAD":
        return b""
    # Content-Length counts the bytes on the wire, which are capped as well.
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchTooLarge(f"body of {declared} bytes is over the limit of {max_bytes} bytes")
    codings = _content_codings(response)
    raw = _counted(response.iter_raw(), max_bytes, "body")
    decoded: Iterator[bytes] = raw
    # The last coding listed was applied last, so it comes off first.
    for coding in reversed(codings):
        decoded = _counted(_decode(coding, decoded), max_bytes, "decoded body")
    chunks: list[bytes] = []
    for chunk in decoded:
        chunks.append(chunk)
        if deadline.remaining() <= 0:
            raise FetchUnreachable(deadline.message)
    return b"".join(chunks)


def _content_codings(response: httpx.Response) -> list[str]:
    codings = [
        coding.strip().lower()
        for coding in response.headers.get_list("content-encoding", split_commas=True)
    ]
    codings = [coding for coding in codings if coding and coding != "identity"]
    if len(codings) > MAX_CONTENT_ENCODINGS:
        raise FetchBlocked(
            f"refused: the body is compressed {len(codings)} times over "
            f"(Content-Encoding: {', '.join(codings)}); at most {MAX_CONTENT_ENCODINGS} "
            "content encodings are accepted"
        )
    for coding in codings:
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(
                f"could not decode the response: content encoding {coding!r} is not supported "
                f"(we ask for {ACCEPT_ENCODING})"
            )
    return codings


def _counted(chunks: Iterator[bytes], max_bytes: int, what: str) -> Iterator[bytes]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise FetchTooLarge(f"{what} is over the limit of {max_bytes} bytes")
        yield chunk


def _decode(coding: str, compressed: Iterator[bytes]) -> Iterator[bytes]:
    """One content coding taken off, in pieces of at most `_DECODE_STEP` bytes.

    `max_length` bounds each call; what zlib could not take yet waits in `unconsumed_tail`, and a
    full piece means zlib may hold more output, so it is asked again before more input is fed.
    Bytes after the end of the stream are dropped unread rather than collected in `unused_data`.
    """
    pieces = _coalesced(compressed, 2)
    head = next(pieces, b"")
    if not head:
        return
    decompressor = zlib.decompressobj(_wbits(coding, head))
    try:
        for data in itertools.chain((head,), pieces):
            if decompressor.eof:
                continue
            while True:
                piece = decompressor.decompress(data, _DECODE_STEP)
                data = decompressor.unconsumed_tail
                if piece:
                    yield piece
                if decompressor.eof or (not data and len(piece) < _DECODE_STEP):
                    break
    except zlib.error as exc:
        raise FetchError(f"could not decode the {coding} response: {exc}") from exc


def _wbits(coding: str, head: bytes) -> int:
    if coding in ("gzip", "x-gzip"):
        return zlib.MAX_WBITS | 16
    # "deflate" means zlib-wrapped (RFC 9110), but some servers send raw deflate, as httpx
    # allows: a zlib stream opens with compression method 8 and a header check divisible by 31.
    is_zlib = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS


def _coalesced(chunks: Iterator[bytes], minimum: int) -> Iterator[bytes]:
    """`chunks`, with the first one at least `minimum` bytes long when the stream allows."""
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= minimum:
            break
    if head:
        yield head
    yield from chunks


def _unreachable(exc: Exception, target: _Target, deadline: _Deadline) -> FetchError:
    if isinstance(exc, httpcore.TimeoutException | httpx.TimeoutException):
        return FetchUnreachable(deadline.message)
    if isinstance(exc, httpcore.ConnectError | httpx.ConnectError):
        return FetchUnreachable(f"could not connect to {target.host}:{target.port}: {exc}")
    if isinstance(exc, httpx.DecodingError):
        return FetchError(f"could not decode the response from {target.host}: {exc}")
    return FetchUnreachable(f"connection to {target.host}:{target.port} failed: {exc}")


_NETWORK_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpx.TransportError,
    httpx.DecodingError,
)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    max_bytes: int | None = None,
    timeout_seconds: float | None = None,
    allow: Iterable[str] | None = None,
    method: str = "GET",
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    follow_redirects: bool = True,
) -> FetchResult:
    """Fetch `url` through the guard, following up to 5 redirects and checking every hop.

    With follow_redirects=False a 3xx comes back as the FetchResult, like any other status.

    Raises FetchBlocked, FetchUnreachable or FetchTooLarge (or a plain FetchError for a body
    that cannot be decoded); any HTTP status, 304 included, comes back as a FetchResult.
    `etag`/`last_modified` make the request conditional.
    """
    if max_bytes is None:
        max_bytes = int(_setting("CLAIMTRACK_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES))
    if timeout_seconds is None:
        timeout_seconds = float(
            _setting("CLAIMTRACK_FETCH_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)
        )
    deadline = _Deadline(timeout_seconds)
    allowed = _allow_entries(allow)
    request_headers = dict(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified

    backend = _PinnedBackend(deadline)
    chain: list[dict] = []
    current_url, current_method, current_content = url, method.upper(), content
    first_origin: tuple[str, str, int] | None = None
    with httpx.Client(
        transport=_PinnedTransport(backend),
        headers={"User-Agent": configured_user_agent(), "Accept-Encoding": ACCEPT_ENCODING},
        timeout=timeout_seconds,
        follow_redirects=False,
        trust_env=False,  # an environment proxy would connect somewhere we did not check
    ) as client:
        while True:
            target = _admit(current_url, allowed, deadline)
            backend.pin(target)
            origin = (target.url.scheme, target.host, target.port)
            if first_origin is None:
                first_origin = origin
            elif origin != first_origin:
                # Credentials the caller meant for the first host stay with it.
                request_headers = _without(request_headers, "authorization", "cookie")
            request = client.build_request(
                current_method, target.url, content=current_content, headers=request_headers
            )
            try:
                response = client.send(request, stream=True)
                try:
                    location = response.headers.get("location")
                    if follow_redirects and response.status_code in REDIRECT_STATUSES and location:
                        chain.append({"url": str(target.url), "status": response.status_code})
                        body = None
                    else:
                        body = _read_body(response, max_bytes, deadline)
                finally:
                    response.close()
            except _NETWORK_ERRORS as exc:
                raise _unreachable(exc, target, deadline) from exc

            if body is None:
                if len(chain) > MAX_REDIRECTS:
                    raise FetchBlocked(f"refused: too many redirects (more than {MAX_REDIRECTS})")
                current_url = urljoin(str(target.url), location)
                if _redirect_becomes_get(response.status_code, current_method):
                    current_method, current_content = "GET", None
                    request_headers = _without(request_headers, "content-type")
                continue

            response_headers = {name.lower(): value for name, value in response.headers.items()}
            status = response.status_code
            return FetchResult(
                requested_url=url,
                final_url=str(target.url),
                status_code=status,
                headers=response_headers,
                body=body,
                etag=response_headers.get("etag", ""),
                last_modified=response_headers.get("last-modified", ""),
                content_type=response_headers.get("content-type", ""),
                redirect_chain=chain,
                elapsed_ms=deadline.elapsed_ms(),
                retry_after_seconds=(
                    parse_retry_after(response_headers.get("retry-after"))
                    if status in (429, 503)
                    else None
                ),
            )


def _without(headers: dict[str, str], *names: str) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name.lower() not in names}


def _redirect_becomes_get(status: int, method: str) -> bool:
    # What browsers (and httpx) do: 303 always, 302 in practice, 301 after a POST.
    return (status in (302, 303) and method != "HEAD") or (status == 301 and method == "POST")
