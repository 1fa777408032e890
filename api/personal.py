"""Reads of a person's or a family's record: scoped, and noted in the access log.

The API and the web pages both read personal records through these, so the
scope rule (a record outside the reader's scope answers exactly as one that
does not exist, docs/TRUST.md) and the note of who read whose record (SPEC §10)
are written once. A refused read is noted too.
"""

from __future__ import annotations

from api.access import note
from workflow.actors import Actor
from workflow.errors import NotFound
from workflow.problems import Problem

PERSON = "person in the registry history with NIK"


def family_on(actor: Actor, registry, kk: str, as_of: str) -> dict:
    """The family with No. KK `kk` as it stood on `as_of`."""
    found = registry.family(kk, as_of)
    desa = found["desa"] if found else registry.known_family_desa(kk)
    note(kk=kk, region=desa)
    if found is None or not actor.sees(found["desa"]):
        raise NotFound(Problem("registry.family_on", as_of=as_of), kk)
    return found


def person_on(actor: Actor, registry, nik: str, as_of: str) -> dict:
    """The person with NIK `nik` on `as_of`: registered or not, in which family."""
    found = registry.person(nik, as_of)
    note(nik=nik, kk=found and found["kk"], region=found and found["desa"])
    if found is None or not (found["desa"] and actor.sees(found["desa"])):
        raise NotFound(PERSON, nik)
    return found


def history_of(actor: Actor, registry, nik: str) -> list[dict]:
    """The changes of a person recorded in the reader's scope, oldest first,
    with the decisions behind each."""
    items = registry.history(nik)
    note(nik=nik, region=items[-1]["desa"] if items else None)
    shown = [item for item in items if item["desa"] and actor.sees(item["desa"])]
    if not shown:
        raise NotFound(PERSON, nik)
    return shown
