"""DCI notification lag: from a determination's commit to each change's arrival
at the subscriber's callback server.

    python -m bench.dci_notify --families 250 --db /tmp/dtks-dci-notify.sqlite3

A partner of Jepara subscribes to families and to members registered (two
subscriptions); FAMILIES families of three are proposed and taken through the
workflow, then determined at once (4 changes each: 1,000 for 250 families).
`dtks dci deliver`'s loop runs in a thread (poll 0.1 s) with a callback server
on 127.0.0.1; the lag of a change is when its notification arrived minus when
the determination returned.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import uuid
from pathlib import Path

from api import create_app
from dci import deliver
from events.readside import ReadSide
from tests import dci_support as dci
from tests.dci_callbacks import Receiver
from tests.support import add_body, determine, family_of_three, make_actors
from workflow.app import open_ledger


def subscription(record_type: str) -> dict:
    """Subscribe to REGISTER of one record type in 33.20."""
    return {
        "transaction_id": str(uuid.uuid4()),
        "subscribe_request": [
            {
                "reference_id": record_type,
                "timestamp": "2026-12-01T08:00:00+07:00",
                "subscribe_criteria": {
                    "reg_event_type": "REGISTER",
                    "filter": [],
                    "notify_record_type": record_type,
                },
            }
        ],
    }


def main() -> None:
    """Subscribe, determine, and time the notifications."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=250)
    parser.add_argument("--db", default="/tmp/dtks-dci-notify.sqlite3")
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{args.db}"
    app = create_app({"DATABASE_URL": url})
    ledger = app.extensions["dtks_ledger"]()
    actors = make_actors(ledger)
    receiver = Receiver()
    pkh = dci.Partner(app.test_client(), dci.add_partner(ledger, "33.20"))
    for record_type in ("Group", "Member"):
        body = pkh.envelope(
            "subscribe", subscription(record_type), sender_uri=receiver.uri
        )
        assert pkh.post("/registry/subscribe", body).status_code == 200
    ids = [
        ledger.submit_proposal(actors["operator"], add_body(*family_of_three(s))).id
        for s in range(1, 2 * args.families, 2)
    ]
    stop, deliverer = threading.Event(), open_ledger(url)
    loop = threading.Thread(
        target=deliver.run, args=(deliverer, ReadSide(deliverer), stop, 0.1)
    )
    loop.start()
    determine(ledger, actors, ids, "2026-11-01", "2026-11")
    determined = time.time()
    expected = 4 * args.families
    lags: list[float] = []
    while len(lags) < expected and time.time() < determined + 300:
        time.sleep(0.05)
        lags = [
            at - determined
            for (status, body), at in zip(
                receiver.received, receiver.times, strict=True
            )
            if body["header"]["action"] == "notify"
            for _ in body["message"]["notify_event"]
        ]
    stop.set()
    loop.join()
    lags.sort()
    print(
        json.dumps(
            {
                "changes": expected,
                "notified": len(lags),
                "messages": len(receiver.accepted("notify")),
                "lag_p50_s": round(statistics.median(lags), 2),
                "lag_p95_s": round(lags[int(len(lags) * 0.95) - 1], 2),
                "lag_max_s": round(lags[-1], 2),
            },
            indent=2,
        )
    )
    receiver.close()
    deliverer.close()
    ledger.close()


if __name__ == "__main__":
    main()
