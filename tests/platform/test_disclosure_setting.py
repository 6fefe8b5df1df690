"""The authority's one disclosure setting: the administrator edits it, every module reads it
through ``disclosure_policy_for``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.core.permissions import disclosure_policy_for
from sightline.organisation.models import Authority

pytestmark = pytest.mark.django_db


def test_the_administrator_withholds_small_numbers_from_the_board(
    demo: Authority, users: dict[str, User], client_for
) -> None:
    assert not disclosure_policy_for(users["board"]).suppress  # DESIGN.md's default
    url = reverse("organisation:disclosure")
    assert client_for("member").get(url).status_code == 403
    page = client_for("admin").get(url)
    assert "Elected members and the DfE adviser always" in page.content.decode()
    response = client_for("admin").post(
        url, {"withheld_roles": ["board_member"], "threshold": "10"}
    )
    assert response.status_code == 302
    board = User.objects.get(pk=users["board"].pk)
    policy = disclosure_policy_for(board)
    assert policy.suppress
    assert policy.threshold == 10
    assert AuditEvent.objects.filter(action="authority.disclosure").exists()
    bad = client_for("admin").post(url, {"withheld_roles": ["dfe_adviser"], "threshold": "1"})
    assert bad.status_code == 200  # the form says what is wrong
    assert Authority.objects.get(pk=demo.pk).disclosure_threshold == 10
