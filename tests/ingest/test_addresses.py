"""Which addresses a fetch may reach: private ones only when the user allows them."""

from __future__ import annotations

import ipaddress

import pytest

from storyline.ingest.addresses import (
    AddressRefusedError,
    address_category,
    refused_category,
    resolve_permitted,
)
from storyline.ingest.fetch_policy import FetchPolicy, parse_networks


@pytest.mark.parametrize(
    ("address", "category"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.4.5.6", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fc00::7", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("100.64.0.1", "not a public address"),
        ("::ffff:127.0.0.1", "a loopback address (as ::ffff:7f00:1)"),
        ("64:ff9b::a9fe:a9fe", "a link-local address (as 64:ff9b::a9fe:a9fe)"),
        ("2002:7f00:1::", "a loopback address (as 2002:7f00:1::)"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_categories(address: str, category: str | None) -> None:
    assert address_category(ipaddress.ip_address(address)) == category


def test_policy_can_open_all_private_addresses_or_only_some_networks() -> None:
    loopback = ipaddress.ip_address("127.0.0.1")
    other_loopback = ipaddress.ip_address("127.0.0.2")
    assert refused_category(loopback, FetchPolicy()) == "a loopback address"
    assert refused_category(loopback, FetchPolicy(allow_private=True)) is None
    narrow = FetchPolicy(allowed_networks=parse_networks(("127.0.0.1",)))
    assert refused_category(loopback, narrow) is None
    assert refused_category(other_loopback, narrow) == "a loopback address"


def test_host_names_are_judged_by_the_addresses_they_resolve_to() -> None:
    with pytest.raises(AddressRefusedError, match=r"localhost resolves to .*a loopback address"):
        resolve_permitted("localhost", 80, FetchPolicy())
    with pytest.raises(AddressRefusedError, match=r"^10\.0\.0\.1 is a private address; pass"):
        resolve_permitted("10.0.0.1", 80, FetchPolicy())
    assert resolve_permitted("127.0.0.1", 80, FetchPolicy(allow_private=True)) == [
        ipaddress.ip_address("127.0.0.1")
    ]
