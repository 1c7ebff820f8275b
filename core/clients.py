"""Who is asking: the client's address, and the salted digest every rate limit counts by.

Behind a reverse proxy REMOTE_ADDR is the proxy, not the visitor. The ``TRUSTED_PROXIES``
setting lists the proxies' networks (CIDRs). Only when the direct peer (REMOTE_ADDR) is one
of them is X-Forwarded-For read, and then from the right: each proxy appends the address it
received the request from, so the right-most address that is not a trusted proxy is the
client. Everything to the left of it was written by the client and may be forged. With no
trusted proxies (the default) X-Forwarded-For is never read.
"""

from __future__ import annotations

import hashlib
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for cidr in cidrs:
        try:
            networks.append(ipaddress.ip_network(cidr.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES 中的“{cidr.strip()}”不是有效的 IP 地址或网段"
                "（CIDR，如 10.0.0.0/8）。"
            ) from None
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The networks of settings.TRUSTED_PROXIES (a list of CIDRs, or one comma-separated
    string)."""
    cidrs = getattr(settings, "TRUSTED_PROXIES", ())
    if isinstance(cidrs, str):
        cidrs = cidrs.split(",")
    return _networks(tuple(cidr for cidr in cidrs if cidr.strip()))


def _parse(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The address of the client that sent `request` (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_proxies()
    if not _is_trusted(_parse(remote), networks):
        return remote
    client = remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(entry)
        if address is None:  # malformed: ignored
            continue
        client = str(address)
        if not _is_trusted(address, networks):
            break
    # When every hop is a trusted proxy, the left-most one is the client.
    return client


def client_hash(request) -> str:
    """A salted digest of the client's address: enough to rate-limit, useless to identify."""
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
