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


# --- The first screen's panels, shaped by role ------------------------------------------------
#
# Each app may add panels to the home page in a ``home_panels.py`` module (found by the home
# app at start-up, so home imports no app). A provider returns a panel for the people it is
# for (the role and scope decide, through the permission predicates) and ``None`` for others;
# it should cost one query or a cached read.


@dataclass(frozen=True, kw_only=True)
class PanelLine:
    text: str
    url: str = ""
    detail: str = ""
    #: A short GOV.UK tag before the line ("Concern", "Off target", "Overdue").
    tag: str = ""
    tag_colour: Literal["red", "yellow", "green", "blue", "grey", ""] = ""


@dataclass(frozen=True, kw_only=True)
class HomePanel:
    key: str
    title: str
    lines: tuple[PanelLine, ...] = ()
    #: Said in words when there are no lines ("No measure in your team needs attention").
    empty: str = ""
    #: What the lines are about, one sentence ("Latest month: Oct 2026, Amberwick Assessment Team").
    lead: str = ""
    more_url: str = ""
    more_text: str = ""
    order: int = 100


HomePanelProvider = Callable[["User"], "HomePanel | None"]
_PANELS: list[HomePanelProvider] = []


def home_panel_register(provider: HomePanelProvider) -> HomePanelProvider:
    """Register ``provider(user)``: the panel for this person, or ``None``."""
    if provider not in _PANELS:
        _PANELS.append(provider)
    return provider


def home_panels_for(user: User) -> list[HomePanel]:
    """This person's panels, in order (each provider decides whether it is for them)."""
    found = (provider(user) for provider in _PANELS)
    return sorted((p for p in found if p is not None), key=lambda p: (p.order, p.title))
