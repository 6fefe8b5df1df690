"""Signing in and out, lockout, password reset, session expiry and the health check."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.accounts.services import user_unlock
from sightline.auditlog.models import AuditEvent
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str, addr: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=addr,
    )


def test_demo_user_signs_in_and_lands_on_their_home_page(users: dict[str, User]) -> None:
    client = Client()
    response = _sign_in(client, "hos", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")
    home = client.get(reverse("home:home"))
    text = home.content.decode()
    assert "Head of service" in text
    assert users["hos"].locality.name in text  # their scope is named


def test_wrong_password_is_refused_with_a_clear_message(users: dict[str, User]) -> None:
    response = _sign_in(Client(), "director", "not-the-password")
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_five_failures_lock_the_username_from_every_address(users: dict[str, User]) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "analyst", "wrong", addr="10.0.0.9")
    # Now even the right password is refused, from that address and from any other…
    locked = _sign_in(client, "analyst", DEMO_PASSWORD, addr="10.0.0.9")
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    assert _sign_in(Client(), "analyst", DEMO_PASSWORD, addr="10.0.0.10").status_code == 429
    # …while others can sign in from this address (per address the limit is higher).
    assert _sign_in(Client(), "qa", DEMO_PASSWORD, addr="10.0.0.9").status_code == 302


def test_administrator_sees_and_clears_a_lockout(users: dict[str, User], client_for) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "board", "wrong", addr="10.0.0.7")
    admin = client_for("admin")
    home = admin.get(reverse("home:home")).content.decode()
    assert "1 account locked out" in home
    listing = admin.get(reverse("accounts:user_list")).content.decode()
    assert "Locked" in listing
    cleared = user_unlock(by=users["admin"], user=users["board"])
    assert cleared == 1
    assert _sign_in(Client(), "board", DEMO_PASSWORD, addr="10.0.0.7").status_code == 302
    assert AuditEvent.objects.filter(action="user.unlock", actor=users["admin"]).exists()


def test_password_reset_sends_a_working_link(users: dict[str, User]) -> None:
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": "member@anyshire.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a-much-longer-new-passphrase-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    assert _sign_in(Client(), "member", new).status_code == 302


def test_password_reset_does_not_reveal_unknown_addresses(users: dict[str, User]) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_sign_out_needs_a_post_and_ends_the_session(client_for) -> None:
    client = client_for("director")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("home:home")).status_code == 302


def test_sessions_expire_after_thirty_minutes_of_inactivity(client_for) -> None:
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for("director")
    client.get(reverse("home:home"))
    session = Session.objects.get(session_key=client.session.session_key)
    # Each request renews the expiry: it is 30 minutes from the last activity.
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_carry_a_content_security_policy_with_a_nonce(client_for) -> None:
    response = client_for("director").get(reverse("home:home"))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce, policy
    assert "default-src 'self'" in policy
    assert f'nonce="{nonce.group(1)}"' in response.content.decode()
    assert "unsafe-inline" not in policy


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_health_check_reports_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unknown_pages_get_the_styled_not_found_page(client_for) -> None:
    response = client_for("director").get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forbidden_pages_explain_why(client_for) -> None:
    response = client_for("member").get(reverse("accounts:user_list"))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()
