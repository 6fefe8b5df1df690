"""Lockout per account across addresses and per address across accounts, with the client's
address read through trusted proxies only (sightline/accounts/lockout.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from sightline.accounts.lockout import client_ip
from sightline.accounts.models import User
from sightline.accounts.selectors import locked_out_usernames
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.1.0.5"


def _sign_in(username: str, password: str, addr: str, forwarded: str | None = None) -> int:
    extra = {"REMOTE_ADDR": addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client().post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )
    return response.status_code


def test_one_account_tried_from_many_addresses_is_locked(users: dict[str, User]) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in("director", "wrong", addr=f"198.51.100.{n + 1}")
    assert _sign_in("director", DEMO_PASSWORD, addr="198.51.100.200") == 429
    assert "director" in locked_out_usernames(authority=users["director"].authority)
    assert _sign_in("analyst", DEMO_PASSWORD, addr="198.51.100.1") == 302  # others unaffected


def test_one_password_tried_against_every_user_locks_the_address(
    users: dict[str, User], settings
) -> None:
    settings.SIGHTLINE_LOCKOUT_ADDRESS_FAILURES = 8
    assert _sign_in("qa", "Winter2026!", addr="203.0.113.7") == 200  # one failure: no lockout
    names = sorted(users)
    tried = 0
    for _ in range(2):
        for name in names:  # never more than 2 failures for any one account
            if tried < 7:
                _sign_in(name, "Winter2026!", addr="203.0.113.7")
                tried += 1
    assert _sign_in("qa", DEMO_PASSWORD, addr="203.0.113.7") == 429  # the address is locked
    assert _sign_in("qa", DEMO_PASSWORD, addr="203.0.113.8") == 302  # the account is not


def test_behind_a_trusted_proxy_each_client_is_counted_under_its_own_address(
    users: dict[str, User], settings
) -> None:
    settings.SIGHTLINE_TRUSTED_PROXIES = ["10.1.0.0/24"]
    settings.SIGHTLINE_LOCKOUT_ADDRESS_FAILURES = 5
    for name in ("board", "qa", "analyst", "auditor", "adviser"):
        _sign_in(name, "wrong", addr=PROXY, forwarded="203.0.113.66")
    # The attacker's address is locked; the director, through the same proxy, is not.
    assert _sign_in("hos", DEMO_PASSWORD, addr=PROXY, forwarded="203.0.113.66") == 429
    assert _sign_in("director", DEMO_PASSWORD, addr=PROXY, forwarded="192.0.2.10") == 302


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(settings) -> None:
    settings.SIGHTLINE_TRUSTED_PROXIES = ["10.1.0.0/24"]
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_ip(spoofed) == "203.0.113.9"
    # Through two trusted proxies: the first untrusted hop from the right is the client, and
    # an address the client put in front of its own is not believed.
    chained = factory.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.4, 10.1.0.9"
    )
    assert client_ip(chained) == "198.51.100.4"
    garbage = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(garbage) == PROXY
    settings.SIGHTLINE_TRUSTED_PROXIES = []
    assert client_ip(chained) == PROXY
