"""What every use case shares: loading, claiming, and saving with retry."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, OperationalError

from workflow.actors import Actor
from workflow.domain.family import Family
from workflow.domain.ids import family_id, person_id
from workflow.domain.person import Person
from workflow.domain.proposal import Proposal
from workflow.domain.receipts import Receipt, receipt_id
from workflow.errors import Conflict, InvalidInput, NotFound, StaleVersion
from workflow.ports import WorkflowIndex
from workflow.problems import Problem
from workflow.regions import region_problem
from workflow.store_limits import contended

A = TypeVar("A")
Attempt = Callable[[], tuple[Iterable[Any], Any]]
RETRIES = 12


@dataclass(frozen=True)
class KeyedRequest:
    """A write that carries an Idempotency-Key: who sent it, and what it said."""

    actor: dict
    key: str
    fingerprint: str


KEYED: ContextVar[KeyedRequest | None] = ContextVar("keyed_request", default=None)


class LedgerCore(Application):
    """The event-sourced application all use cases share."""

    name = "dtks"
    #: The read side's indexes; attached by events.readside.ReadSide.
    index: WorkflowIndex | None = None

    def _index(self) -> WorkflowIndex:
        if self.index is None:
            raise RuntimeError("the ledger was opened without its read side")
        return self.index

    def load(self, cls: type[A], key: object, what: str) -> A:
        """Load an aggregate of the given class, or raise NotFound naming it."""
        try:
            uuid = key if isinstance(key, UUID) else UUID(str(key))
            found: object = self.repository.get(uuid)
        except (ValueError, AggregateNotFoundError):
            raise NotFound(what, key) from None
        if not isinstance(found, cls):
            raise NotFound(what, key)
        return found

    def referenced(
        self,
        cls: type[A],
        ids: list[str],
        field: str,
        seen: Callable[[A], bool] = lambda record: True,
    ) -> list[A]:
        """Load the records a request body refers to; unknown ones, and those
        the caller may not see (`seen` false), are the same input error."""
        found: list[A] = []
        errors: dict[str, list[str]] = {}
        what = cls.__name__.lower()
        for index, key in enumerate(ids):
            try:
                record = self.load(cls, key, what)
                if not seen(record):
                    raise NotFound(what, key)
                found.append(record)
            except NotFound as missing:
                errors[f"{field}.{index}"] = [missing.message]
        if errors:
            raise InvalidInput(errors)
        return found

    def stored(self, stream_id: UUID) -> Any:
        """The aggregate of a stream, or None when nothing was recorded on it."""
        try:
            return self.repository.get(stream_id)
        except AggregateNotFoundError:
            return None

    def person(self, nik: str, by: dict) -> Person:
        """The stream of a NIK, started now if the NIK is new."""
        return self.stored(person_id(nik)) or Person(nik=nik, by=by)

    def family(self, kk: str, by: dict) -> Family:
        """The stream of a No. KK, started now if the number is new."""
        return self.stored(family_id(kk)) or Family(kk=kk, by=by)

    def commit(self, attempt: Attempt) -> Any:
        """Run `attempt` and save what it changed in one atomic write.

        When another process saved a change to one of the same records first, the
        whole attempt runs again on fresh state: its rules are checked anew, so it
        either succeeds or fails with the domain error the winner caused.
        """
        keyed, started = KEYED.get(), time.monotonic()
        for tries in range(1, RETRIES + 1):
            if keyed and (earlier := self._earlier_result(keyed)) is not None:
                return earlier
            aggregates, result = attempt()
            if keyed:
                aggregates = [*aggregates, _receipt(keyed, result)]
            try:
                self.save(*aggregates)
                return result
            except (IntegrityError, OperationalError) as error:
                if not contended(error, started):
                    raise  # the store is gone or too slow: no use waiting longer
                if tries == RETRIES:
                    raise Conflict(Problem("write.contended")) from None
                time.sleep(random.uniform(0, 0.01 * tries))
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def idempotent(self, keyed: KeyedRequest) -> Iterator[None]:
        """Within this block, a repeated key returns the first write's result."""
        token = KEYED.set(keyed)
        try:
            yield
        finally:
            KEYED.reset(token)

    def _earlier_result(self, keyed: KeyedRequest) -> Any:
        try:
            receipt: Any = self.repository.get(receipt_id(keyed.actor["id"], keyed.key))
        except AggregateNotFoundError:
            return None
        if receipt.fingerprint != keyed.fingerprint:
            raise InvalidInput(
                {"Idempotency-Key": [Problem("idempotency.reused", key=keyed.key)]}
            )
        return self.repository.get(
            UUID(receipt.record_id), version=receipt.record_version
        )

    def release_claims(self, proposal: Proposal, by: dict) -> list[Any]:
        """Free the NIKs and the KK of a proposal that has closed."""
        family = self.family(proposal.kk, by)
        family.release(str(proposal.id), by)
        people = [self.person(nik, by) for nik in proposal.niks]
        for person in people:
            person.release(str(proposal.id), by)
        return [family, *people]


def check_version(record: Any, expected: int | None, what: str) -> None:
    """Refuse to act on a record whose version is not the one the caller saw."""
    if expected is not None and expected != record.version:
        raise StaleVersion(what, expected, record.version)


def _receipt(keyed: KeyedRequest, result: Any) -> Receipt:
    return Receipt(
        id=receipt_id(keyed.actor["id"], keyed.key),
        fingerprint=keyed.fingerprint,
        record_id=str(result.id),
        record_version=result.version,
        by=keyed.actor,
    )


def require_region_in(actor: Actor, body: Any, field: str, level: int) -> None:
    """Decide scope from the region a body names, before the body is validated.

    A request outside the actor's region is refused as such (403) even when the
    rest of its body is wrong; an unknown code, or one of the wrong level, is left
    to validation (422).
    """
    code = body.get(field) if isinstance(body, dict) else None
    if isinstance(code, str) and region_problem(code, level) is None:
        actor.require_region(code)
