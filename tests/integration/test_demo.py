"""`dtks demo`: five regions of demo data, and it never touches a store in use.

Runs once on a SQLite file and once on PostgreSQL, through the command line.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from dtks.cli import main
from dtks.demo_data import REGIONS
from dtks.demo_families import family
from events.readside import open_service
from workflow.actors import ROLES, command_line_actor
from workflow.domain.transitions import CLOSED, OPEN

JEPARA = REGIONS[0]


def dtks(url: str, *args: str):
    """Run `dtks ARGS` on the store at `url`, with gunicorn's default address."""
    env = {"DTKS_DATABASE_URL": url, "DTKS_BIND": None}
    return CliRunner().invoke(main, list(args), env=env)


def proposals(ledger, actor, **query) -> list:
    """Every proposal the actor sees that matches the query (one page is enough)."""
    items, next_cursor = ledger.list_proposals(actor, {**query, "limit": "200"})
    assert next_cursor is None
    return items


def test_demo_fills_an_empty_store_with_every_stage_of_the_workflow(store_url):
    # Step 1: the demo runs on an empty store and prints every account as JSON.
    result = dtks(store_url, "demo", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["docs"] == "http://127.0.0.1:8000/api/docs"
    accounts = shown["accounts"]
    by_role = {role: [a for a in accounts if a["role"] == role] for role in ROLES}
    assert {role: len(found) for role, found in by_role.items()} == {
        "operator": 5,
        "camat": 5,
        "verifier": 5,
        "ratifier": 5,
        "ministry": 1,
        "auditor": 1,
        "admin": 1,
        "partner": 1,
    }
    assert {a["region"] for a in by_role["verifier"]} == {r.kabkota for r in REGIONS}

    # Step 2: every printed token signs in as its account.
    ledger = open_service(store_url)
    for account in accounts:
        actor = ledger.authenticate(account["token"])
        assert (actor.id, actor.role, actor.region) == (
            account["id"],
            account["role"],
            account["region"],
        )
    ministry = ledger.authenticate(by_role["ministry"][0]["token"])

    # Step 3: proposals wait at every status, and each region has its own.
    for status in OPEN + CLOSED:
        found = proposals(ledger, ministry, status=status)
        assert {p["desa"] for p in found} == {r.desa for r in REGIONS}, status
    rejected = proposals(ledger, ministry, status="rejected")
    assert {p["rejected_stage"] for p in rejected} == {"deliberation", "verval"}
    removals = proposals(ledger, ministry, kind="remove")
    assert {p["reason"] for p in removals} == {"deceased", "moved"}
    assert proposals(ledger, ministry, kind="update")
    assert shown["proposals"]["determined"] == 30
    deliberations, _ = ledger.list_deliberations(ministry, {})
    assert {"open", "submitted", "approved"} <= {d["status"] for d in deliberations}

    # Step 4: the baseline families of the past determination are registered.
    for member in family(JEPARA, 0)["members"]:
        assert ledger.person(member["nik"], {}).registered

    # Step 5: the ministry determines Jepara's waiting new family and the death.
    waiting = proposals(ledger, ministry, status="ratified", region=JEPARA.kabkota)
    added = next(p for p in waiting if p["kind"] == "add")
    died = next(p for p in waiting if p["kind"] == "remove")
    assert not any(ledger.person(nik, {}).registered for nik in niks_of(added))
    determination = ledger.determine(
        ministry,
        {
            "period": "2026-12",
            "decree_number": "170/HUK/2026",
            "effective_on": "2026-12-01",
            "proposal_ids": [added["id"], died["id"]],
        },
    )
    assert determination.applied == 2
    assert all(ledger.person(nik, {}).registered for nik in niks_of(added))
    assert not ledger.person(niks_of(died)[0], {}).registered
    ledger.close()


def test_if_empty_leaves_a_store_in_use_untouched(store_url):
    ledger = open_service(store_url)
    ledger.add_user(command_line_actor(), {"name": "Admin Dinsos", "role": "admin"})
    before = ledger.recorder.max_notification_id()

    result = dtks(store_url, "demo", "--if-empty")

    assert result.exit_code == 0, result.output
    assert "no demo data added" in result.output
    assert ledger.recorder.max_notification_id() == before
    ledger.close()


def test_demo_refuses_a_store_that_already_holds_events(store_url):
    ledger = open_service(store_url)
    ledger.add_user(command_line_actor(), {"name": "Admin Dinsos", "role": "admin"})
    before = ledger.recorder.max_notification_id()

    result = dtks(store_url, "demo")

    assert result.exit_code != 0
    assert "already holds" in result.output
    assert "never mixes with a real registry" in result.output
    assert ledger.recorder.max_notification_id() == before
    ledger.close()


def test_the_demo_proposes_the_same_people_on_every_run(tmp_path):
    runs = []
    for name in ("first", "second"):
        url = f"sqlite:///{tmp_path}/{name}.sqlite3"
        printed = dtks(url, "demo").output
        assert "API docs: http://127.0.0.1:8000/api/docs" in printed
        usernames = [line.split(" ")[0] for line in printed.splitlines()]
        assert sum(name.split(".")[0] in ROLES for name in usernames) == 24
        ledger = open_service(url)
        everyone = proposals(ledger, command_line_actor())
        runs.append(
            [
                (
                    p["kind"],
                    p["status"],
                    p["family"]["kk"],
                    [m["nik"] for m in p["members"]],
                )
                for p in everyone
            ]
        )
        ledger.close()
    assert runs[0] == runs[1]


def niks_of(proposal: dict) -> list[str]:
    """The NIKs a listed proposal names."""
    return [member["nik"] for member in proposal["members"]]


def test_every_demo_account_signs_in_with_its_printed_username_and_password(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.sqlite3"
    shown = json.loads(dtks(url, "demo", "--json").output)
    ledger = open_service(url)
    for account in shown["accounts"]:
        actor = ledger.sign_in(account["username"], shown["password"])
        assert (actor.role, actor.region) == (account["role"], account["region"])
    ledger.close()
    assert "operator.kedungmalang" in [a["username"] for a in shown["accounts"]]
