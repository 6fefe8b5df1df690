"""Template filters for the workforce pages: the small-number rule from the kernel."""

from __future__ import annotations

from django import template

from sightline.kernel.disclosure import NOTE, policy

register = template.Library()


@register.filter
def withheld(count: int | None, suppressed: bool) -> bool:
    """Whether ``count`` is withheld from a reader who must not see small numbers
    (``{% if n|withheld:suppressed %}fewer than 5{% else %}{{ n }}{% endif %}``)."""
    return policy(suppress=bool(suppressed)).hides(count)


@register.simple_tag
def disclosure_note() -> str:
    """The kernel's one footnote for withheld figures (the same words in every output)."""

    return NOTE
