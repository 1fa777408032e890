"""The stored events of families new to the store, encoded in bulk."""

from __future__ import annotations

from typing import Any

import orjson

from workflow.baseline_checks import details_of
from workflow.domain.family import Family
from workflow.domain.ids import family_hex, person_hex
from workflow.domain.person import Person

# A stored event as the SQLite store holds it: stream id in hex, version, topic, state
Row = tuple[str, int, str, bytes]
# What the same event says, as its state decodes: stream id in hex, topic, fields
Fact = tuple[str, str, dict]


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
                "details": details_of(member),
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
