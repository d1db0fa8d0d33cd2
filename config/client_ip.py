"""The client's address for login throttling (``AXES_CLIENT_IP_CALLABLE``)."""

from django.conf import settings


def client_ip(request) -> str:
    """``REMOTE_ADDR``, or behind ``CLIPPINGS_PROXY_COUNT`` trusted proxies the address the
    outermost of them saw (the proxies append to ``X-Forwarded-For``; what the client put to the
    left of that is not trusted)."""
    proxies = settings.CLIPPINGS_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
