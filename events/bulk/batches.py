"""What travels along the bulk path: checked families, encoded batches, and
the writers that record them."""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from events.bulk.records import Fact, Row
from workflow.baseline_checks import Rejected


class Marshalled:
    """A dataclass that crosses between processes as one marshal blob of its
    fields, which marshal writes 2-3x faster than pickle writes the objects."""

    def __reduce__(self) -> tuple:
        return _unmarshalled, (type(self), marshal.dumps(tuple(vars(self).values())))


def _unmarshalled(kind: type, plain: bytes) -> Any:
    return kind(*marshal.loads(plain))


class Accounted:
    """A part of the file: the line numbers of each family that passed
    (`family_lines`) and a rejected entry for each row of those that did not."""

    family_lines: list[list[int]]
    rejected: list[Rejected]

    @property
    def lines(self) -> int:
        """How many of the file's rows this part accounts for, accepted or not."""
        return sum(map(len, self.family_lines)) + len(self.rejected)


@dataclass
class Checked(Marshalled, Accounted):
    """Families of the file that passed every check, in the form a proposal has."""

    contents: list[dict] = field(default_factory=list)
    family_lines: list[list[int]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


@dataclass
class Batch(Marshalled, Accounted):
    """Families checked and encoded together, to be recorded in one transaction.

    `packed` is what the writer made of the batch's events in the preparing
    process, `events` how many there are: each family's event and then one per
    member. `family_lines` holds each family's line numbers in the file, in
    the same order. The families themselves are not kept: in the rare case that
    a batch has to be done again family by family, they are read back from the
    events.
    """

    family_lines: list[list[int]] = field(default_factory=list)
    packed: Any = None
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def families(self) -> int:
        """How many families the batch registers."""
        return len(self.family_lines)

    @property
    def people(self) -> int:
        """The members of the batch's families: every event but the families'."""
        return self.events - len(self.family_lines)


class BatchWriter(Protocol):
    """Where the batches of an import go.

    `start` is called once the import is under way; `pack` in the process
    that prepares a batch, with its events and, when `facts` is true, what each
    of them says; it returns plain data (numbers, text, bytes, lists, tuples
    and dicts of them). `record` gets that in this process and records the
    events, raising IntegrityError, having recorded none of them, when an
    event's stream is taken; `rows` gives the events of a packed batch back.
    `commit` is called after the last batch.
    """

    facts: bool

    def start(self) -> None: ...
    def pack(self, rows: list[Row], facts: list[Fact] | None) -> Any: ...
    def record(self, packed: Any) -> None: ...
    def rows(self, packed: Any) -> list[Row]: ...
    def commit(self) -> None: ...


class LogWriter:
    """Batches go to the event store's own insert; the read side catches up later."""

    facts = False  # nothing is projected ahead

    def __init__(self, recorder: Any):
        self.recorder = recorder

    def start(self) -> None:
        """Nothing to prepare."""

    def pack(self, rows: list[Row], facts: list[Fact] | None) -> list[Row]:
        """The rows as they are."""
        return rows

    def record(self, packed: list[Row]) -> None:
        """Insert the batch's events in one transaction."""
        self.recorder.insert_events(
            [StoredEvent(UUID(hex=h), v, topic, state) for h, v, topic, state in packed]
        )

    def rows(self, packed: list[Row]) -> list[Row]:
        """The rows as they are."""
        return packed

    def commit(self) -> None:
        """Each batch is committed as it is recorded."""
