"""'Needs your attention' items on the home page, contributed by each module."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sightline.accounts.models import User


@dataclass(frozen=True, kw_only=True)
class AttentionItem:
    title: str
    detail: str
    url: str
    level: Literal["urgent", "due", "info"] = "info"


AttentionProvider = Callable[["User"], Iterable[AttentionItem]]
_PROVIDERS: list[AttentionProvider] = []


def attention_register(provider: AttentionProvider) -> AttentionProvider:
    """Register a provider (usable as a decorator)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


_ORDER = {"urgent": 0, "due": 1, "info": 2}


def attention_for(user: User) -> list[AttentionItem]:
    items = [item for provider in _PROVIDERS for item in provider(user)]
    return sorted(items, key=lambda i: _ORDER[i.level])
