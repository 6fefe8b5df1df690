"""The modules a person can reach from the header and the home page.

Each Django app registers its module in ``AppConfig.ready()``; the navigation, the home page
and the URL × role test all read this registry, so a module that lands is covered at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sightline.accounts.models import User


@dataclass(frozen=True, kw_only=True)
class Module:
    key: str
    title: str
    url_name: str
    description: str
    allowed: Callable[[User], bool]
    order: int = 100
    in_header: bool = True


_REGISTRY: dict[str, Module] = {}


def module_register(module: Module) -> None:
    """Add a module; a key can be registered once only."""
    if module.key in _REGISTRY and _REGISTRY[module.key] != module:
        raise ValueError(f"module {module.key!r} is already registered")
    _REGISTRY[module.key] = module


def modules_for(user: User) -> list[Module]:
    """The modules this person may use, in menu order."""
    return sorted(
        (m for m in _REGISTRY.values() if m.allowed(user)), key=lambda m: (m.order, m.title)
    )


def all_modules() -> list[Module]:
    return sorted(_REGISTRY.values(), key=lambda m: (m.order, m.title))
