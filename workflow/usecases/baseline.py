"""Loading an existing DTKS file as the registry a region starts from.

Each family of the file meets the rules of `workflow.baseline_checks`. By
default each family that passes is registered through the aggregates, against
the registry as it stands; the bulk path (`events.bulk`) records new families
many per transaction instead, and hands back here, to `register_family`, those
the store says are not new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import IntegrityError

from workflow.actors import Actor
from workflow.baseline_checks import (
    FamilyRows,
    FileChecks,
    Rejected,
    details_of,
    reject,
)
from workflow.domain.baseline import Baseline
from workflow.domain.family import Family
from workflow.domain.ids import family_id, person_id
from workflow.domain.person import Person
from workflow.errors import WorkflowError
from workflow.usecases.core import LedgerCore


@dataclass
class Outcome:
    """What an import did."""

    baseline_id: str = ""
    families: int = 0
    people: int = 0
    already: int = 0
    rejected: list[Rejected] = field(default_factory=list)


@dataclass
class Importing:
    """An import under way: the `change` and `by` its families are recorded
    under, what it did so far, and who hears of each row accounted for."""

    change: dict
    by: dict
    outcome: Outcome
    progress: Callable[[int], None]


# How an import records the file's families: each that passes the `FileChecks`
# is registered and counted, and every row reported as accounted for.
Recording = Callable[[Iterable[FamilyRows], Importing], None]


class BaselineUseCases(LedgerCore):
    """The baseline import."""

    def import_baseline(
        self,
        actor: Actor,
        families: Iterable[FamilyRows],
        source: dict,
        progress: Callable[[int], None] = lambda n: None,
        recording: Recording | None = None,
    ) -> Outcome:
        """Register every valid family of the file; reject the rest by line.

        `recording` records the families that pass: by default one by one
        through the aggregates; `events.bulk` offers one that records many per
        transaction.
        """
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
        importing = Importing(change, by, outcome, progress)
        (recording or self.register_each)(families, importing)
        counts = {
            "families": outcome.families,
            "people": outcome.people,
            "already_registered": outcome.already,
            "rejected_rows": len(outcome.rejected),
        }
        baseline.finish(counts, by)
        self.save(baseline)
        return outcome

    def register_each(
        self, families: Iterable[FamilyRows], importing: Importing
    ) -> None:
        """Check the file's families and register each that passes, one by one."""
        checks = FileChecks()
        for rows in families:
            content = checks.passed(rows, importing.outcome.rejected)
            if content is not None:
                self.register_family(rows, content, importing)
            importing.progress(len(rows.lines))

    def register_family(
        self, rows: FamilyRows, content: dict, importing: Importing
    ) -> None:
        """One family through the aggregates, against the registry as it stands."""
        change, by, outcome = importing.change, importing.by, importing.outcome
        niks = [m["nik"] for m in content["members"]]
        family = self.stored(family_id(content["family"]["kk"]))
        known = family is not None and family.registered
        if known and sorted(family.members) == sorted(niks):
            outcome.already += 1
            return
        try:
            self.save(*self._baselined(family, content, change, by))
        except (WorkflowError, IntegrityError) as error:
            reject(rows, outcome.rejected, {"family": [str(error)]})
            return
        outcome.families += 1
        outcome.people += len(niks)

    def _baselined(self, family: Any, content: dict, change: dict, by: dict) -> list:
        """The family and its members as the baseline enters them, or a
        WorkflowError saying why the registry cannot take them."""
        kk, desa = content["family"]["kk"], content["desa"]
        address, members = content["family"]["address"], content["members"]
        if family is not None and (family.registered or family.open_proposals):
            raise WorkflowError(
                f"No. KK {kk} is already in the registry or has an open proposal"
            )
        people = [self._baselined_person(kk, desa, m, change, by) for m in members]
        niks = [m["nik"] for m in members]
        if family is None:
            family = Family.baselined(
                kk=kk, desa=desa, address=address, members=niks, change=change, by=by
            )
        else:  # the No. KK was named before, in a proposal that did not pass
            family.register(desa, address, change, by)
            family.change_members(niks, [], change, by)
        return [family, *people]

    def _baselined_person(
        self, kk: str, desa: str, member: dict, change: dict, by: dict
    ) -> Any:
        """The member's stream, enrolled in the family, unless the NIK is taken."""
        person = self.stored(person_id(member["nik"]))
        if person is None:
            return Person.baselined(
                nik=member["nik"],
                kk=kk,
                desa=desa,
                details=details_of(member),
                change=change,
                by=by,
            )
        if person.registered:
            raise WorkflowError(
                f"NIK {person.nik} is already registered in family {person.kk}"
            )
        if person.open_proposal:
            raise WorkflowError(
                f"NIK {person.nik} has open proposal {person.open_proposal}"
            )
        person.enrol(kk, desa, details_of(member), change, by)
        return person
