"""The ledger application: every use case, on the configured event store."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from eventsourcing.persistence import ApplicationRecorder, InfrastructureFactory
from eventsourcing.utils import Environment

from workflow.storage import schema_lock, store_env
from workflow.store_limits import limit_factory, serving_env
from workflow.usecases.accounts import AccountUseCases
from workflow.usecases.baseline import BaselineUseCases
from workflow.usecases.decrees import DecreeUseCases
from workflow.usecases.deliberations import DeliberationUseCases
from workflow.usecases.listing import ListingUseCases
from workflow.usecases.oversight import OversightUseCases
from workflow.usecases.proposals import ProposalUseCases


class Ledger(
    ProposalUseCases,
    DeliberationUseCases,
    DecreeUseCases,
    AccountUseCases,
    ListingUseCases,
    OversightUseCases,
    BaselineUseCases,
):
    """The DTKS verval ledger. Build one per process, after any fork."""

    name = "dtks"

    def construct_factory(self, env: Environment) -> InfrastructureFactory:
        """The library's factory, its connections bounded before any opens."""
        factory = super().construct_factory(env)
        limit_factory(factory, env)
        return factory

    def on_close(self, step: Callable[[], None]) -> None:
        """Run `step` when the ledger closes, before its store goes: writes kept
        in memory beside it (the access log's queue) are stored then, not at
        the process's exit, when the store may already be gone."""
        self.__dict__.setdefault("_closing", []).append(step)

    def close(self) -> None:
        """Run the steps given to `on_close`, latest first; then close."""
        for step in reversed(self.__dict__.pop("_closing", [])):
            step()
        super().close()

    def __del__(self) -> None:
        """Collected unclosed: the library's own close only. The steps are for
        an explicit close; what they close (a read store) may outlive the
        ledger and still be in use when the collector runs."""
        with contextlib.suppress(AttributeError):
            super().close()

    def construct_recorder(self) -> ApplicationRecorder:
        """The recorder; when the store cannot be reached, nothing stays open."""
        try:
            return super().construct_recorder()
        except BaseException:
            self.factory.close()  # its pool would keep reconnecting for minutes
            raise


def open_ledger(url: str | None = None, budget: float | None = None) -> Ledger:
    """Open the ledger on the store named by `url` (default: DTKS_DATABASE_URL).

    A serving process names its request `budget` in seconds: no statement of
    its connections then runs longer.
    """
    env = store_env(url)
    if budget is not None:
        env = serving_env(env, budget)
    with schema_lock(env):
        return Ledger(env=env)
