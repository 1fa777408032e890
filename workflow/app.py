"""The ledger application: every use case, on the configured event store."""

from __future__ import annotations

from workflow.storage import schema_lock, store_env
from workflow.usecases.accounts import AccountUseCases
from workflow.usecases.baseline import BaselineUseCases
from workflow.usecases.decrees import DecreeUseCases
from workflow.usecases.deliberations import DeliberationUseCases
from workflow.usecases.listing import ListingUseCases
from workflow.usecases.proposals import ProposalUseCases


class Ledger(
    ProposalUseCases,
    DeliberationUseCases,
    DecreeUseCases,
    AccountUseCases,
    ListingUseCases,
    BaselineUseCases,
):
    """The DTKS verval ledger. Build one per process, after any fork."""

    name = "dtks"


def open_ledger(url: str | None = None) -> Ledger:
    """Open the ledger on the store named by `url` (default: DTKS_DATABASE_URL)."""
    env = store_env(url)
    with schema_lock(env):
        return Ledger(env=env)
