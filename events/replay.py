"""Replaying runs of baseline events in bulk, for rebuilds, in SQL.

A baseline holds a million people, each one event that only inserts rows. A
rebuild has the database read those events' JSON itself and write the rows
the handlers would, by INSERT ... SELECT: no row passes through Python. Each
run's events are read once into a temporary table (their JSON parsed once);
the tallies of families and people are staged per run and added to their
tables once, in key order, at the end of the rebuild (`finish`), instead of
by a million upserts at random places of their B-trees. A run holding an
event of an older shape, which the library upcasts, goes through the
handlers instead. A test compares the result with the database built event
by event, row for row (tests/integration/test_rebuild.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from events import projections, trail
from events.born import BORN
from events.log import DASHED, Log, columns_of
from events.models import ReadModel
from events.schema import AUDIT, REGISTRY
from events.statements import selecting
from workflow.regions import WIDTH

PERSON = "dtks.person.baselined"
FAMILY = "dtks.family.baselined"
BULK = {PERSON, FAMILY}
OLDER_SHAPE = b'"class_version"'  # in the JSON of an event the library may upcast
# A desa's regions are the first characters of its code (workflow.regions.WIDTH).
PROVINCE, KABKOTA, KECAMATAN = WIDTH[1], WIDTH[2], WIDTH[3]


def in_bulk(topic: str, models: Sequence[ReadModel]) -> bool:
    """Whether events of `topic` can be replayed in bulk into `models`."""
    return topic in BULK and all(
        m.bulk is not None or m.handler(topic) is None for m in models
    )


class Run:
    """A run of baseline events in the log, read by SQL."""

    def __init__(self, log: Log, first: int, last: int):
        self.first, self.last = first, last
        self.postgres = log.store.dialect == "postgres"
        self.position, self.stream = columns_of(log.store)
        if not self.postgres:  # SQLite keeps 32 hex digits: dashed, as the read side
            self.stream = DASHED
        self.table = log.table

    def current(self, cur) -> bool:
        """Whether no event of the run carries "class_version" in its JSON, as
        the library writes an event it may have to upcast (a value cannot hold
        the quoted word: JSON escapes its quotes)."""
        found = "position(? in state) > 0" if self.postgres else "instr(state, ?) > 0"
        statement = (
            f"SELECT 1 FROM {self.table} WHERE {self.position} BETWEEN ? AND ? "
            f"AND {found} LIMIT 1"
        )
        params = (self.first, self.last, OLDER_SHAPE)
        return not cur.execute(statement, params).fetchall()

    def field(self, path: str) -> str:
        """SQL of a field of the event's JSON, `j` ("change.effective_on")."""
        if self.postgres:
            return "(j #>> '{" + path.replace(".", ",") + "}')"
        return f"json_extract(j, '$.{path}')"

    def stage(self, cur) -> None:
        """Read the run's events into STAGED, a row each with their fields."""
        state = (
            "convert_from(state, 'UTF8')::jsonb"
            if self.postgres
            else "CAST(state AS TEXT)"
        )
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {STAGED} ({STAGED_COLUMNS})")
        cur.execute(f"DELETE FROM {STAGED}")
        fields = ", ".join(self.field(path) for path in FIELDS.values())
        cur.execute(
            f"INSERT INTO {STAGED} SELECT pos, sid, topic, {fields} FROM "
            f"(SELECT {self.position} AS pos, {self.stream} AS sid, topic, "
            f"{state} AS j FROM {self.table} WHERE {self.position} BETWEEN ? AND ? "
            "AND topic IN (?, ?)) e ORDER BY pos",
            (self.first, self.last, FAMILY, PERSON),
        )


# The columns of STAGED after pos, sid and topic: the event's JSON paths.
FIELDS = {
    "nik": "nik",
    "kk": "kk",
    "desa": "desa",
    "address": "address",
    **{name: f"details.{name}" for name in projections.FIELDS},
    "since": "change.effective_on",
    "proposal_id": "change.proposal_id",
    "determination_id": "change.determination_id",
    "kind": "change.kind",
    "reason": "change.reason",
    "recorded_at": "timestamp._data_",
}
STAGED = "replay_run"
STAGED_COLUMNS = "pos BIGINT, sid TEXT, topic TEXT, " + ", ".join(
    f"{column} TEXT" for column in FIELDS
)
# Counts staged per run, added to their tables at the end (`finish`).
TALLIES = "replay_tally"
BORN_TALLIES = "replay_born_tally"


def replay(cur, models: Sequence[ReadModel], run: Run) -> None:
    """Apply a run of baseline events to the models, in SQL."""
    run.stage(cur)
    for model in models:
        if model.bulk is not None:
            model.bulk(cur)


def finish(cur, models: Sequence[ReadModel]) -> None:
    """Add the counts the runs staged to their tables, once, in key order."""
    if REGISTRY in models:
        _add_counts(cur)
    for table in (STAGED, TALLIES, BORN_TALLIES):
        cur.execute(f"DROP TABLE IF EXISTS {table}")


def _add_counts(cur) -> None:
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TALLIES} ({TALLY_COLUMNS})")
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {BORN_TALLIES} ({BORN_COLUMNS})")
    cur.execute(
        selecting(
            projections.TALLY,
            f"SELECT desa, substr(desa, 1, {PROVINCE}), substr(desa, 1, {KABKOTA}), "
            f"substr(desa, 1, {KECAMATAN}), day, SUM(families), SUM(people) "
            f"FROM {TALLIES} WHERE true GROUP BY desa, day",
        )
    )
    cur.execute(
        selecting(
            BORN,
            "SELECT region, birth_date, sex, day, SUM(people) "
            f"FROM {BORN_TALLIES} WHERE true GROUP BY region, birth_date, sex, day",
        )
    )


TALLY_COLUMNS = "desa TEXT, day TEXT, families BIGINT, people BIGINT"
BORN_COLUMNS = "region TEXT, birth_date TEXT, sex TEXT, day TEXT, people BIGINT"


def _registry(cur) -> None:
    """Rows of families and people baselined; their counts staged."""
    people = f"FROM {STAGED} WHERE topic = '{PERSON}' ORDER BY pos"
    cur.execute(
        selecting(
            projections.FAMILY,
            f"SELECT kk, desa, address, since, NULL, pos FROM {STAGED} "
            f"WHERE topic = '{FAMILY}' ORDER BY pos",
        )
    )
    cur.execute(
        selecting(
            projections.MEMBERSHIP,
            f"SELECT nik, kk, desa, substr(desa, 1, {KECAMATAN}), "
            f"substr(desa, 1, {KABKOTA}), substr(desa, 1, {PROVINCE}), "
            f"{projections.COLUMNS}, since, NULL, pos {people}",
        )
    )
    cur.execute(
        selecting(
            projections.CHANGE,
            "SELECT pos, nik, 'added', kk, desa, since, proposal_id, "
            f"determination_id, kind, reason, recorded_at, NULL {people}",
        )
    )
    family = f"CASE WHEN topic = '{FAMILY}' THEN 1 ELSE 0 END"
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TALLIES} ({TALLY_COLUMNS})")
    cur.execute(
        f"INSERT INTO {TALLIES} SELECT desa, since, SUM({family}), "
        f"SUM(1 - {family}) FROM {STAGED} GROUP BY desa, since"
    )
    levels = f"SELECT {KABKOTA} AS width UNION ALL SELECT {KECAMATAN}"
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {BORN_TALLIES} ({BORN_COLUMNS})")
    cur.execute(
        f"INSERT INTO {BORN_TALLIES} SELECT substr(desa, 1, l.width), "
        "COALESCE(birth_date, ''), COALESCE(sex, ''), since, COUNT(*) "
        f"FROM {STAGED} CROSS JOIN ({levels}) l WHERE topic = '{PERSON}' "
        "GROUP BY 1, 2, 3, 4"
    )


def _audit(cur) -> None:
    """Each event's region (a row where a run begins), and each family settled
    in the desa it names (a person's desa is their rm_membership row's)."""
    begins = cur.execute(
        "SELECT pos, desa FROM (SELECT pos, desa, LAG(desa) OVER (ORDER BY pos) "
        f"AS prior FROM (SELECT pos, COALESCE(desa, '') AS desa FROM {STAGED}) r) b "
        "WHERE prior IS NULL OR prior <> desa ORDER BY pos"
    ).fetchall()
    last = trail.last_region(cur)
    # Cached regions of the run's streams are out of date: the memo is only a
    # cache of rows sent or about to be, so it can start again.
    cur.memo.clear()
    cur.memo[trail.LAST] = last
    for pos, desa in begins:
        trail.mark(cur, pos, desa)
    cur.execute(
        selecting(
            trail.MOVED_TO,
            f"SELECT sid, NULLIF(desa, '') FROM {STAGED} WHERE topic = '{FAMILY}' "
            "ORDER BY sid",
        )
    )


REGISTRY.bulk = _registry
AUDIT.bulk = _audit
