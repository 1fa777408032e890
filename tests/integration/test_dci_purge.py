"""`dtks dci purge`: old DCI transactions and delivered messages are forgotten;
what is still on its way, and every message id, is kept."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from dci import deliver, store
from dtks.cli import main
from tests import dci_registry
from tests import dci_support as dci
from tests.support import family_of_three

KK, MEMBERS = family_of_three()
DAY = 86400


@pytest.fixture
def pkh(store_url):
    """A partner of Jepara, a determined family, and a callback server."""
    with dci_registry.jepara_partner(store_url) as partner:
        yield partner


def async_search(pkh) -> dict:
    """An asynchronous search by KK; its envelope."""
    body = pkh.envelope("search", dci.by_id("KK", KK), sender_uri=pkh.receiver.uri)
    assert pkh.post("/registry/search", body).status_code == 200
    return body


def status_of(pkh, transaction_id: str) -> dict:
    """The one item a sync status request about a search answers."""
    request = {
        "transaction_id": "status-1",
        "txnstatus_request": {
            "reference_id": "status-ref",
            "txn_type": "search",
            "attribute_type": "transaction_id",
            "attribute_value": transaction_id,
        },
    }
    body = pkh.envelope("txn-status", request)
    reply = pkh.post("/registry/sync/txn/status", body).get_json()["message"]
    (item,) = reply["txnstatus_response"]["txn_status"]["search_response"]
    return item


def test_a_purge_forgets_old_transactions_but_keeps_pending_callbacks(pkh):
    # 1. A sync search, an async search delivered, one whose receiver fails.
    synced = pkh.envelope("search", dci.by_id("KK", KK))
    assert pkh.post("/registry/sync/search", synced).status_code == 200
    async_search(pkh)
    deliver.deliver_due(pkh.store)
    pkh.receiver.fail = [500]
    pending = async_search(pkh)
    deliver.deliver_due(pkh.store)

    # 2. Nothing is old enough yet.
    assert store.purge(pkh.store, 90) == {"outbox": 0, "transactions": 0}

    # 3. 91 days on: the two searches answered are gone; the pending one stays.
    later = time.time() + 91 * DAY
    assert store.purge(pkh.store, 90, now=later) == {"outbox": 1, "transactions": 2}
    sync_id = synced["message"]["transaction_id"]
    assert status_of(pkh, sync_id)["status_reason_code"] == "rjct.reference_id.invalid"
    assert status_of(pkh, pending["message"]["transaction_id"])["status"] == "succ"
    assert deliver.deliver_due(pkh.store, now=later) == 1  # still delivered

    # 4. A message id used before the purge is still refused as a repeat.
    response = pkh.post("/registry/sync/search", synced)
    assert response.status_code == 409
    header = response.get_json()["header"]
    assert header["status_reason_code"] == "rjct.message_id.duplicate"


def test_the_purge_command_says_what_it_purged_and_refuses_a_negative_age(
    sqlite_url,
):
    runner = CliRunner()
    env = {"DTKS_DATABASE_URL": sqlite_url}
    result = runner.invoke(main, ["dci", "purge"], env=env)
    assert result.exit_code == 0, result.output
    assert "purged 0 transactions and 0 delivered messages older than 90 days" in (
        result.output
    )
    result = runner.invoke(main, ["dci", "purge", "--older-than", "-1"], env=env)
    assert result.exit_code == 2 and "-1" in result.output
