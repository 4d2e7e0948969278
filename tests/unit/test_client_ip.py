"""groundwork.client_ip: REMOTE_ADDR with no proxy, else the entry our outer proxy appended."""

import pytest
from django.test import RequestFactory

from groundwork.client_ip import client_ip


def request(remote="10.0.0.2", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


class TestWithNoProxy:
    @pytest.fixture(autouse=True)
    def no_proxy(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0

    def test_is_the_peer(self):
        assert client_ip(request("203.0.113.5")) == "203.0.113.5"

    def test_ignores_a_forwarded_header_the_client_made_up(self):
        assert client_ip(request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"

    def test_is_empty_when_the_server_gave_none(self):
        assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == ""


class TestBehindOneProxy:
    @pytest.fixture(autouse=True)
    def one_proxy(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1

    def test_is_the_address_the_proxy_appended(self):
        assert client_ip(request(forwarded="203.0.113.5")) == "203.0.113.5"

    def test_ignores_what_the_client_put_before_it(self):
        assert client_ip(request(forwarded="1.1.1.1, 8.8.8.8,203.0.113.5")) == "203.0.113.5"

    def test_reads_ipv6(self):
        assert client_ip(request(forwarded="2001:db8::7")) == "2001:db8::7"

    def test_is_the_peer_when_the_request_skipped_the_proxy(self):
        assert client_ip(request("203.0.113.9")) == "203.0.113.9"

    def test_is_the_peer_when_the_entry_is_not_an_address(self):
        assert client_ip(request(forwarded="1.1.1.1, unknown")) == "10.0.0.2"


class TestBehindTwoProxies:
    @pytest.fixture(autouse=True)
    def two_proxies(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2

    def test_is_the_entry_the_outer_proxy_appended(self):
        forwarded = "1.1.1.1, 203.0.113.5, 10.0.0.1"
        assert client_ip(request(forwarded=forwarded)) == "203.0.113.5"

    def test_is_the_peer_when_only_one_proxy_wrote(self):
        assert client_ip(request(forwarded="203.0.113.5")) == "10.0.0.2"
