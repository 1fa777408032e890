"""Paged, scoped lists of proposals and deliberations.

They page over the notification log by the topic of each record's creation
event; the cursor is the log position of the last record returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workflow.actors import Actor
from workflow.domain.deliberation import Deliberation
from workflow.domain.proposal import Proposal
from workflow.domain.transitions import CLOSED, OPEN
from workflow.drafts import KINDS
from workflow.fields import Errors, choice
from workflow.regions import region_problem, within
from workflow.usecases.core import LedgerCore

DELIBERATION_STATUSES = ("open", "submitted", "approved", "returned")
BATCH = 500


class ListingUseCases(LedgerCore):
    """Lists that every role may read within its scope."""

    def list_proposals(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """Proposals in the actor's scope, oldest first, filtered and paged."""
        errors = Errors()
        status = choice(
            errors, "status", query.get("status"), OPEN + CLOSED, required=False
        )
        kind = choice(errors, "kind", query.get("kind"), KINDS, required=False)
        region, after, limit = self._page_query(actor, query, errors)

        def keep(p: Proposal) -> bool:
            return (
                within(p.desa, region)
                and status in (None, p.status)
                and kind in (None, p.kind)
            )

        return self._page(Proposal.Submitted.TOPIC, after, limit, keep)

    def list_deliberations(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """Deliberations in the actor's scope, oldest first, filtered and paged."""
        errors = Errors()
        status = choice(
            errors, "status", query.get("status"), DELIBERATION_STATUSES, required=False
        )
        region, after, limit = self._page_query(actor, query, errors)

        def keep(d: Deliberation) -> bool:
            return within(d.desa, region) and status in (None, d.status)

        return self._page(Deliberation.Opened.TOPIC, after, limit, keep)

    def _page_query(self, actor: Actor, query: dict, errors: Errors):
        region = query.get("region") or None
        if region is not None:
            errors.add("region", region_problem(region))
        after = _cursor(errors, query.get("cursor"))
        limit = _limit(errors, query.get("limit"))
        errors.raise_any()
        return narrowed(actor, region), after, limit

    def _page(self, topic: str, after: int, limit: int, keep: Callable[[Any], bool]):
        items: list = []
        position = after
        while len(items) < limit:
            found = self.recorder.select_notifications(
                start=position + 1, limit=BATCH, topics=[topic]
            )
            for notification in found:
                record: Any = self.repository.get(notification.originator_id)
                position = notification.id
                if keep(record):
                    items.append(record)
                    if len(items) == limit:
                        return items, str(position)
            if len(found) < BATCH:
                return items, None
        return items, None


def narrowed(actor: Actor, region: str | None) -> str | None:
    """The region to list: the filter, kept inside the actor's scope."""
    if region is None or within(actor.region or "", region):
        return actor.region  # no filter, or one wider than the scope
    actor.require_region(region)  # a filter outside the scope is refused
    return region


def _cursor(errors: Errors, value: Any) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, str) and value.isdigit():
        return int(value)
    errors.add("cursor", "the cursor is the next_cursor of an earlier page")
    return 0


def _limit(errors: Errors, value: Any) -> int:
    if value in (None, ""):
        return 50
    if isinstance(value, str) and value.isdigit() and 1 <= int(value) <= 200:
        return int(value)
    errors.add("limit", "the limit is a whole number from 1 to 200")
    return 50
