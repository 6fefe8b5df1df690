"""The administrator adds and edits people through the users pages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.core.views import server_error

pytestmark = pytest.mark.django_db


def test_adding_a_head_of_service_needs_a_locality_and_sends_a_password_link(
    client_for, users: dict[str, User]
) -> None:
    client = client_for("admin")
    form = {
        "username": "new.hos",
        "first_name": "Nia",
        "last_name": "Okafor",
        "email": "nia@anyshire.example",
        "job_title": "Head of Service",
        "role": "head_of_service",
    }
    refused = client.post(reverse("accounts:user_create"), form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "There is a problem" in page
    assert "Choose the locality or service they lead." in page
    assert not User.objects.filter(username="new.hos").exists()

    form["locality"] = str(users["hos"].locality_id)
    added = client.post(reverse("accounts:user_create"), form)
    assert added.status_code == 302
    person = User.objects.get(username="new.hos")
    assert person.locality == users["hos"].locality
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password-reset/" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="user.create", object_id=str(person.pk))
    assert event.actor == users["admin"]


def test_duplicate_usernames_are_refused_whatever_the_case(client_for) -> None:
    response = client_for("admin").post(
        reverse("accounts:user_create"), {"username": "Director", "role": "board_member"}
    )
    assert "already taken" in response.content.decode()


def test_editing_a_role_clears_a_scope_it_no_longer_needs(
    client_for, users: dict[str, User]
) -> None:
    manager = users["manager"]
    response = client_for("admin").post(
        reverse("accounts:user_edit", args=[manager.pk]),
        {
            "first_name": manager.first_name,
            "last_name": manager.last_name,
            "email": manager.email,
            "job_title": "Board member now",
            "role": "board_member",
            "team": str(manager.team_id),
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert (manager.role, manager.team) == ("board_member", None)


def test_the_server_error_page_is_styled_and_needs_no_database() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_an_edit_from_a_stale_page_is_refused_not_applied(
    client_for, users: dict[str, User]
) -> None:
    board = users["board"]
    client = client_for("admin")
    page = client.get(reverse("accounts:user_edit", args=[board.pk])).content.decode()
    version = page.split('name="version" value="')[1].split('"')[0]
    form = {
        "first_name": "First",
        "last_name": board.last_name,
        "email": board.email,
        "job_title": board.job_title,
        "role": "board_member",
        "is_active": "on",
        "version": version,
    }
    assert client.post(reverse("accounts:user_edit", args=[board.pk]), form).status_code == 302
    # A second admin who opened the page at the same time saves later, from the old version.
    form["first_name"] = "Second"
    stale = client.post(reverse("accounts:user_edit", args=[board.pk]), form)
    assert stale.status_code == 200
    assert "Someone else changed board after you opened this page" in stale.content.decode()
    board.refresh_from_db()
    assert board.first_name == "First"
