"""A proposal checked against the registry, telling no more than the caller's scope.

A conflict with a record outside the caller's region is never described (SPEC
§10): an `add` that meets one hears only that the NIK or No. KK cannot be
proposed now, whether it is registered or in an open proposal elsewhere; a
change that names one hears what it would hear if the record did not exist.
"""

from __future__ import annotations

from collections.abc import Callable

from workflow.domain.family import Family
from workflow.domain.person import Person
from workflow.domain.proposal import Proposal
from workflow.errors import ProposalConflict
from workflow.problems import Problem

Sees = Callable[[str], bool]


def check_against_registry(
    proposal: Proposal, family: Family, people: list[Person], sees: Sees
) -> None:
    """Refuse a proposal that contradicts the registry as it stands."""
    kk, adds = proposal.kk, proposal.kind == "add"
    desa = family.desa if family.registered else None
    if desa is not None and desa != proposal.desa:
        raise ProposalConflict(
            Problem("kk.other_desa", kk=kk, desa=desa, proposed=proposal.desa)
            if sees(desa)
            else Problem("kk.unavailable" if adds else "kk.unregistered", kk=kk)
        )
    if not adds and not family.registered:
        raise ProposalConflict(Problem("kk.unregistered", kk=kk))
    for person in people:
        seen = person.desa is None or sees(person.desa)
        if adds and person.registered:
            raise ProposalConflict(
                Problem("nik.registered", nik=person.nik, kk=person.kk)
                if seen
                else Problem("nik.unavailable", nik=person.nik)
            )
        if not adds and person.kk != kk:
            raise ProposalConflict(
                Problem("nik.other_family", nik=person.nik, other=person.kk, kk=kk)
                if person.registered and seen
                else Problem("nik.unregistered", nik=person.nik, kk=kk)
            )


def discreet(
    conflict: ProposalConflict, desa_of: Callable[[str], str], sees: Sees
) -> ProposalConflict:
    """The conflict as the caller may hear it: an open proposal of a desa
    outside its scope is not named, nor told apart from a registration."""
    params = getattr(conflict.message, "params", {})
    blocking = params.get("proposal")
    if blocking is None or sees(desa_of(blocking)):
        return conflict
    key = "nik" if "nik" in params else "kk"
    return ProposalConflict(Problem(f"{key}.unavailable", **{key: params[key]}))
