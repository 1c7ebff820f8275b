"""core.clients: the client's address behind trusted proxies, and the digest limits count by."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from core.clients import client_address, client_hash
from portal.apps import check_trusted_proxies

PROXY = "10.0.0.5"


def request(remote="203.0.113.7", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_client_is_remote_addr(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_address(request(PROXY, "198.51.100.1")) == PROXY


def test_behind_a_trusted_proxy_the_forwarded_client_is_used(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request(PROXY, "198.51.100.1")) == "198.51.100.1"


def test_the_right_most_untrusted_address_wins_over_forged_entries(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "172.16.0.1"]
    # The client wrote "192.0.2.66" itself; the outer proxy 172.16.0.1 added the real client,
    # the inner proxy 10.0.0.5 added 172.16.0.1.
    forwarded = "192.0.2.66, 198.51.100.1, 172.16.0.1"
    assert client_address(request(PROXY, forwarded)) == "198.51.100.1"


def test_malformed_entries_are_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request(PROXY, "198.51.100.1, unknown, ,10.0.0.9")) == "198.51.100.1"
    assert client_address(request(PROXY, "not-an-address")) == PROXY
    assert client_address(request(PROXY, "")) == PROXY


def test_when_every_hop_is_trusted_the_left_most_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request(PROXY, "10.1.1.1, 10.2.2.2")) == "10.1.1.1"


def test_ipv6_proxies_and_clients(settings):
    settings.TRUSTED_PROXIES = "2001:db8:1::/48, 10.0.0.0/8"  # one comma-separated string
    assert client_address(request("2001:db8:1::2", "2001:db8:ffff::9")) == "2001:db8:ffff::9"


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    spoofed = request("203.0.113.7", "198.51.100.1")
    assert client_address(spoofed) == "203.0.113.7"
    assert client_hash(spoofed) == client_hash(request("203.0.113.7", "192.0.2.1"))
    assert client_hash(spoofed) == client_hash(request("203.0.113.7"))


def test_two_clients_behind_a_trusted_proxy_get_different_digests(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    first = client_hash(request(PROXY, "198.51.100.1"))
    second = client_hash(request(PROXY, "198.51.100.2"))
    assert first != second
    assert first == client_hash(request("10.0.0.6", "198.51.100.1"))  # another proxy, same client
    # Without trusting the proxy both would count as the proxy itself.
    settings.TRUSTED_PROXIES = []
    assert client_hash(request(PROXY, "198.51.100.1")) == client_hash(
        request(PROXY, "198.51.100.2")
    )


def test_the_digest_is_salted_and_hides_the_address(settings):
    digest = client_hash(request("203.0.113.7"))
    assert len(digest) == 64 and "203.0.113.7" not in digest
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert client_hash(request("203.0.113.7")) != digest


def test_a_wrong_network_is_a_clear_configuration_error(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "10.0.0.300"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES 中的“10.0.0.300”"):
        client_address(request(PROXY, "198.51.100.1"))
    errors = check_trusted_proxies()
    assert [error.id for error in errors] == ["portal.E001"]
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert check_trusted_proxies() == []
