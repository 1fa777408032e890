"""The read side of one process: projector, registry queries and audit stream."""

from __future__ import annotations

import os
from typing import Any

from events.audit import audit_page
from events.db import ReadStore
from events.projector import Projector
from events.queries import RegistryQueries


class ReadSide:
    """Read models kept in step with the ledger.

    In the single-host default every read first applies what the log holds, so a
    read always reflects every write acknowledged before it. A deployment that
    runs `dtks projections run` beside its workers may turn that off
    (DTKS_CATCH_UP_ON_READ=0) and accept the follower's small lag.
    """

    def __init__(self, ledger: Any, batch: int = 1000):
        self.ledger = ledger
        self.store = ReadStore(ledger.env)
        self.projector = Projector(ledger, self.store, batch=batch)
        self.registry = RegistryQueries(self.store)
        self.catch_up_on_read = os.environ.get("DTKS_CATCH_UP_ON_READ", "1") != "0"

    def fresh(self) -> RegistryQueries:
        """The registry queries, after applying every event recorded so far."""
        if self.catch_up_on_read:
            self.projector.catch_up()
        return self.registry

    def audit(self, scope: str | None, after: int, limit: int):
        """A page of the raw log for an auditor of `scope`."""
        if scope:
            self.fresh()  # the region of each stream comes from the projection
        return audit_page(self.ledger, self.store, scope, after, limit)

    def close(self) -> None:
        """Close this thread's read connection."""
        self.store.close()
