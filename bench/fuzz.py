"""A bounded schemathesis run against gunicorn on 127.0.0.1: cases and 5xx.

    python -m bench.fuzz [--examples 20] [--roles operator,auditor,none]

The served OpenAPI names no query parameter and no header, so generated
requests would never send `cursor=99999999999999999999` or `If-Match`; the
run adds what SPEC §5 documents (below) before generating. Each operation is
called as every role given (a token of Kabupaten Jepara; `none`: no token), in
schemathesis' positive and negative modes, `--examples` cases each. A 5xx is
printed with its request; the last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from tests.apiclient import issue_tokens
from tests.e2e.server import gunicorn
from workflow.app import open_ledger

NUMBER = {"anyOf": [{"type": "integer"}, {"type": "string"}]}
# Tried first, as explicit examples: what random generation rarely reaches.
HOSTILE_NUMBERS = ["99999999999999999999", "²", "-1", "1e3", " 7", "٣", "9" * 5000]
TEXT = {"type": "string"}
QUERY = {  # SPEC §5, and the pages' cursor/limit
    "/api/v1/proposals": ["status", "kind", "region", "cursor", "limit"],
    "/api/v1/deliberations": ["status", "region", "cursor", "limit"],
    "/api/v1/registry/families": ["region", "as_of", "cursor", "limit"],
    "/api/v1/registry/families/{kk}": ["as_of"],
    "/api/v1/registry/people/{nik}": ["as_of"],
    "/api/v1/registry/stats": ["region", "as_of"],
    "/api/v1/audit/events": ["after", "limit"],
    "/api/v1/audit/access": ["nik", "kk", "user", "from", "to", "after", "limit"],
}
NUMERIC = {"cursor", "limit", "after"}
ROLES = ["operator", "camat", "verifier", "ratifier", "ministry", "auditor", "admin"]


def documented(spec: dict) -> dict:
    """The served OpenAPI with SPEC §5's query parameters and headers it lacks
    added, and hostile examples for every numeric query parameter."""
    spec = copy.deepcopy(spec)
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                _complete(operation.setdefault("parameters", []), path, method)
    return spec


def _complete(params: list, path: str, method: str) -> None:
    named = {p.get("name") for p in params}
    wanted = [("query", n) for n in QUERY.get(path, []) if method == "get"]
    if method in ("post", "put"):
        wanted.append(("header", "Idempotency-Key"))
        if "{" in path:
            wanted.append(("header", "If-Match"))
    params += [
        {"in": where, "name": name, "schema": NUMBER if name in NUMERIC else TEXT}
        for where, name in wanted
        if name not in named
    ]
    for param in params:
        if param.get("in") == "query" and param.get("name") in NUMERIC:
            param["schema"] = NUMBER  # strings too, not only what the docs allow
            param["examples"] = {
                f"hostile{n}": {"value": v} for n, v in enumerate(HOSTILE_NUMBERS)
            }


def run(base: str, spec: dict, tokens: dict, roles: list[str], examples: int):
    """Every operation, as every role, in both modes; (statuses, 5xx cases)."""
    schema = schemathesis.openapi.from_dict(documented(spec))
    statuses, failures = Counter(), []
    session = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        for role in roles:
            auth = (
                {}
                if role == "none"
                else {"Authorization": f"Bearer {tokens[(role, True)]}"}
            )
            for mode in GenerationMode:
                _fuzz(
                    operation, mode, examples, base, session, auth, statuses, failures
                )
    return statuses, failures


def _fuzz(operation, mode, examples, base, session, auth, statuses, failures):
    strategy = operation.as_strategy(generation_mode=mode)
    if mode == GenerationMode.POSITIVE:  # the hostile examples, then the rest
        strategy = st.one_of(*operation.get_strategies_from_examples(), strategy)

    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @hypothesis.given(case=strategy)
    def one(case):
        headers = {**(case.headers or {}), **auth}
        response = case.call(base_url=base, session=session, headers=headers)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {case.as_curl_command(headers)}")

    one()


def main(argv: list[str] | None = None) -> int:
    """Serve a fresh SQLite store with gunicorn, fuzz it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20)
    parser.add_argument("--roles", default=",".join([*ROLES, "none"]))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/fuzz.sqlite3"
        ledger = open_ledger(url)
        tokens = issue_tokens(ledger)
        ledger.close()
        started = time.perf_counter()
        # Limits off: every case should reach its handler, not a 429.
        with gunicorn(
            url,
            tokens,
            Path(folder) / "gunicorn.log",
            strict=False,
            DTKS_RATE_LIMITS="off",
        ) as server:
            spec = requests.get(f"{server.base}/api/openapi.json", timeout=30).json()
            roles = args.roles.split(",")
            statuses, failures = run(server.base, spec, tokens, roles, args.examples)
    for failure in failures:
        print(failure)
    summary = {
        "cases": sum(statuses.values()),
        "5xx": sum(n for status, n in statuses.items() if status >= 500),
        "statuses": dict(sorted(statuses.items())),
        "seconds": round(time.perf_counter() - started, 1),
        "examples_per_operation_role_mode": args.examples,
        "roles": args.roles,
    }
    print(json.dumps(summary))
    return 1 if summary["5xx"] else 0


if __name__ == "__main__":
    sys.exit(main())
