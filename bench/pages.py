"""Server time of the web pages each role opens, on a bench store.

    python -m bench.pages --db /tmp/dtks-lists.sqlite3 --samples 50

Signs in (Flask's test client, no network) as an operator, camat, verifier,
ratifier, ministry, auditor and admin of Kabupaten Jepara, then opens each page
of the role's menu, one proposal and one deliberation page, a registry search
by name, and the auditor's explorer (regions, a desa, one family and one person
with their decision chains, the event stream): p50/p95 milliseconds per page.
The accounts are added to the store with a username and a password on first use.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import statistics
import time

from api import create_app
from workflow.actors import command_line_actor
from workflow.errors import WorkflowError

PASSWORD = "bench-pages-2026"
ROLES = {
    "operator": "33.20.01.2001",
    "camat": "33.20.01",
    "verifier": "33.20",
    "ratifier": "33.20",
    "ministry": None,
    "auditor": "33.20",
    "admin": None,
}
PAGES = {
    "operator": ["/", "/registri", "/registri?q=Sri", "/usulan", "/musyawarah"],
    "camat": ["/", "/usulan?status=in_deliberation", "/musyawarah"],
    "verifier": ["/", "/usulan?status=endorsed"],
    "ratifier": ["/", "/usulan?status=verified"],
    "ministry": ["/", "/usulan?status=ratified"],
    "auditor": [
        "/jelajah",
        "/jelajah/wilayah/33.20.01",
        "/jelajah/wilayah/33.20.01.2001",
        "/jelajah/wilayah/33.20.01.2001?tanggal=2026-06-30",
        "/jelajah/peristiwa",
        "/jelajah/peristiwa?jenis=dtks.proposal.determined",
    ],
    "admin": ["/", "/akun"],
}


def _accounts(ledger) -> None:
    for role, region in ROLES.items():
        username = f"bench.{role}"
        body = {"name": f"Bench {role}", "role": role, "region": region}
        with contextlib.suppress(WorkflowError):  # added by an earlier run
            ledger.add_user(command_line_actor(), {**body, "username": username})
        ledger.set_password(command_line_actor(), username, PASSWORD)


def _records(ledger, desa: str) -> list[str]:
    """The explorer's pages of the first family of the desa and of its head."""
    day = dt.date.today().isoformat()
    families, _ = ledger.index.fresh().families(desa, day, "", 1)
    if not families:
        return []
    family = families[0]
    nik = family["members"][0]["nik"]
    return [f"/jelajah/keluarga/{family['kk']}", f"/jelajah/orang/{nik}"]


def _signed_in(app, role: str):
    client = app.test_client()
    page = client.get("/masuk").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"csrf_token": token, "username": f"bench.{role}", "password": PASSWORD}
    assert client.post("/masuk", data=form).status_code in (302, 303)
    return client


def _timed(client, path: str, samples: int) -> dict:
    times, status = [], None
    for _ in range(samples):
        began = time.perf_counter()
        status = client.get(path).status_code
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "status": status,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
    }


def main() -> None:
    """Sign in as each role and time its pages."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/dtks-lists.sqlite3")
    parser.add_argument("--samples", type=int, default=50)
    args = parser.parse_args()
    app = create_app({"DATABASE_URL": f"sqlite:///{args.db}", "SECRET_KEY": "bench"})
    ledger = app.extensions["dtks_ledger"]()
    ledger.index.projector.migrate()  # a store of an older release: rebuild first
    _accounts(ledger)
    operator = ROLES["operator"]
    listed, _ = ledger.list_proposals(
        command_line_actor(), {"region": operator, "limit": "1"}
    )
    found = {}
    for role, paths in PAGES.items():
        client = _signed_in(app, role)
        if role == "operator" and listed:
            paths = [*paths, f"/usulan/{listed[0]['id']}"]
        if role == "auditor":
            paths = [*paths, *_records(ledger, operator)]
        for path in paths:
            found[f"{role} {path}"] = _timed(client, path, args.samples)
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
