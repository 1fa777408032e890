"""Receipts of writes made with an Idempotency-Key, saved with the write itself."""

from __future__ import annotations

from uuid import UUID, uuid5

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.domain.ids import NAMESPACE


def receipt_id(actor_id: str, key: str) -> UUID:
    """One receipt stream per account and key."""
    return uuid5(NAMESPACE, f"idempotency:{actor_id}:{key}")


@versioned
class Receipt(LedgerAggregate):
    """Which record, at which version, a keyed request produced."""

    TOPIC = "dtks.receipt"

    @fact(
        "Recorded",
        "dtks.receipt.recorded",
        "a write was made with an Idempotency-Key; a repeat returns the same result",
        "any account that writes",
    )
    def __init__(
        self, id: UUID, fingerprint: str, record_id: str, record_version: int, by: dict
    ):
        self.fingerprint = fingerprint
        self.record_id = record_id
        self.record_version = record_version
