"""`dtks demo`: demo accounts and proposals at every stage, in five regions.

Everything goes through the ledger's use cases, as each account would do it over
the API, so the demo's events are attributed and obey every rule.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import click

from dtks.demo_data import NATIONAL, REGIONS, Region, demo_username
from dtks.demo_families import family, newborn, removal, update
from workflow.actors import Actor, command_line_actor
from workflow.app import Ledger
from workflow.regions import region_name

BASELINE = range(6)  # families 0-5 of each desa are registered; 6-13 are proposed
# The baseline families reach the registry in monthly rounds (April to June):
# how many rounds each region took, so that they rank apart by update frequency.
ROUNDS = (3, 2, 1, 2, 3)
DETERMINATIONS = [
    {
        "period": f"2026-{month:02d}",
        "decree_number": f"{number}/HUK/2026",
        "effective_on": f"2026-{month:02d}-01",
    }
    for month, number in ((4, 41), (5, 58), (6, 79))
]
MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
REJECTED = "Musdes menilai keluarga mampu: memiliki mobil dan toko sembako"
UNMATCHED = "NIK kepala keluarga tidak padan dengan data Dukcapil"
WITHDRAWN = "Kepala keluarga kini bekerja tetap; usulan ditarik desa"
# One password for every demo account, printed, so a newcomer signs in at once.
DEMO_PASSWORD = "demo-dtks-2026"


def run_demo(ledger: Ledger, *, if_empty: bool, as_json: bool) -> None:
    """Fill an empty store with the demo and print every demo account's token."""
    events = ledger.recorder.max_notification_id() or 0
    if events and not if_empty:
        raise click.ClickException(
            f"the store already holds {events} events; the demo fills only an empty "
            "store, so that demo data never mixes with a real registry "
            "(point DTKS_DATABASE_URL at a new database)"
        )
    if events:
        note = f"the store already holds {events} events; no demo data added"
        click.echo(json.dumps({"accounts": [], "note": note}) if as_json else note)
        return
    accounts = create_demo(ledger)
    shown = {
        "web": web_url(),
        "password": DEMO_PASSWORD,
        "docs": docs_url(),
        "accounts": accounts,
        "proposals": counts(ledger),
    }
    click.echo(json.dumps(shown) if as_json else _report(shown))


def create_demo(ledger: Ledger) -> list[dict]:
    """Record the demo accounts, a registered baseline and proposals at every stage."""
    accounts: list[dict] = []
    national = {
        role: _account(ledger, accounts, role, name, None) for role, name in NATIONAL
    }
    teams = [_team(ledger, accounts, region) for region in REGIONS]
    _account(ledger, accounts, "partner", "Sistem PKH Jepara", REGIONS[0].kabkota)
    for month, decree in enumerate(DETERMINATIONS):
        for region, team, rounds in zip(REGIONS, teams, ROUNDS, strict=True):
            _baseline(ledger, region, team, month, rounds)
        ledger.determine(national["ministry"], decree)
    for index, (region, team) in enumerate(zip(REGIONS, teams, strict=True)):
        _waiting(ledger, region, team, "deceased" if index % 2 == 0 else "moved")
    return accounts


def counts(ledger: Ledger) -> dict[str, int]:
    """How many proposals stand at each status, nationally."""
    found: Counter[str] = Counter()
    cursor = None
    while True:
        query = {"cursor": cursor, "limit": "200"}
        items, cursor = ledger.list_proposals(command_line_actor(), query)
        found.update(proposal["status"] for proposal in items)
        if cursor is None:
            return dict(sorted(found.items()))


def docs_url() -> str:
    """The interactive API docs, at the address gunicorn binds (DTKS_BIND)."""
    return f"{web_url()}api/docs"


def web_url() -> str:
    """The web application, at the address gunicorn binds (DTKS_BIND)."""
    return f"http://{os.environ.get('DTKS_BIND') or '127.0.0.1:8000'}/"


def _account(ledger, accounts, role, name, region) -> Actor:
    body = {"name": name, "role": role, "region": region}
    username = demo_username(role, region)
    user, token = ledger.add_user(command_line_actor(), {**body, "username": username})
    ledger.set_password(command_line_actor(), username, DEMO_PASSWORD)
    accounts.append({"id": str(user.id), **body, "username": username, "token": token})
    return ledger.authenticate(token)


def _team(ledger: Ledger, accounts: list[dict], region: Region) -> dict[str, Actor]:
    scopes = {
        "operator": region.desa,
        "camat": region.kecamatan,
        "verifier": region.kabkota,
        "ratifier": region.kabkota,
    }
    return {
        role: _account(ledger, accounts, role, name, scope)
        for (role, scope), name in zip(scopes.items(), region.staff, strict=True)
    }


def _baseline(ledger: Ledger, region: Region, team: dict, month: int, rounds: int):
    """The families of the month's round (`month` 0-2 of the three) that an
    earlier verval ratified, for that month's determination."""
    first_round = len(DETERMINATIONS) - rounds
    if month < first_round:
        return
    share = len(BASELINE) // rounds
    ids = [
        _submit(ledger, team, family(region, j))
        for j in BASELINE[(month - first_round) * share :][:share]
    ]
    _deliberate(ledger, region, team, f"2026-{month + 3:02d}-10", ids, decide=True)
    _verval(ledger, team, ids, f"2026-{month + 3:02d}-14")
    _ratify(ledger, region, team, ids, f"2026-{month + 3:02d}-24")


def _waiting(ledger: Ledger, region: Region, team: dict, reason: str) -> None:
    """Leave proposals at every stage of the workflow, for a newcomer to move on."""
    _submit(ledger, team, newborn(region, 0))  # waits for the next deliberation
    _october_round(ledger, region, team, reason)
    tabled = [_submit(ledger, team, family(region, 7))]
    _deliberate(ledger, region, team, "2026-11-16", tabled, decide=False)
    opened = [_submit(ledger, team, family(region, 6))]
    ledger.open_deliberation(team["operator"], _minutes(region, "2026-11-20", opened))


def _october_round(ledger: Ledger, region: Region, team: dict, reason: str) -> None:
    """One Musdes whose proposals stopped at each later stage, or were turned down."""
    endorsed, verified, ratified, rejected, unmatched, withdrawn = [
        _submit(ledger, team, family(region, j)) for j in range(8, 14)
    ]
    gone = removal(region, 1 if reason == "deceased" else 4, reason)
    removed = _submit(ledger, team, gone)
    updated = _submit(ledger, team, update(region, 5, "buruh pabrik"))
    approved = [endorsed, verified, ratified, unmatched, withdrawn, removed, updated]
    _deliberate(ledger, region, team, "2026-10-06", approved, [rejected], decide=True)
    _verval(ledger, team, [verified, ratified, removed, updated], "2026-10-27")
    verval = {"eligible": True, "nik_matched": False, "checked_on": "2026-10-27"}
    ledger.record_verval(team["verifier"], unmatched, {**verval, "note": UNMATCHED})
    _ratify(ledger, region, team, [ratified, removed, updated], "2026-11-10")
    ledger.withdraw_proposal(team["operator"], withdrawn, {"reason": WITHDRAWN})


def _submit(ledger: Ledger, team: dict, body: dict) -> str:
    return str(ledger.submit_proposal(team["operator"], body).id)


def _deliberate(ledger, region, team, held_on, approved, rejected=(), *, decide):
    body = _minutes(region, held_on, approved, rejected)
    deliberation = ledger.open_deliberation(team["operator"], body)
    ledger.submit_deliberation(team["operator"], deliberation.id)
    if decide:
        ledger.decide_deliberation(
            team["camat"], deliberation.id, {"decision": "approve"}
        )


def _minutes(region: Region, held_on: str, approved, rejected=()) -> dict:
    kind = "MUSKEL" if region.kelurahan else "MUSDES"
    roman = MONTHS[int(held_on[5:7]) - 1]
    decisions = [{"proposal_id": p, "outcome": "approve"} for p in approved]
    decisions += [
        {"proposal_id": p, "outcome": "reject", "note": REJECTED} for p in rejected
    ]
    return {
        "desa": region.desa,
        "held_on": held_on,
        "minutes_number": f"BA-{kind}/{held_on[8:]}/{roman}/{held_on[:4]}",
        "chaired_by": region.chair,
        "attendees": 20 + len(decisions) * 3,
        "decisions": decisions,
    }


def _verval(ledger: Ledger, team: dict, ids: list[str], checked_on: str) -> None:
    outcome = {"eligible": True, "nik_matched": True, "checked_on": checked_on}
    for pid in ids:
        ledger.record_verval(team["verifier"], pid, outcome)


def _ratify(ledger, region: Region, team: dict, ids: list[str], signed_on: str):
    decree = f"460/{int(signed_on[5:7]):03d}/{region.kabkota.replace('.', '')}/2026"
    body = {"kabkota": region.kabkota, "decree_number": decree, "signed_on": signed_on}
    ledger.ratify(team["ratifier"], {**body, "proposal_ids": ids})


def _report(shown: dict) -> str:
    statuses = ", ".join(f"{s} {n}" for s, n in shown["proposals"].items())
    lines = [
        f"Demo data recorded. Proposals by status: {statuses}.",
        f"Web: {shown['web']}  sign in with a username below and the password "
        f"{shown['password']}",
        f"API docs: {shown['docs']}  (authorise with one of these tokens)",
        "",
    ]
    for a in shown["accounts"]:
        where = (
            f"{a['region']} {region_name(a['region'])}" if a["region"] else "national"
        )
        lines.append(f"{a['username']:30} {where:40} {a['name']:22} {a['token']}")
    return "\n".join(lines)
