"""Shared fixtures: the demo authority with one user per role, built by the real services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from sightline.accounts.models import User
from sightline.governance.frameworks import frameworks_ensure
from sightline.home.demo import DEMO_USERS, demo_setup
from sightline.organisation.models import Authority
from sightline.organisation.services import reference_authorities_load

DEMO_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def reference_data(db: None) -> None:
    """The reference data every deployment has: the DfE's authorities and Ofsted's inspection
    frameworks. The frameworks come with a data migration, which a transactional test's flush
    (browser tests, backup and restore) empties for the tests after it: made again here."""
    reference_authorities_load(data_dir=settings.SIGHTLINE_DFE_DATA_DIR)
    frameworks_ensure()


@pytest.fixture
def demo(reference_data: None) -> Authority:
    """Anyshire with its localities, teams and the eleven demo users."""
    return demo_setup(password=DEMO_PASSWORD).authority


@pytest.fixture
def users(demo: Authority) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}


@pytest.fixture
def client_for(users: dict[str, User]) -> Callable[[str], Client]:
    """A test client signed in as the named demo user."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(users[username])
        return client

    return make


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache (cached pages are keyed by a data version that two
    tests' databases could share)."""
    from django.core.cache import cache

    cache.clear()
