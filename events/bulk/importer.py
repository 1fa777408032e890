"""A baseline import's families recorded many per transaction.

Families are saved in batches on the assumption that they are new, one event
per family and one per person; when the store says otherwise (a re-import, or
a NIK already registered), that batch is done again family by family through
the use case, against the registry as it stands. The rules are the use case's
(`workflow.baseline_checks`); this is how their families reach the log fast.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent

from events.bulk.background import in_background, rarely_collecting
from events.bulk.batches import Batch, BatchWriter, Checked, LogWriter
from events.bulk.records import BaselineRecords, Row
from workflow.actors import Actor
from workflow.baseline_checks import FamilyRows, FileChecks, content_of
from workflow.usecases.baseline import BaselineUseCases, Importing, Outcome

# Families per transaction. Each commit writes every index page it touched, and
# random keys (NIKs, stream ids) touch most pages of their index, so fewer,
# larger transactions write far less; 10,000 measured best at a million people.
BATCH = 10_000


def import_baseline(
    ledger: BaselineUseCases,
    actor: Actor,
    families: Iterable[FamilyRows],
    source: dict,
    progress: Callable[[int], None] = lambda n: None,
    writer: BatchWriter | None = None,
    parallel: bool = False,
) -> Outcome:
    """The ledger's baseline import, its new families recorded in batches.

    `writer` records each batch: by default the event store's own insert; the
    read side offers one that also brings the read models up to date. With
    `parallel`, the families are read and checked in one more process and
    encoded in another, while this one records them.
    """
    recording = BulkRecording(ledger, writer or LogWriter(ledger.recorder), parallel)
    return ledger.import_baseline(
        actor, families, source, progress, recording=recording
    )


class BulkRecording:
    """Records the families of a baseline import in batches (see the module)."""

    def __init__(self, ledger: BaselineUseCases, writer: BatchWriter, parallel: bool):
        self.ledger, self.writer, self.parallel = ledger, writer, parallel

    def __call__(self, families: Iterable[FamilyRows], importing: Importing) -> None:
        """Check, encode and record the families, counting them as they go."""
        self.writer.start()
        preparation = Preparation(
            self.ledger.mapper, importing.change, importing.by, self.writer
        )
        if self.parallel:  # one process reads and checks, one encodes, this records
            checked = in_background(preparation.checked(families))
            batches = in_background(preparation.encoded(checked))
        else:
            batches = preparation.encoded(preparation.checked(families))
        # closed however the loop ends, so that the preparing processes stop
        with rarely_collecting(), contextlib.closing(batches):
            for batch in batches:
                importing.outcome.rejected += batch.rejected
                self._load(batch, importing)
                importing.progress(batch.lines)
        self.writer.commit()

    def _load(self, batch: Batch, importing: Importing) -> None:
        if not batch.families:
            return
        try:
            self.writer.record(batch.packed)
            importing.outcome.families += batch.families
            importing.outcome.people += batch.people
        except IntegrityError:  # some are in the store already: one by one
            rows = self.writer.rows(batch.packed)
            for family in self._families_in(rows, batch.family_lines):
                content = content_of(family)
                self.ledger.register_family(family, content, importing)

    def _families_in(
        self, rows: list[Row], family_lines: list[list[int]]
    ) -> Iterator[FamilyRows]:
        """The batch's families as the file gave them, read back from their events."""
        events: Iterator[Any] = (
            self.ledger.mapper.to_domain_event(StoredEvent(UUID(hex=h), v, t, state))
            for h, v, t, state in rows
        )
        for lines in family_lines:
            family = next(events)
            members = [
                {"nik": person.nik, **person.details}
                for person in itertools.islice(events, len(family.members))
            ]
            yield FamilyRows(family.kk, family.desa, family.address, lines, members)


class Preparation:
    """The reading, checking and encoding of an import, apart from its recording.

    Two stages, which may run in processes of their own: `checked` keeps the
    NIKs seen so far in the file, so that a NIK in two families is caught;
    `encoded` turns what passed into the events to record.
    """

    def __init__(self, mapper: Any, change: dict, by: dict, writer: BatchWriter):
        self.mapper, self.change, self.by = mapper, change, by
        self.writer = writer
        self.checks = FileChecks()

    def checked(self, families: Iterable[FamilyRows]) -> Iterator[Checked]:
        """The file's families in groups of up to BATCH that passed every check.

        The first group is a tenth of that, so that the stages after this one
        start soon instead of waiting, a core idle, for a whole group.
        """
        group, size = Checked(), max(1, BATCH // 10)
        for rows in families:
            content = self.checks.passed(rows, group.rejected)
            if content is None:
                continue
            group.contents.append(content)
            group.family_lines.append(rows.lines)
            if len(group.contents) == size:
                yield group
                group, size = Checked(), BATCH
        yield group

    def encoded(self, groups: Iterable[Checked]) -> Generator[Batch, None, None]:
        """Each group's events, packed by the writer.

        However this ends, the groups' generator is closed, so that the process
        producing them stops and cleans up now, not when (or if) it is collected.
        """
        writer = self.writer
        try:
            for group in groups:
                records = BaselineRecords(
                    self.mapper, self.change, self.by, writer.facts
                )
                for content in group.contents:
                    records.add(content)
                packed = writer.pack(records.rows, records.facts)
                yield Batch(
                    group.family_lines, packed, len(records.rows), group.rejected
                )
        finally:
            if isinstance(groups, Generator):
                groups.close()
