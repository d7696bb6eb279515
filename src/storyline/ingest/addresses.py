"""Which network addresses a fetch may connect to.

A URL from a feed or a command line can name (or redirect to, or resolve to) an address
inside the user's own network: a router's admin page, a cloud metadata service on
169.254.169.254, a database on localhost. Such addresses are refused unless the user allows
them. The check runs on the addresses a host name resolves to, because a public-looking name
can resolve to a private address, and again at connect time on the address actually used.
"""

from __future__ import annotations

import ipaddress
import socket

from storyline.ingest.fetch_policy import FetchPolicy

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
_ALLOW_HINT = "pass --allow-private-urls to fetch it"


class AddressRefusedError(Exception):
    """A host that must not be contacted, with a one-line reason."""


class UnresolvableHostError(Exception):
    """A host name with no address."""


def address_category(address: IpAddress) -> str | None:
    """What makes an address non-public ("a loopback address"), or None for a public one."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        inner = address_category(embedded)
        return f"{inner} (as {address})" if inner else None
    checks = (
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a public address"),
    )
    return next((label for matched, label in checks if matched), None)


def _embedded_ipv4(address: IpAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, Teredo, NAT64), if any.

    `is_global` judges these by their IPv6 prefix, so `64:ff9b::7f00:1` (NAT64 for 127.0.0.1)
    would pass as public without this.
    """
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refused_category(address: IpAddress, policy: FetchPolicy) -> str | None:
    """What makes the policy refuse `address` ("a loopback address"), or None if it may not."""
    if policy.allow_private:
        return None
    category = address_category(address)
    if category is None or any(address in network for network in policy.allowed_networks):
        return None
    return category


def resolve_permitted(host: str, port: int, policy: FetchPolicy) -> list[IpAddress]:
    """The addresses `host` resolves to, all of them permitted, in resolver order.

    Refuses the host when any of its addresses is refused: a name answering with a public and
    a private address would otherwise reach the private one whenever the public one fails.
    """
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnresolvableHostError(f"cannot resolve {host}: {error}") from error
    addresses: list[IpAddress] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        # Strip an IPv6 scope ("fe80::1%eth0"); the address decides, not the interface.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        category = refused_category(address, policy)
        if category is not None:
            if str(address) == host.strip("[]"):
                raise AddressRefusedError(f"{address} is {category}; {_ALLOW_HINT}")
            raise AddressRefusedError(f"{host} resolves to {address}, {category}; {_ALLOW_HINT}")
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnresolvableHostError(f"cannot resolve {host}: no addresses")
    return addresses
