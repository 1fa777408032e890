"""The read side of one process: projector, registry queries, lists, audit stream."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from events.audit import audit_page, audit_search
from events.db import ReadStore
from events.lists import WorkflowQueries
from events.models import ReadModel
from events.oversight import OversightQueries
from events.projector import Projector
from events.queries import RegistryQueries
from events.schema import MODELS
from workflow.app import Ledger, open_ledger
from workflow.ports import Page


class ReadSide:
    """Read models kept in step with the ledger, and the ledger's index of them.

    In the single-host default every read first applies what the log holds, so a
    read always reflects every write acknowledged before it. A deployment that
    runs `dtks projections run` beside its workers may turn that off
    (DTKS_CATCH_UP_ON_READ=0) and accept the follower's small lag.
    """

    def __init__(
        self,
        ledger: Any,
        batch: int = 1000,
        migrate: str = "now",
        models: Sequence[ReadModel] = MODELS,
    ):
        self.ledger = ledger
        self.store = ReadStore(ledger.env)
        self.projector = Projector(ledger, self.store, batch=batch, models=models)
        self.registry = RegistryQueries(self.store)
        self.lists = WorkflowQueries(self.store)
        self.oversight = OversightQueries(self.store)
        self.catch_up_on_read = os.environ.get("DTKS_CATCH_UP_ON_READ", "1") != "0"
        if migrate == "now":
            self.projector.migrate()
        elif migrate == "background":
            self.projector.migrate_in_background()
        ledger.index = self
        if hasattr(ledger, "on_close"):  # its connections go with the ledger's
            ledger.on_close(self.store.close_all)

    def _current(self) -> None:
        if self.catch_up_on_read:
            self.projector.ensure_current()
        elif self.projector.stale():
            self.projector.ensure_current()  # raises: a model is being rebuilt

    def head(self) -> int:
        """The position of the last event recorded: one query, no transaction."""
        return self.projector.head()

    def fresh(self) -> RegistryQueries:
        """The registry queries, after applying every event recorded so far."""
        self._current()
        return self.registry

    def proposals(self, region, status, kind, page: Page):
        """Proposals in a region (None: national), oldest first."""
        self._current()
        return self.lists.proposals(region, status, kind, page)

    def deliberations(self, region, status, page: Page):
        """Deliberations in a region, oldest first."""
        self._current()
        return self.lists.deliberations(region, status, page)

    def ratifications(self, region, page: Page):
        """Decrees of kabupaten/kota in a region, oldest first."""
        self._current()
        return self.lists.ratifications(region, page)

    def determinations(self, page: Page):
        """The ministry's determinations, oldest first."""
        self._current()
        return self.lists.determinations(page)

    def users(self, role, page: Page):
        """Accounts, oldest first."""
        self._current()
        return self.lists.users(role, page)

    def ratified_proposal_ids(self) -> list[str]:
        """Every proposal that is ratified now, oldest ratification first."""
        self._current()
        return self.lists.ratified_proposal_ids()

    def registered_at(self, region, days):
        """(families, people) registered in a region on each of the days."""
        self._current()
        return self.oversight.registered_at(region, days)

    def activity(self, region, first, last):
        """What each child region of a region did from `first` to `last`."""
        self._current()
        return self.oversight.activity(region, first, last)

    def audit(self, scope: str | None, after: int, limit: int):
        """A page of the raw log for an auditor of `scope`."""
        if scope:
            self._current()  # the region of each event comes from a read model
        return audit_page(self.projector.log, self.ledger, scope, after, limit)

    def audit_search(self, scope: str | None, after: int, limit: int, wanted):
        """A page of the raw log for an auditor of `scope`, filtered by `wanted`."""
        if scope:
            self._current()
        log = self.projector.log
        return audit_search(log, self.ledger, scope, after, limit, wanted)

    def close(self) -> None:
        """Close this thread's read connection."""
        self.store.close()


def open_service(
    url: str | None = None, migrate: str = "now", budget: float | None = None
) -> Ledger:
    """The ledger with its read side attached (`ledger.index`); its statements
    bounded by `budget` seconds when given; nothing stays open when the store
    cannot be reached."""
    ledger = open_ledger(url, budget=budget)
    try:
        ReadSide(ledger, migrate=migrate)
    except BaseException:
        ledger.close()
        raise
    return ledger
