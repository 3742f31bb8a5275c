"""The client's address, and the network it belongs to (for limits that must hold across the
many addresses one host can have)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address limits and logs use. Behind a proxy set INPUT_TRUST_X_FORWARDED_FOR: the last
    X-Forwarded-For entry (the one our own proxy added) is used."""
    if settings.INPUT_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[-1].strip())[:45] or None
    address = request.META.get("REMOTE_ADDR")
    return str(address)[:45] if address else None


def axes_client_ip(request: HttpRequest) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address as every other limit."""
    return client_ip(request) or ""


def network_of(ip: str | None) -> str | None:
    """The network an address belongs to: IPv4 /24 and IPv6 /56 by default (one household or
    one host's block; INPUT_IPV4_PREFIX, INPUT_IPV6_PREFIX). None for no or a malformed address."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    prefix = (
        settings.INPUT_IPV4_PREFIX
        if isinstance(address, ipaddress.IPv4Address)
        else settings.INPUT_IPV6_PREFIX
    )
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def browser_secret(request: HttpRequest) -> str:
    """The browser's own secret (the secret behind its CSRF cookie): binds a form's one-time key
    to the browser that was shown the form, so no one else can replay it and get a receipt."""
    return str(request.META.get("CSRF_COOKIE", ""))
