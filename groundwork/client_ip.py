"""The address of the client a request came from, behind a known number of proxies.

Rate limits and login lockouts key on it, so it must be an address the client cannot
choose. Every proxy appends the address it received the connection from to
X-Forwarded-For; the entries to the left of those our own proxies wrote came from the
client and can say anything. TRUSTED_PROXY_COUNT (0: nothing in front, REMOTE_ADDR is
the client) says how many of the right-hand entries, plus REMOTE_ADDR, are ours.
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as a string; "" when the server was not told one."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    # Fewer entries than proxies: the request did not come through all of them (someone
    # reached a web process directly), so the peer that connected is all we know.
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    # Our outermost proxy wrote this entry, so it is an address unless the proxy is set up
    # wrongly; a lockout row or a cache key must not be built from anything else.
    return candidate if _is_ip(candidate) else remote


def _is_ip(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True
