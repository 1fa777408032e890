"""Loading an existing DTKS file as the registry a region starts from.

Families are saved many per transaction on the assumption that they are new,
one event per family and one per person; when the store says otherwise (a
re-import, or a NIK already registered), that batch is done again family by
family against the registry as it stands.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

import orjson
from eventsourcing.persistence import IntegrityError, StoredEvent

from events.bulk.background import in_background, rarely_collecting
from workflow.actors import Actor
from workflow.domain.baseline import Baseline
from workflow.domain.registry import (
    Family,
    Person,
    family_hex,
    family_id,
    person_hex,
    person_id,
)
from workflow.drafts import check_proposal
from workflow.errors import InvalidInput, WorkflowError
from workflow.usecases.core import LedgerCore

# Families per transaction. Each commit writes every index page it touched, and
# random keys (NIKs, stream ids) touch most pages of their index, so fewer,
# larger transactions write far less; 10,000 measured best at a million people.
BATCH = 10_000
# A stored event as the SQLite store holds it: stream id in hex, version, topic, state
Row = tuple[str, int, str, bytes]
# What the same event says, as its state decodes: stream id in hex, topic, fields
Fact = tuple[str, str, dict]
Rejected = tuple[int, str, str]


@dataclass
class FamilyRows:
    """The rows of one family in the file: line numbers and member fields.

    `problem` says why the file's rows cannot make a family (say, they disagree
    on the desa); every row is then rejected with it.
    """

    kk: str
    desa: str
    address: str | None
    lines: list[int]
    members: list[dict]
    problem: str | None = None


@dataclass
class Outcome:
    """What an import did."""

    baseline_id: str = ""
    families: int = 0
    people: int = 0
    already: int = 0
    rejected: list[Rejected] = field(default_factory=list)


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


class BaselineUseCases(LedgerCore):
    """The baseline import."""

    def import_baseline(
        self,
        actor: Actor,
        families: Iterable[FamilyRows],
        source: dict,
        progress: Callable[[int], None] = lambda n: None,
        writer: BatchWriter | None = None,
        parallel: bool = False,
    ) -> Outcome:
        """Register every valid family of the file; reject the rest by line.

        `writer` records each batch of new families' events: by default the
        event store's own insert; the read side offers one that also brings the
        read models up to date. With `parallel`, the families are read and
        checked in one more process and encoded in another, while this one
        records them.
        """
        writer = writer or LogWriter(self.recorder)
        actor.require("admin", "system")
        by = actor.stamp()
        baseline = Baseline(source=source, by=by)
        self.save(baseline)
        outcome = Outcome(baseline_id=str(baseline.id))
        # The file, its decree and its SHA-256 are on the baseline's own event.
        change = {
            "kind": "baseline",
            "baseline_id": str(baseline.id),
            "effective_on": source["effective_on"],
        }
        writer.start()
        preparation = Preparation(self.mapper, change, by, writer)
        if parallel:  # one process reads and checks, one encodes, this one records
            checked = in_background(preparation.checked(families))
            batches = in_background(preparation.encoded(checked))
        else:
            batches = preparation.encoded(preparation.checked(families))
        # closed however the loop ends, so that the preparing processes stop
        with rarely_collecting(), contextlib.closing(batches):
            for batch in batches:
                outcome.rejected += batch.rejected
                self._load(batch, change, by, outcome, writer)
                progress(batch.lines)
        writer.commit()
        baseline.finish(
            {
                "families": outcome.families,
                "people": outcome.people,
                "already_registered": outcome.already,
                "rejected_rows": len(outcome.rejected),
            },
            by,
        )
        self.save(baseline)
        return outcome

    def _load(self, batch: Batch, change, by, outcome: Outcome, writer) -> None:
        if not batch.families:
            return
        try:
            writer.record(batch.packed)
            outcome.families += batch.families
            outcome.people += batch.people
        except IntegrityError:  # some are in the store already: one by one
            rows = writer.rows(batch.packed)
            for family in self._families_in(rows, batch.family_lines):
                self._load_one(family, content_of(family), change, by, outcome)

    def _families_in(
        self, rows: list[Row], family_lines: list[list[int]]
    ) -> Iterator[FamilyRows]:
        """The batch's families as the file gave them, read back from their events."""
        events: Iterator[Any] = (
            self.mapper.to_domain_event(StoredEvent(UUID(hex=h), v, topic, state))
            for h, v, topic, state in rows
        )
        for lines in family_lines:
            family = next(events)
            members = [
                {"nik": person.nik, **person.details}
                for person in itertools.islice(events, len(family.members))
            ]
            yield FamilyRows(family.kk, family.desa, family.address, lines, members)

    def _load_one(self, rows, content, change, by, outcome: Outcome) -> None:
        """One family through the aggregates, against the registry as it stands."""
        kk, desa, address = (
            content["family"]["kk"],
            content["desa"],
            content["family"]["address"],
        )
        niks = [m["nik"] for m in content["members"]]
        family = self.stored(family_id(kk))
        if (
            family is not None
            and family.registered
            and sorted(family.members) == (sorted(niks))
        ):
            outcome.already += 1
            return
        try:
            if family is not None and (family.registered or family.open_proposals):
                raise WorkflowError(
                    f"No. KK {kk} is already in the registry or has an open proposal"
                )
            people = []
            for member in content["members"]:
                person = self.stored(person_id(member["nik"]))
                if person is None:
                    person = Person.baselined(
                        nik=member["nik"],
                        kk=kk,
                        desa=desa,
                        details=_details(member),
                        change=change,
                        by=by,
                    )
                elif person.registered:
                    raise WorkflowError(
                        f"NIK {person.nik} is already registered in family {person.kk}"
                    )
                elif person.open_proposal:
                    raise WorkflowError(
                        f"NIK {person.nik} has open proposal {person.open_proposal}"
                    )
                else:
                    person.enrol(kk, desa, _details(member), change, by)
                people.append(person)
            if family is None:
                family = Family.baselined(
                    kk=kk,
                    desa=desa,
                    address=address,
                    members=niks,
                    change=change,
                    by=by,
                )
            else:  # the No. KK was named before, in a proposal that did not pass
                family.register(desa, address, change, by)
                family.change_members(niks, [], change, by)
            self.save(family, *people)
            outcome.families += 1
            outcome.people += len(people)
        except (WorkflowError, IntegrityError) as error:
            _reject(rows, outcome.rejected, {"family": [str(error)]})


class Preparation:
    """The reading, checking and encoding of an import, apart from its recording.

    Two stages, which may run in processes of their own: `checked` keeps the
    NIKs seen so far in the file, so that a NIK in two families is caught;
    `encoded` turns what passed into the events to record.
    """

    def __init__(self, mapper: Any, change: dict, by: dict, writer: BatchWriter):
        self.mapper, self.change, self.by = mapper, change, by
        self.writer = writer
        self.seen: dict[str, str] = {}

    def checked(self, families: Iterable[FamilyRows]) -> Iterator[Checked]:
        """The file's families in groups of up to BATCH that passed every check.

        The first group is a tenth of that, so that the stages after this one
        start soon instead of waiting, a core idle, for a whole group.
        """
        group, size = Checked(), max(1, BATCH // 10)
        for rows in families:
            content = self._checked(rows, group.rejected)
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

    def _checked(self, rows: FamilyRows, rejected: list) -> dict | None:
        if rows.problem:
            _reject(rows, rejected, {"family": [rows.problem]})
            return None
        try:
            content = content_of(rows)
        except InvalidInput as invalid:
            _reject(rows, rejected, invalid.errors)
            return None
        for index, member in enumerate(content["members"]):
            other = self.seen.get(member["nik"])
            if other is not None:
                message = f"NIK {member['nik']} is also in family {other}"
                _reject(rows, rejected, {f"members.{index}.nik": [message]})
                return None
        for member in content["members"]:
            self.seen[member["nik"]] = rows.kk
        return content


def content_of(rows: FamilyRows) -> dict:
    """The family as an add proposal would carry it, checked by the same rules."""
    return check_proposal(
        {
            "kind": "add",
            "desa": rows.desa,
            "members": rows.members,
            "family": {"kk": rows.kk, "address": rows.address},
        }
    )


class BaselineRecords:
    """The stored events of families new to the store, encoded in bulk.

    The same facts as `Family.baselined` and `Person.baselined` (a test holds the
    two equal), written as the library's mapper would write them but without
    building an event object per person, and as plain rows that pass cheaply
    between processes. Beside each row, `facts` keeps what its state decodes to
    (when asked), so that read models can be built without decoding it again.
    """

    def __init__(self, mapper: Any, change: dict, by: dict, facts: bool = True):
        self.mapper, self.change, self.by = mapper, change, by
        self.now = Person.Baselined.create_timestamp().isoformat()
        stamp = orjson.dumps({"_type_": "datetime_iso", "_data_": self.now})
        self._topics = {
            aggregate: b'{"timestamp":%b,"originator_topic":%b,'
            % (stamp, orjson.dumps(aggregate.TOPIC))
            for aggregate in (Family, Person)
        }
        self._tail = b',"change":%b,"by":%b}' % (orjson.dumps(change), orjson.dumps(by))
        self.rows: list[Row] = []
        self.facts: list[Fact] | None = [] if facts else None

    def add(self, content: dict) -> None:
        """The family's event, then one event per member."""
        kk, desa = content["family"]["kk"], content["desa"]
        members = content["members"]
        family = {
            "kk": kk,
            "desa": desa,
            "address": content["family"]["address"],
            "members": [m["nik"] for m in members],
        }
        self._record(family_hex(kk), Family, family)
        for member in members:
            person = {
                "nik": member["nik"],
                "kk": kk,
                "desa": desa,
                "details": _details(member),
            }
            self._record(person_hex(member["nik"]), Person, person)

    def _record(self, stream: str, aggregate: Any, fields: dict) -> None:
        state = self._topics[aggregate] + orjson.dumps(fields)[1:-1] + self._tail
        if self.mapper.compressor:
            state = self.mapper.compressor.compress(state)
        if self.mapper.cipher:
            state = self.mapper.cipher.encrypt(state)
        topic = aggregate.Baselined.TOPIC
        self.rows.append((stream, 1, topic, state))
        if self.facts is None:
            return
        fact = {"timestamp": self.now, "originator_topic": aggregate.TOPIC, **fields}
        fact["change"], fact["by"] = self.change, self.by
        self.facts.append((stream, topic, fact))


def _details(member: dict) -> dict:
    return {k: v for k, v in member.items() if k != "nik"}


def _reject(rows: FamilyRows, rejected: list, errors: dict) -> None:
    """Every row of the family is rejected; each names the reasons that apply to it.

    A row gets its own problems and the family's; a row with none is rejected
    for the problems of its family's other rows, which it names.
    """
    family = [m for f, ms in errors.items() if not f.startswith("members.") for m in ms]
    others = "; ".join(
        f"{f}: {' '.join(ms)}" for f, ms in errors.items() if f.startswith("members.")
    )
    for index, line in enumerate(rows.lines):
        nik = rows.members[index].get("nik", "") if index < len(rows.members) else ""
        own = [
            m
            for f, ms in errors.items()
            if f.startswith(f"members.{index}.")
            for m in ms
        ]
        reasons = own + family or [f"another row of the family: {others}"]
        rejected.append((line, str(nik), "; ".join(reasons)))
