"""Twelve monthly determinations of about 2% churn, as registry events.

The changes are the registry events a determination records (enrolments,
removals, corrections, each with its effective date). They are applied to the
per-NIK and per-KK streams directly rather than walked through proposals, so
the history can be generated in minutes; the read side sees the same events.
"""

from __future__ import annotations

import datetime as dt
import random

from bench.population import Numbers
from workflow.actors import command_line_actor

MONTHS = 12
SHARE = 0.02
BATCH = 500


def _month_start(month: int) -> str:
    year, index = divmod(7 + month - 1, 12)
    return dt.date(2025 + year, index + 1, 1).isoformat()


def apply_churn(ledger, seed: int = 3) -> int:
    """Apply the churn; returns how many people changed."""
    rng, by = random.Random(seed), command_line_actor().stamp()
    family_ids = [
        n.originator_id
        for n in ledger.recorder.select_notifications(
            None, 10**9, topics=["dtks.family.baselined", "dtks.family.registered"]
        )
    ]
    # Babies are born after the baseline's youngest member, so their NIKs never
    # meet a baseline NIK.
    numbers, changed = Numbers(), 0
    people = max(1, len(family_ids) * 7 // 2)
    for month in range(1, MONTHS + 1):
        change = {
            "kind": "bench",
            "determination_id": f"bench-{month}",
            "effective_on": _month_start(month),
            "proposal_id": None,
            "reason": None,
        }
        picks = rng.sample(family_ids, min(len(family_ids), int(people * SHARE)))
        for start in range(0, len(picks), BATCH):
            touched = []
            for fid in picks[start : start + BATCH]:
                touched += _change_one(ledger, rng, numbers, fid, change, by)
            ledger.save(*touched)
            changed += len(picks[start : start + BATCH])
    return changed


def _change_one(ledger, rng, numbers, fid, change, by) -> list:
    family = ledger.repository.get(fid)
    if not family.registered or not family.members:
        return []
    roll = rng.random()
    if roll < 0.4 and len(family.members) > 1:
        person = ledger.person(family.members[-1], by)
        person.remove(
            "moved" if rng.random() < 0.6 else "deceased",
            {**change, "reason": "moved"},
            by,
        )
        family.change_members([], [person.nik], change, by)
        return [family, person]
    if roll < 0.8:
        born = dt.date.fromisoformat(change["effective_on"]) - dt.timedelta(days=20)
        sex = rng.choice("MF")
        nik = numbers.nik(family.desa, born, sex)
        baby = ledger.person(nik, by)
        baby.enrol(
            family.kk,
            family.desa,
            {
                "name": "Bayi",
                "sex": sex,
                "birth_date": born.isoformat(),
                "relationship": "child",
            },
            change,
            by,
        )
        family.change_members([nik], [], change, by)
        return [family, baby]
    person = ledger.person(family.members[0], by)
    person.correct(
        {"occupation": rng.choice(["Nelayan", "Buruh pabrik", "Ojek"])}, change, by
    )
    return [person]
