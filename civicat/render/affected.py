"""Which pages show what of a service: the pages to render again after one service file changed.

Written next to the templates it describes: a service's own page shows all of it; lists of
services (``partials/service-list.html``: the home page's popular services, A–Z, topic, life
situation, audience and office pages, "related" on other service pages) show its title and
summary, sorted by title; the topic, life situation and audience indexes count the services of
each term; the home page picks services by popularity. ``tests/site/test_affected.py`` checks the
answer against a full render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .builders import TERM_KINDS

if TYPE_CHECKING:
    from ..catalogue import Catalogue

LISTED = ("title", "summary")
"""What lists of services show of each service (and sort by)."""


def after_service_edit(catalogue: "Catalogue", sid: str, old: Any, new: Any) -> tuple[str, set[str]]:
    """(the service's own page, the other pages that show something that changed) for the service
    ``sid`` edited from ``old`` to ``new``; ``catalogue`` holds either version. ``old`` is None for
    a new service file, ``new`` None for a deleted one: then everything about it changed."""
    if old is None or new is None:
        changed = set(type(new if old is None else old).model_fields)
        old = old if old is not None else NOTHING
        new = new if new is not None else NOTHING
    else:
        changed = {name for name in type(new).model_fields if getattr(old, name) != getattr(new, name)}
    listed = bool(changed.intersection(LISTED))
    others: set[str] = set()
    if listed or "popularity" in changed:
        others.add("")  # the home page's most used services
    if listed:
        others.add("leistungen/")
        others.update(f"leistungen/{other}/" for other, service in catalogue.services.items()
                      if sid in service.related and other != sid)
    for field, folder, *_rest in TERM_KINDS.values():
        if listed or field in changed:
            others.update(f"{folder}/{term}/" for term in {*getattr(old, field), *getattr(new, field)})
        if field in changed:
            others.add(f"{folder}/")  # the index counts the services of each term
    if listed or "offices" in changed:
        others.update(f"dienststellen/{oid}/" for oid in {*old.offices, *new.offices})
    return f"leistungen/{sid}/", others


class _Nothing:
    """Stands for the missing side of a new or deleted service: no offices, terms or relations."""

    def __getattr__(self, name: str) -> Any:
        return []


NOTHING = _Nothing()
