"""Reads of a person's or a family's record: scoped, and noted in the access log.

The API and the web pages both read personal records through these, so the
scope rule (out of scope answers as not found) and the note of who read whose
record (SPEC §10) are written once. A refused read is noted too.
"""

from __future__ import annotations

from api.access import note
from workflow.actors import Actor
from workflow.errors import NotFound, OutOfScope
from workflow.problems import Problem


def visible(actor: Actor, desa: str | None, what: Problem) -> None:
    """Refuse a record of `desa` outside the actor's scope, as if it did not exist."""
    if desa is None or not actor.sees(desa):
        raise OutOfScope(Problem("scope.record_outside", what=what, scope=actor.region))


def family_on(actor: Actor, registry, kk: str, as_of: str) -> dict:
    """The family with No. KK `kk` as it stood on `as_of`."""
    found = registry.family(kk, as_of)
    desa = found["desa"] if found else registry.known_family_desa(kk)
    note(kk=kk, region=desa)
    visible(actor, desa, Problem("record.named", what="family", key=kk))
    if found is None:
        raise NotFound(Problem("registry.family_on", as_of=as_of), kk)
    return found


def person_on(actor: Actor, registry, nik: str, as_of: str) -> dict:
    """The person with NIK `nik` on `as_of`: registered or not, in which family."""
    found = registry.person(nik, as_of)
    note(nik=nik, kk=found and found["kk"], region=found and found["desa"])
    if found is None:
        raise NotFound("person in the registry history with NIK", nik)
    visible(actor, found["desa"], Problem("record.named", what="NIK", key=nik))
    return found


def history_of(actor: Actor, registry, nik: str) -> list[dict]:
    """Every change of a person, oldest first, with the decisions behind each."""
    items = registry.history(nik)
    note(nik=nik, region=items[-1]["desa"] if items else None)
    if not items:
        raise NotFound("person in the registry history with NIK", nik)
    if not any(item["desa"] and actor.sees(item["desa"]) for item in items):
        raise OutOfScope(Problem("scope.never_registered", nik=nik))
    return items
