"""50,000 proposals over every status, with their Musdes and decrees, as events.

The proposals, deliberations, ratifications and determinations are built with
the aggregates' own commands (the same events the use cases record) and saved
in batches; the claims the use cases also write on each NIK's and No. KK's
stream are left out, since no list reads them. At the scale of record (SPEC
§7) this adds about 250,000 events to a kabupaten of a million people.
"""

from __future__ import annotations

import datetime as dt
import random

from bench.population import Numbers, desa_codes
from workflow.domain.decrees import Determination, Ratification
from workflow.domain.deliberation import Deliberation
from workflow.domain.proposal import Proposal

# How far each proposal got, and how many of each (about 50,000 in all).
STAGES = {
    "submitted": 9000,
    "in_deliberation": 6000,
    "endorsed": 7000,
    "verified": 6000,
    "ratified": 6000,
    "determined": 9000,
    "rejected": 4000,
    "withdrawn": 3000,
}
PEOPLE = {"id": "bench-operator", "name": "Operator Bench", "role": "operator"}
CAMAT = {"id": "bench-camat", "name": "Camat Bench", "role": "camat"}
DINSOS = {"id": "bench-verifier", "name": "Dinsos Bench", "role": "verifier"}
BUPATI = {"id": "bench-ratifier", "name": "Bupati Bench", "role": "ratifier"}
MINISTRY = {"id": "bench-ministry", "name": "Kemensos Bench", "role": "ministry"}
DECREE = {
    "period": "2026-06",
    "decree_number": "KEP-BENCH",
    "effective_on": "2026-06-01",
}
VERVAL = {"eligible": True, "nik_matched": True, "checked_on": "2026-06-10"}


def _content(rng: random.Random, numbers: Numbers, desa: str) -> dict:
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))
    sex = rng.choice("MF")
    kind = rng.choice(("add", "add", "remove", "update"))
    member = {"nik": numbers.nik(desa, born, sex)}
    if kind != "remove":
        member |= {"name": "Warga Bench", "birth_date": born.isoformat(), "sex": sex}
        member |= {"relationship": "head"}
    return {
        "kind": kind,
        "desa": desa,
        "family": {"kk": numbers.kk(desa, born), "address": "RT 01 RW 01"},
        "members": [member],
        "criteria": ["low_income"],
        "reason": "moved" if kind == "remove" else None,
        "note": None,
    }


def _advance(proposal: Proposal, stage: str, musdes: Deliberation) -> None:
    """Take a submitted proposal through the steps up to `stage`."""
    if stage == "submitted":
        return
    if stage == "withdrawn":
        proposal.withdraw("pindah sebelum Musdes", PEOPLE)
        return
    proposal.table(str(musdes.id), PEOPLE)
    if stage == "in_deliberation":
        return
    if stage == "rejected":
        proposal.reject_at_deliberation("tidak memenuhi kriteria", CAMAT)
        return
    proposal.endorse(None, CAMAT)
    steps = ["verified", "ratified", "determined"]
    for step in steps[: steps.index(stage) + 1] if stage in steps else []:
        if step == "verified":
            proposal.record_verval(VERVAL, DINSOS)
        elif step == "ratified":
            proposal.ratify("bench-sk", "SK 460/BENCH/2026", BUPATI)
        else:
            proposal.determine("bench-kep", DECREE, MINISTRY)


def generate(ledger, seed: int = 5, batch: int = 500) -> dict:
    """Record the proposals and their paperwork; returns counts by status."""
    rng, numbers, codes = random.Random(seed), Numbers(), desa_codes()
    stages = [s for s, n in STAGES.items() for _ in range(n)]
    rng.shuffle(stages)
    pending: list = []
    for start in range(0, len(stages), batch):
        desa = codes[(start // batch) % len(codes)]
        minutes = {"desa": desa, "held_on": "2026-05-20", "chaired_by": "Kades Bench"}
        minutes |= {"minutes_number": f"BA/{start}", "attendees": 40}
        musdes = Deliberation(minutes, [], by=PEOPLE)
        for stage in stages[start : start + batch]:
            proposal = Proposal(content=_content(rng, numbers, desa), by=PEOPLE)
            _advance(proposal, stage, musdes)
            pending.append(proposal)
        ledger.save(musdes, *pending)
        pending = []
    decree = {"kabkota": "33.20", "decree_number": "SK 460/BENCH/2026"}
    ledger.save(Ratification({**decree, "signed_on": "2026-06-15"}, [], by=BUPATI))
    ledger.save(Determination(DECREE, [], by=MINISTRY))
    return dict(STAGES)
