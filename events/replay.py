"""Replaying runs of baseline events with set-based SQL, for rebuilds.

A baseline holds a million people, each one event that only inserts rows. A
rebuild copies a run of such events into the read models with one
INSERT ... SELECT per table, letting the database read their JSON itself, so
no event of the run is parsed in Python. The rows are the ones the Python
handlers write for the same events (a test compares the two, row for row).
"""

from __future__ import annotations

from events.log import Log, columns_of
from events.projections import FIELDS, TALLY

PERSON = "dtks.person.baselined"
FAMILY = "dtks.family.baselined"
SET_BASED = {PERSON, FAMILY}
CHANGE = ("proposal_id", "determination_id", "kind", "reason")


class SetBasedReplay:
    """The INSERT ... SELECT statements of each model for baseline events."""

    def __init__(self, log: Log):
        self.log = log
        postgres = log.store.dialect == "postgres"
        self.position, self.stream = columns_of(log.store)
        if postgres:
            self.state = "convert_from(state, 'UTF8')::jsonb"
        else:
            self.state = "CAST(state AS TEXT)"
        self.postgres = postgres

    def field(self, path: str) -> str:
        """The text at a dotted path of the event's JSON (`j` in the SELECT)."""
        if self.postgres:
            return "j #>> '{" + path.replace(".", ",") + "}'"
        return f"json_extract(j, '$.{path}')"

    def _select(self, columns: list[str]) -> str:
        return (
            f"SELECT {', '.join(columns)} FROM (SELECT {self.position} AS pos, "
            f"{self.stream} AS sid, {self.state} AS j FROM {self.log.table} "
            f"WHERE {self.position} BETWEEN ? AND ? AND topic = ?) AS run"
        )

    def statements(self, model: str) -> list[tuple[str, str]]:
        """(topic, statement) pairs of a model; each takes (first, last, topic)."""
        if model == "registry":
            return self._registry()
        if model == "audit":
            return self._audit()
        return []

    def _registry(self) -> list[tuple[str, str]]:
        f, desa = self.field, self.field("desa")
        kecamatan, kabkota, province = (f"substr({desa},1,{n})" for n in (8, 5, 2))
        details = [f(f"details.{name}") for name in FIELDS]
        since = f("change.effective_on")
        change = [f(f"change.{key}") for key in CHANGE]
        membership = [f("nik"), f("kk"), desa, kecamatan, kabkota, province]
        added = ["pos", f("nik"), "'added'", f("kk"), desa, since, *change]
        family = [f("kk"), desa, f("address"), since, "NULL", "pos"]
        return [
            (
                PERSON,
                "INSERT INTO rm_membership "
                + self._select([*membership, *details, since, "NULL", "pos"]),
            ),
            (
                PERSON,
                "INSERT INTO rm_change "
                + self._select([*added, f("timestamp._data_"), "NULL"]),
            ),
            (FAMILY, "INSERT INTO rm_family " + self._select(family)),
            (PERSON, self._tally(desa, since, "0, COUNT(*)")),
            (FAMILY, self._tally(desa, since, "COUNT(*), 0")),
        ]

    def _tally(self, desa: str, since: str, counts: str) -> str:
        """The run's registrations counted per desa and day: one row per key, as
        PostgreSQL's ON CONFLICT DO UPDATE may not meet a key twice in a statement."""
        head, upsert = TALLY.split(" VALUES ")
        per_day = self._select([f"{desa} AS desa", f"{since} AS day"])
        regions = ", ".join(f"substr(desa,1,{n})" for n in (2, 5, 8))
        return (
            f"{head} SELECT desa, {regions}, day, {counts} FROM ({per_day}) AS days "
            "WHERE true GROUP BY desa, day" + upsert.split(")", 1)[1]
        )

    def _audit(self) -> list[tuple[str, str]]:
        desa = self.field("desa")
        regions = [f"substr({desa},1,{n})" for n in (2, 5, 8)]
        settle = (
            "INSERT INTO rm_stream_region (stream_id, region) "
            + self._select(["sid", desa])
            + " WHERE true ON CONFLICT (stream_id) DO UPDATE "
            "SET region = excluded.region"
        )
        concern = "INSERT INTO rm_event_region " + self._select(["pos", *regions, desa])
        return [(topic, s) for topic in (PERSON, FAMILY) for s in (settle, concern)]

    def apply(self, cur, models, first: int, last: int) -> None:
        """Copy the baseline events from `first` to `last` into the models."""
        for model in models:
            for topic, statement in self.statements(model.name):
                cur.execute(statement, (first, last, topic))
