"""Sign-in lockout (django-axes), per account across every address and per address across every
account, with the client's address read through the proxies the deployment trusts.

- **Per account**: ``SIGHTLINE_LOCKOUT_FAILURES`` (default 5) failed sign-ins for one username,
  from anywhere, lock that username for ``AXES_COOLOFF_TIME``; an administrator can unlock it
  sooner from the users page.
- **Per address**: ``SIGHTLINE_LOCKOUT_ADDRESS_FAILURES`` (default 30) failures from one address,
  whatever usernames they tried, lock that address: one password tried against every user
  (password spraying) stops there. It is higher than the per-account limit because a council
  office's staff often share one public address.
- **Client address**: ``REMOTE_ADDR``, unless it is one of ``SIGHTLINE_TRUSTED_PROXIES``
  (addresses or networks, comma-separated); then ``X-Forwarded-For`` is read from the right,
  skipping trusted proxies, and the first address that is not one is the client. A header sent
  by anyone else is ignored, so nobody can choose the address they are counted under.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def trusted_proxies() -> tuple[Network, ...]:
    configured: Iterable[str] = getattr(settings, "SIGHTLINE_TRUSTED_PROXIES", ())
    return _networks(tuple(configured))


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``), read through trusted proxies only."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    if not networks or not _is_trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed header: count the proxy, not a made-up address
    return remote


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes has one failure limit; this reports failures on the per-account scale so that the
    per-address limit (higher) applies to addresses and the per-account limit to usernames."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:  # type: ignore[type-arg]
        per_account, per_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        account_limit = int(settings.AXES_FAILURE_LIMIT)
        address_limit = int(getattr(settings, "SIGHTLINE_LOCKOUT_ADDRESS_FAILURES", account_limit))
        return max(per_account, per_address * account_limit // max(1, address_limit))
