"""Builders for realistic test data: NIKs, families, proposals, actors."""

from __future__ import annotations

import datetime as dt

from workflow.actors import Actor, command_line_actor

DESA = "33.20.01.2001"  # Kedungmalang, Kedung, Kabupaten Jepara
OTHER_DESA = "33.20.01.2002"  # Kalianyar, same kecamatan
KECAMATAN = "33.20.01"
KABKOTA = "33.20"
FAR_DESA = "64.09.01.2001"  # Penajam Paser Utara


def nik(birth: str, sex: str, serial: int, kecamatan: str = "332001") -> str:
    """A structurally valid NIK for a person born on `birth` (YYYY-MM-DD)."""
    born = dt.date.fromisoformat(birth)
    day = born.day + (40 if sex == "F" else 0)
    return f"{kecamatan}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def kk(registered: str, serial: int, kecamatan: str = "332001") -> str:
    """A structurally valid No. KK registered on `registered` (YYYY-MM-DD)."""
    on = dt.date.fromisoformat(registered)
    return f"{kecamatan}{on.day:02d}{on.month:02d}{on.year % 100:02d}{serial:04d}"


def member(birth: str, sex: str, serial: int, name: str, relationship: str) -> dict:
    """A member as an operator would type it into a proposal."""
    return {
        "nik": nik(birth, sex, serial),
        "name": name,
        "birth_date": birth,
        "sex": sex,
        "relationship": relationship,
    }


def family_of_three(serial: int = 1) -> tuple[str, list[dict]]:
    """The Suparno family: father, mother, and a toddler."""
    return kk("2015-03-12", serial), [
        member("1984-02-07", "M", serial, "Suparno", "head"),
        member("1988-06-21", "F", serial, "Siti Aminah", "spouse"),
        member("2023-01-30", "M", serial + 1, "Rizky Pratama", "child"),
    ]


def add_body(kk_number: str, members: list[dict], desa: str = DESA) -> dict:
    """A proposal to add a new family."""
    return {
        "kind": "add",
        "desa": desa,
        "family": {"kk": kk_number, "address": "RT 02 RW 01, Dukuh Krajan"},
        "members": members,
        "criteria": ["low_income", "informal_work", "stunting"],
        "note": "Keluarga buruh tani, anak balita stunting",
    }


def make_actors(ledger) -> dict[str, Actor]:
    """One account of each role, scoped to Kabupaten Jepara where a scope applies."""
    scopes = {
        "operator": DESA,
        "camat": KECAMATAN,
        "verifier": KABKOTA,
        "ratifier": KABKOTA,
        "ministry": None,
        "auditor": None,
        "admin": None,
    }
    actors = {}
    for role, region in scopes.items():
        _user, token = ledger.add_user(
            command_line_actor(),
            {"name": f"{role.title()} Test", "role": role, "region": region},
        )
        actors[role] = ledger.authenticate(token)
    return actors


def deliberate(ledger, actors, proposal_ids, outcome="approve", held_on="2026-10-05"):
    """Record a Musdes of the operator's desa deciding on the proposals, and send
    it to the camat."""
    body = {
        "desa": actors["operator"].region,
        "held_on": held_on,
        "minutes_number": "BA-MUSDES/017/X/2026",
        "chaired_by": "H. Ahmad Sholeh (Kepala Desa)",
        "attendees": 37,
        "decisions": [
            {"proposal_id": str(p), "outcome": outcome} for p in proposal_ids
        ],
    }
    deliberation = ledger.open_deliberation(actors["operator"], body)
    return ledger.submit_deliberation(actors["operator"], deliberation.id)


def walk_to_ratified(ledger, actors, proposal_ids, decree="188.4/412/2026"):
    """Deliberate, approve, verify and ratify the proposals."""
    deliberation = deliberate(ledger, actors, proposal_ids)
    ledger.decide_deliberation(
        actors["camat"], deliberation.id, {"decision": "approve"}
    )
    for pid in proposal_ids:
        ledger.record_verval(
            actors["verifier"],
            pid,
            {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"},
        )
    ledger.ratify(
        actors["ratifier"],
        {
            "kabkota": actors["ratifier"].region,
            "decree_number": decree,
            "signed_on": "2026-10-28",
            "proposal_ids": [str(p) for p in proposal_ids],
        },
    )


def determine(ledger, actors, proposal_ids, effective_on, period, decree="KEP"):
    """Walk proposals to ratified and determine them, effective on a date."""
    walk_to_ratified(ledger, actors, proposal_ids, decree=f"SK-{period}")
    return ledger.determine(
        actors["ministry"],
        {
            "period": period,
            "decree_number": f"{decree}/{period}",
            "effective_on": effective_on,
            "proposal_ids": [str(p) for p in proposal_ids],
        },
    )


def removal(ledger, actors, kk_number, niks, reason="moved"):
    """A proposal removing members (or the whole family when niks is empty)."""
    return ledger.submit_proposal(
        actors["operator"],
        {
            "kind": "remove",
            "desa": DESA,
            "family": {"kk": kk_number},
            "members": [{"nik": n} for n in niks],
            "reason": reason,
        },
    ).id


def correction(ledger, actors, kk_number, members=(), address=None):
    """A proposal correcting members' data or the family's address."""
    family = {"kk": kk_number, **({"address": address} if address else {})}
    return ledger.submit_proposal(
        actors["operator"],
        {"kind": "update", "desa": DESA, "family": family, "members": list(members)},
    ).id


def a_year_of_kedungmalang(ledger, actors, midway=lambda: None):
    """Three families in, a move, a correction, a death; `midway` runs twice."""
    families = [family_of_three(serial) for serial in (1, 20, 40)]
    first = [
        ledger.submit_proposal(actors["operator"], add_body(kk, m)).id
        for kk, m in families[:2]
    ]
    determine(ledger, actors, first, "2026-01-01", "2026-01")
    midway()
    third = ledger.submit_proposal(actors["operator"], add_body(*families[2])).id
    determine(ledger, actors, [third], "2026-02-01", "2026-02")
    kk_number, members = families[0]
    moved = removal(ledger, actors, kk_number, [members[2]["nik"]], "moved")
    determine(ledger, actors, [moved], "2026-03-15", "2026-03")
    midway()
    fixed = correction(
        ledger,
        actors,
        families[1][0],
        [{"nik": families[1][1][0]["nik"], "occupation": "Nelayan"}],
    )
    died = removal(
        ledger, actors, families[2][0], [families[2][1][1]["nik"]], "deceased"
    )
    determine(ledger, actors, [fixed, died], "2026-05-01", "2026-05")
    return families


def every_row(read) -> dict[str, list]:
    """Every row of every read model's tables, in a fixed order."""
    from events.schema import MODELS

    return {
        table: sorted(read.store.query(f"SELECT * FROM {table}"), key=repr)
        for model in MODELS
        for table in model.tables
    }
