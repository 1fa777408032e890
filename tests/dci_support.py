"""A DCI partner client for tests: envelopes, signatures, and every request and
answer checked against the vendored standard."""

from __future__ import annotations

import time
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dci import signing, standard
from workflow.actors import command_line_actor


def header(action: str, **extra) -> dict:
    """A request header as a programme's system would send it."""
    return {
        "version": "1.0.0",
        "message_id": str(uuid.uuid4()),
        "message_ts": "2026-12-01T08:00:00+07:00",
        "action": action,
        "sender_id": "pkh.kemensos.go.id",
        "receiver_id": "dtks",
        "total_count": 1,
        **extra,
    }


def search(criteria: dict, reference: str = "ref-1") -> dict:
    """A SearchRequest of one item."""
    return {
        "transaction_id": str(uuid.uuid4()),
        "search_request": [
            {
                "reference_id": reference,
                "timestamp": "2026-12-01T08:00:00+07:00",
                "search_criteria": {"version": "1.0.0", **criteria},
            }
        ],
    }


def by_id(kind: str, value, entity: str = "Group") -> dict:
    """An identifier search."""
    query = {"type": kind, "value": value}
    return search(
        {"query_type": "idtype-value", "query": query, "response_entity": entity}
    )


def predicate(*expressions, entity: str = "Member", **more) -> dict:
    """A predicate search: each expression (name, operator, value) ANDed."""
    query = [
        {
            "seq_num": n,
            "expression1": {"attribute_name": a, "operator": o, "attribute_value": v},
        }
        for n, (a, o, v) in enumerate(expressions, 1)
    ]
    return search(
        {"query_type": "predicate", "query": query, "response_entity": entity, **more}
    )


def subscribe_message(region: str) -> dict:
    """A SubscribeRequest of one item: families registered in `region`."""
    filter_ = [
        {
            "seq_num": 1,
            "expression1": {
                "attribute_name": "location",
                "operator": "eq",
                "attribute_value": region,
            },
        }
    ]
    return {
        "transaction_id": str(uuid.uuid4()),
        "subscribe_request": [
            {
                "reference_id": "jepara-families",
                "timestamp": "2026-12-01T08:00:00+07:00",
                "subscribe_criteria": {
                    "reg_event_type": "REGISTER",
                    "filter_type": "predicate",
                    "filter": filter_,
                    "notify_record_type": "Group",
                },
            }
        ],
    }


class Partner:
    """A programme's system calling /dci with one partner token (and key)."""

    def __init__(self, http, token: str, key: Ed25519PrivateKey | None = None):
        self.http, self.token, self.key = http, token, key

    def post(self, path: str, body: dict, valid: bool = True, token=None):
        """POST an envelope; the request (when `valid`) and the answer must
        both keep to the standard."""
        if valid:
            problems = standard.problems(
                standard.request_validator(path, body=body), body
            )
            assert problems == [], problems
        response = self.http.post(
            f"/dci{path}",
            json=body,
            headers={"Authorization": f"Bearer {token or self.token}"},
        )
        answer = response.get_json()
        checker = standard.response_validator(path, response.status_code, answer)
        problems = standard.problems(checker, answer)
        assert problems == [], (problems, answer)
        return response

    def envelope(self, action: str, message: dict, **extra) -> dict:
        """An envelope, signed when this partner has a key."""
        head = header(action, **extra)
        body = {"header": head, "message": message}
        if self.key is not None:
            signed = signing.body_of(head, message)
            body["signature"] = signing.sign(
                self.key, "pkh|k1", signed, int(time.time())
            )
        return body

    def sync_search(self, message: dict, **extra):
        """POST /registry/sync/search; returns the response."""
        envelope = self.envelope("search", message, **extra)
        return self.post("/registry/sync/search", envelope)


def add_partner(
    ledger, region: str, key: Ed25519PrivateKey | None = None, **lifetime
) -> str:
    """A partner account of `region` (with the public half of `key`); its token."""
    user, token = ledger.add_user(
        command_line_actor(),
        {"name": f"PKH {region}", "role": "partner", "region": region, **lifetime},
    )
    if key is not None:
        ledger.register_public_key(
            command_line_actor(), user.id, signing.public_pem(key)
        )
    return token
