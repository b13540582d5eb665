"""Limits of the guarded fetcher that outsiders probe (issue #20): special-purpose addresses
and compressed bodies that expand past the byte limit."""

import ipaddress

import pytest

from sources import fetching
from sources.fetching import FetchBlocked, check_url, refusal_reason, special_purpose_block

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
