"""Each role lands on a home page made for it: attention items and its modules only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sightline.core.modules import all_modules, modules_for
from sightline.home.demo import DEMO_USERS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_home_page_lists_exactly_the_modules_the_role_may_use(
    username: str, client_for, users
) -> None:
    page = client_for(username).get(reverse("home:home")).content.decode()
    assert users[username].role_label in page
    for module in all_modules():
        link = f'href="{reverse(module.url_name)}"'
        if module in modules_for(users[username]):
            assert link in page, f"{username} should see {module.title}"
        elif module.url_name != "home:home":
            assert link not in page, f"{username} should not see {module.title}"


def test_header_navigation_marks_the_current_module(client_for) -> None:
    page = client_for("admin").get(reverse("organisation:overview")).content.decode()
    assert 'aria-current="true"' in page
    assert "govuk-service-navigation__item--active" in page


def test_every_page_has_a_skip_link_and_no_crown(client_for) -> None:
    page = client_for("board").get(reverse("home:home")).content.decode()
    assert 'class="govuk-skip-link"' in page
    assert "govuk-header__logotype" not in page
    assert "crown" not in page.lower()


def test_about_page_shows_the_open_government_licence(client_for) -> None:
    page = client_for("adviser").get(reverse("core:about")).content.decode()
    assert "Open Government Licence v3.0" in page
    assert "Department for Education" in page
