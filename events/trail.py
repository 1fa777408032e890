"""Handler of the audit read model: the region each event concerned when it happened.

A regional auditor reads the log through `rm_event_region`, which holds runs:
a row where the region changes from the event before (the first event of the
run), so a desa's baseline of thousands of people is one row; the audit query
expands runs into positions (events/audit.py). The region comes from
what the event itself names (a desa, a proposal, a decree's kabupaten/kota, an
account's scope; a ministry determination is national); failing that, from the
region its stream concerns at that moment, so a person who moves shows up for
the new desa's auditor from the move on while the old desa keeps the past.
"""

from __future__ import annotations

import functools

from events.models import EVERY
from events.projections import REGISTERED_IN
from events.schema import AUDIT
from workflow.domain.ids import family_id, person_id

FIRST_REGION = (
    "INSERT INTO rm_stream_region (stream_id, region) VALUES (?, ?) "
    "ON CONFLICT (stream_id) DO NOTHING"
)
MOVED_TO = (
    "INSERT INTO rm_stream_region (stream_id, region) VALUES (?, ?) "
    "ON CONFLICT (stream_id) DO UPDATE SET region = excluded.region"
)
EVENT_REGION = "INSERT INTO rm_event_region VALUES (?, ?, ?, ?, ?)"
# The memo's key for the levels of the last event's region (() before the first
# event), which decides whether the next event begins a run.
LAST = "region of the last event"
# Inserts keyed by a random first value (a stream id): a bulk load sends their
# rows in key order, so that B-tree inserts touch pages in turn.
KEY_ORDERED = {FIRST_REGION, MOVED_TO}
# Events that put their stream in the region they name: a registration, or
# the creation of a record that belongs to one region for good.
SETTLING = {
    "dtks.person.baselined",
    "dtks.person.enrolled",
    "dtks.family.baselined",
    "dtks.family.registered",
    "dtks.proposal.submitted",
    "dtks.deliberation.opened",
    "dtks.ratification.signed",
    "dtks.user.registered",
}
# A person's region is the desa of their latest registered state, which
# rm_membership holds already: their registration writes no rm_stream_region
# row (a million of them at the scale of record); the stream's row, if any, is
# the first region a proposal gave it, for a person not registered yet.
REGISTERED = {"dtks.person.baselined", "dtks.person.enrolled"}
PERSON = "dtks.person."


@AUDIT.on(EVERY)
def concerned(cur, sid: str, e: dict, pos: int) -> None:
    """Record the region of one event, and move its stream when it settles."""
    region = _named(cur, sid, e)
    if region is None:
        region = _registered_in(cur, e, pos) or _stream_region(cur, sid)
    elif e["_topic"] in REGISTERED:
        cur.memo.pop(sid, None)  # rm_membership places the person from now on
    elif e["_topic"] in SETTLING:
        cur.insert(MOVED_TO, (sid, region or None))
        cur.memo[sid] = region or None
    else:
        _first_region(cur, sid, region or None)
    mark(cur, pos, region)


def mark(cur, pos: int, region: str | None) -> None:
    """Note the region of the event at `pos`: a row when it begins a run."""
    levels = _levels(region)
    if levels != last_region(cur):
        cur.insert(EVENT_REGION, (pos, *levels))
    cur.memo[LAST] = levels


def last_region(cur) -> tuple:
    """The levels of the last event's region, () when there is none yet."""
    if LAST not in cur.memo:
        row = cur.execute(
            "SELECT province, kabkota, kecamatan, desa FROM rm_event_region "
            "ORDER BY position DESC LIMIT 1"
        ).fetchone()
        cur.memo[LAST] = tuple(row) if row else ()
    return cur.memo[LAST]


@functools.cache  # a few thousand regions, met millions of times in a rebuild
def _levels(region: str | None) -> tuple:
    parts = (region or "").split(".")
    levels = [".".join(parts[:n]) if len(parts) >= n else None for n in (1, 2, 3, 4)]
    return tuple(level or None for level in levels)


def _named(cur, sid: str, e: dict) -> str | None:
    """The region the event's own data names, if any."""
    if "desa" in e:
        return e["desa"]
    if "content" in e:
        _streams_of_proposal(cur, sid, e["content"])
        return e["content"]["desa"]
    if "minutes" in e:
        return e["minutes"]["desa"]
    if "decree" in e and "kabkota" in e["decree"]:
        return e["decree"]["kabkota"]
    if e["_topic"] == "dtks.user.registered":
        return e["region"] or ""
    if "proposal_id" in e:
        return _proposal_desa(cur, e["proposal_id"])
    return None


def _streams_of_proposal(cur, sid: str, content: dict) -> None:
    """A new proposal gives its family's and people's streams their first region."""
    cur.memo["proposal:" + sid] = content["desa"]
    _first_region(cur, str(family_id(content["family"]["kk"])), content["desa"])
    for member in content["members"]:
        _first_region(cur, str(person_id(member["nik"])), content["desa"])


def _first_region(cur, stream_id: str, region: str | None) -> None:
    """Give a stream its region unless it has one (then the memo may be stale)."""
    cur.insert(FIRST_REGION, (stream_id, region))
    cur.memo.pop(stream_id, None)


def _proposal_desa(cur, proposal_id: str) -> str | None:
    key = "proposal:" + proposal_id
    if key not in cur.memo:
        row = cur.execute(
            "SELECT desa FROM rm_proposal WHERE id = ?", (proposal_id,)
        ).fetchone()
        cur.memo[key] = row[0] if row else None
    return cur.memo[key]


def _registered_in(cur, e: dict, pos: int) -> str | None:
    """A person's desa as of the event at `pos`, if they were registered by then
    (a state that ended keeps its desa, as the stream's region did)."""
    if not (e["_topic"].startswith(PERSON) and "nik" in e):
        return None
    known = cur.memo.get(REGISTERED_IN + e["nik"])  # the registry's, just now
    if known is not None:
        return known
    row = cur.execute(
        "SELECT desa FROM rm_membership WHERE nik = ? AND position <= ? "
        "ORDER BY position DESC LIMIT 1",
        (e["nik"], pos),
        key=e["nik"],
    ).fetchone()
    return row[0] if row else None


def _stream_region(cur, stream_id: str) -> str | None:
    if stream_id not in cur.memo:
        row = cur.execute(
            "SELECT region FROM rm_stream_region WHERE stream_id = ?", (stream_id,)
        ).fetchone()
        cur.memo[stream_id] = row[0] if row else None
    return cur.memo[stream_id]


def _regions_ahead(cur, events: list) -> None:
    """Read the regions of a batch's streams in a few queries, into the memo."""
    wanted = sorted({e.stream_id for e in events} - cur.memo.keys())
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found = dict(
            cur.execute(
                "SELECT stream_id, region FROM rm_stream_region "
                f"WHERE stream_id IN ({marks})",
                chunk,
            ).fetchall()
        )
        cur.memo.update({sid: found.get(sid) for sid in chunk})


AUDIT.prefetch = _regions_ahead
