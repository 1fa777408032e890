"""Server time of the web pages each role opens, on a bench store.

    python -m bench.pages --db /tmp/dtks-lists.sqlite3 --samples 50

Signs in (Flask's test client, no network) as an operator, camat, verifier,
ratifier, ministry, admin and auditor of Kabupaten Jepara, then opens each page
of the role's menu (the oversight dashboards over the store's 12 months too),
its forms (a new proposal of each kind, the Musdes minutes, the verval form on
an endorsed proposal; the SK and determination forms are on the ratifier's and
the ministry's lists), one proposal and one deliberation page, a registry search
by name, the auditor's explorer (regions, a desa, one family and one person with
their decision chains, the event stream), and sends one proposal form that fails
validation (422, nothing written):
p50/p95 milliseconds per page. The accounts are added to the store with a
username and a password on first use.
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
    "admin": None,
    "auditor": "33.20",
}
YEAR = "?from=2025-07&to=2026-06"  # the months of the bench store's churn
PAGES = {
    "operator": ["/", "/registri", "/registri?q=Sri", "/usulan", "/musyawarah"],
    "camat": [
        "/",
        "/usulan?status=in_deliberation",
        "/musyawarah",
        "/musyawarah/tanpa-musdes",
        "/pantauan" + YEAR,
    ],
    "verifier": ["/", "/usulan?status=endorsed", "/pantauan" + YEAR],
    "ratifier": ["/", "/usulan?status=verified"],
    "ministry": [
        "/",
        "/usulan?status=ratified",
        "/pantauan" + YEAR,
        "/pantauan/33" + YEAR,
    ],
    "admin": ["/", "/akun"],
    "auditor": [
        "/pantauan" + YEAR,
        "/pantauan/33.20.01" + YEAR,
        "/pantauan/33.20.01.2001" + YEAR,
        "/pantauan/33.20/unduh/peringkat-wilayah.svg" + YEAR,
        "/jelajah",
        "/jelajah/wilayah/33.20.01",
        "/jelajah/wilayah/33.20.01.2001",
        "/jelajah/wilayah/33.20.01.2001?tanggal=2026-06-30",
        "/jelajah/peristiwa",
        "/jelajah/peristiwa?jenis=dtks.proposal.determined",
    ],
}
FORMS = {
    "operator": [
        "/usulan/baru/add",
        "/usulan/baru/remove",
        "/usulan/baru/update",
        "/musyawarah/baru",
    ],
}
# A family whose head's NIK has too few digits: refused before anything is written.
REFUSED = {
    "family.kk": "3320011203150001",
    "family.address": "RT 02 RW 01",
    "rows": "1",
    "members.0.nik": "332001070284",
    "members.0.name": "Suparno",
    "members.0.birth_date": "1984-02-07",
    "members.0.sex": "M",
    "members.0.relationship": "head",
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


def _timed(client, path: str, samples: int, form: dict | None = None) -> dict:
    times, status = [], None
    for _ in range(samples):
        began = time.perf_counter()
        if form is None:
            status = client.get(path).status_code
        else:
            status = client.post(path, data=form).status_code
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "status": status,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
    }


def _detail(ledger, status: str | None, region: str) -> list[str]:
    """The page of the first proposal in `region` (with `status`), if any."""
    query = {"region": region, "limit": "1", **({"status": status} if status else {})}
    listed, _ = ledger.list_proposals(command_line_actor(), query)
    return [f"/usulan/{listed[0]['id']}"] if listed else []


def _refused(client, args) -> dict:
    """The round trip of a proposal form the ledger refuses (shown again, 422)."""
    page = client.get("/usulan/baru/add").get_data(as_text=True)
    fields = {
        name: page.split(f'name="{name}" value="')[1].split('"')[0]
        for name in ("csrf_token", "form_key")
    }
    timed = _timed(client, "/usulan/baru/add", args.samples, {**REFUSED, **fields})
    assert timed["status"] == 422, timed
    return timed


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
    extra = {
        "operator": FORMS["operator"] + _detail(ledger, None, ROLES["operator"]),
        "verifier": _detail(ledger, "endorsed", ROLES["verifier"]),  # verval form
        "auditor": _records(ledger, ROLES["operator"]),  # explorer: family, person
    }
    found = {}
    for role, paths in PAGES.items():
        client = _signed_in(app, role)
        for path in paths + extra.get(role, []):
            found[f"{role} {path}"] = _timed(client, path, args.samples)
        if role == "operator":
            found["operator POST /usulan/baru/add refused"] = _refused(client, args)
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
