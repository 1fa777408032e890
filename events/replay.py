"""Replaying runs of baseline events in bulk, for rebuilds.

A baseline holds a million people, each one event that only inserts rows. A
rebuild parses each such event once and writes the rows the handlers would
(built by the same functions), but counts the tally once per desa and day
(and the people by birth date and sex once per region and day) instead of
once per person, and settles the streams in key order, so that the
B-tree of stream ids is walked once per run. A test compares the result with
the database built event by event, row for row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from operator import itemgetter

from events import projections, trail
from events.born import born_in_bulk
from events.log import Log, LoggedEvent
from events.models import ReadModel
from events.schema import AUDIT, REGISTRY

PERSON = "dtks.person.baselined"
FAMILY = "dtks.family.baselined"
BULK = {PERSON, FAMILY}


def in_bulk(topic: str, models: Sequence[ReadModel]) -> bool:
    """Whether events of `topic` can be replayed in bulk into `models`."""
    return topic in BULK and all(
        m.bulk is not None or m.handler(topic) is None for m in models
    )


def replay(cur, models: Sequence[ReadModel], events: list[LoggedEvent], log: Log):
    """Apply a run of baseline events to the models, each event parsed once."""
    facts = [(e.stream_id, log.data(e), e.position) for e in events]
    for model in models:
        if model.bulk is not None:
            model.bulk(cur, facts)


def _registry(cur, facts: list) -> None:
    """Rows of families and people baselined, and their tally per desa and day."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    people: Counter = Counter()
    for _, e, pos in facts:
        desa, since = e["desa"], e["change"]["effective_on"]
        if e["_topic"] == FAMILY:
            cur.insert(projections.FAMILY, (e["kk"], desa, e["address"], since, pos))
            counts[desa, since][0] += 1
            continue
        row = projections.membership_row(
            e["nik"], e["kk"], desa, e["details"], since, pos
        )
        cur.insert(projections.MEMBERSHIP, row)
        cur.insert(
            projections.CHANGE, projections.change_row(pos, e, "added", e["kk"], desa)
        )
        counts[desa, since][1] += 1
        details = e["details"]
        people[desa, details.get("birth_date"), details.get("sex"), since] += 1
    for (desa, day), (families, persons) in counts.items():
        projections.tally(cur, desa, day, families, persons)
    born_in_bulk(cur, people)


def _audit(cur, facts: list) -> None:
    """Each event's region (a row where a run begins), and each family settled
    in the desa it names (a person's desa is their rm_membership row's)."""
    for sid, e, pos in facts:
        trail.mark(cur, pos, e["desa"])
        cur.memo.pop(sid, None)
    settled = sorted(
        ((sid, e["desa"] or None) for sid, e, _ in facts if e["_topic"] == FAMILY),
        key=itemgetter(0),
    )
    for row in settled:
        cur.insert(trail.MOVED_TO, row)


REGISTRY.bulk = _registry
AUDIT.bulk = _audit
