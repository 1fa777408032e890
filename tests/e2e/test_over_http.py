"""The whole workflow over HTTP against gunicorn with 2 workers, on both stores."""

from __future__ import annotations

import threading

from tests.e2e.http import from_both_workers
from tests.support import DESA, KABKOTA, add_body, family_of_three

VERVAL = {"eligible": True, "nik_matched": True, "checked_on": "2026-10-20"}


def ok(reply, status=200):
    assert reply.status == status, reply.body
    return reply.body


def walk_to_determined(server, kk, members):
    """Each role takes its step over HTTP, from proposal to determination."""
    pid = ok(
        server.call("POST", "/api/v1/proposals", json_body=add_body(kk, members)), 201
    )["id"]
    did = ok(
        server.call(
            "POST",
            "/api/v1/deliberations",
            json_body={
                "desa": DESA,
                "held_on": "2026-10-05",
                "minutes_number": "BA/9",
                "chaired_by": "Kades Sholeh",
                "attendees": 30,
                "decisions": [{"proposal_id": pid, "outcome": "approve"}],
            },
        ),
        201,
    )["id"]
    ok(server.call("POST", f"/api/v1/deliberations/{did}/submit", json_body={}))
    ok(
        server.call(
            "POST",
            f"/api/v1/deliberations/{did}/approval",
            role="camat",
            json_body={"decision": "approve"},
        )
    )
    ok(
        server.call(
            "POST", f"/api/v1/proposals/{pid}/verval", role="verifier", json_body=VERVAL
        )
    )
    ok(
        server.call(
            "POST",
            "/api/v1/ratifications",
            role="ratifier",
            json_body={
                "kabkota": KABKOTA,
                "decree_number": "SK/9",
                "signed_on": "2026-10-28",
                "proposal_ids": [pid],
            },
        ),
        201,
    )
    made = ok(
        server.call(
            "POST",
            "/api/v1/determinations",
            role="ministry",
            json_body={
                "period": "2026-11",
                "decree_number": "KEP/9",
                "effective_on": "2026-11-01",
                "proposal_ids": [pid],
            },
        ),
        201,
    )
    return pid, made


def test_a_family_walks_from_proposal_to_determination_over_http(server):
    kk, members = family_of_three()
    pid, made = walk_to_determined(server, kk, members)
    assert made["applied"] == 1

    # The auditor reads the timeline: every step, with who took it.
    detail = ok(server.call("GET", f"/api/v1/proposals/{pid}", role="auditor"))
    assert detail["status"] == "determined"
    assert [(e["type"], e["by"]["role"]) for e in detail["timeline"]] == [
        ("dtks.proposal.submitted", "operator"),
        ("dtks.proposal.tabled", "operator"),
        ("dtks.proposal.endorsed", "camat"),
        ("dtks.proposal.verified", "verifier"),
        ("dtks.proposal.ratified", "ratifier"),
        ("dtks.proposal.determined", "ministry"),
    ]


def test_six_simultaneous_approvals_give_one_200_and_five_409(server):
    kk, members = family_of_three()
    pid = ok(
        server.call("POST", "/api/v1/proposals", json_body=add_body(kk, members)), 201
    )["id"]
    did = ok(
        server.call(
            "POST",
            "/api/v1/deliberations",
            json_body={
                "desa": DESA,
                "held_on": "2026-10-05",
                "minutes_number": "BA/1",
                "chaired_by": "Kades",
                "attendees": 9,
                "decisions": [{"proposal_id": pid, "outcome": "approve"}],
            },
        ),
        201,
    )["id"]
    ok(server.call("POST", f"/api/v1/deliberations/{did}/submit", json_body={}))

    barrier, replies = threading.Barrier(6), []

    def approve():
        barrier.wait()
        replies.append(
            server.call(
                "POST",
                f"/api/v1/deliberations/{did}/approval",
                role="camat",
                json_body={"decision": "approve"},
            )
        )

    threads = [threading.Thread(target=approve) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in replies) == [200, 409, 409, 409, 409, 409]
    assert all("is approved" in r.body["detail"] for r in replies if r.status == 409)
    detail = ok(server.call("GET", f"/api/v1/proposals/{pid}"))
    assert [e["type"] for e in detail["timeline"]].count("dtks.proposal.endorsed") == 1


def test_an_idempotency_key_holds_across_both_workers(server):
    kk, members = family_of_three()
    key = {"Idempotency-Key": "siks-ng-batch-77"}
    first = ok(
        server.call(
            "POST", "/api/v1/proposals", headers=key, json_body=add_body(kk, members)
        ),
        201,
    )
    replies = from_both_workers(
        lambda: server.call(
            "POST", "/api/v1/proposals", headers=key, json_body=add_body(kk, members)
        )
    )
    assert len({r.headers["x-dtks-worker"] for r in replies}) == 2
    assert all(r.status == 201 and r.body == first for r in replies)
    listed = ok(server.call("GET", "/api/v1/proposals"))
    assert [p["id"] for p in listed["items"]] == [first["id"]]


def test_every_read_reflects_the_write_before_it_on_any_worker(server):
    workers = set()
    for serial in range(1, 7):
        kk, members = family_of_three(serial * 10)
        pid = ok(
            server.call("POST", "/api/v1/proposals", json_body=add_body(kk, members)),
            201,
        )["id"]
        ok(
            server.call(
                "POST",
                f"/api/v1/proposals/{pid}/withdraw",
                json_body={"reason": "Data ganda"},
            )
        )
        reads = from_both_workers(
            lambda pid=pid: server.call("GET", f"/api/v1/proposals/{pid}")
        )
        assert {ok(r)["status"] for r in reads} == {"withdrawn"}
        workers |= {r.headers["x-dtks-worker"] for r in reads}
    listed = ok(server.call("GET", "/api/v1/proposals?status=withdrawn"))
    assert len(listed["items"]) == 6
    assert len(workers) == 2


def test_the_registry_reflects_a_determination_at_once_on_every_worker(server):
    kk, members = family_of_three()
    pid, _ = walk_to_determined(server, kk, members)
    nik = members[0]["nik"]
    replies = from_both_workers(
        lambda: server.call("GET", f"/api/v1/registry/people/{nik}", role="auditor")
    )
    assert all(ok(r)["registered"] and ok(r)["kk"] == kk for r in replies)
    assert len({r.headers["x-dtks-worker"] for r in replies}) == 2

    before = ok(server.call("GET", f"/api/v1/registry/people/{nik}?as_of=2026-10-31"))
    assert before["registered"] is False
    family = ok(server.call("GET", f"/api/v1/registry/families/{kk}"))
    assert sorted(m["nik"] for m in family["members"]) == sorted(
        m["nik"] for m in members
    )
    history = ok(server.call("GET", f"/api/v1/registry/people/{nik}/history"))
    (added,) = history["items"]
    assert (added["change"], added["proposal_id"]) == ("added", pid)
    assert added["deliberation"]["minutes_number"] == "BA/9"
    assert added["determination"]["decree_number"] == "KEP/9"
    assert added["endorsed_by"]["role"] == "camat"
    stats = ok(
        server.call("GET", "/api/v1/registry/stats?region=33.20.01", role="camat")
    )
    assert stats["people"] == 3 and stats["children"][DESA]["families"] == 1


def test_a_regional_auditor_sees_only_the_events_of_its_region(server):
    kk, members = family_of_three()
    walk_to_determined(server, kk, members)
    inside = ok(server.call("GET", "/api/v1/audit/events?limit=1000", role="auditor"))
    outside = ok(
        server.call(
            "GET", "/api/v1/audit/events?limit=1000", role="auditor", in_scope=False
        )
    )
    national = ok(server.call("GET", "/api/v1/audit/events?limit=1000", role="admin"))
    types = [item["type"] for item in inside["items"]]
    assert "dtks.proposal.submitted" in types and "dtks.person.enrolled" in types
    assert "dtks.determination.made" not in types  # a national decree
    assert all(i["actor"]["id"] and i["recorded_at"] for i in inside["items"])
    # Penajam Paser Utara's auditor sees its own region's accounts, nothing of Jepara.
    assert outside["items"]
    assert all(i["type"].startswith("dtks.user.") for i in outside["items"])
    positions = [i["position"] for i in national["items"]]
    assert positions == sorted(positions) and len(positions) > len(types)
