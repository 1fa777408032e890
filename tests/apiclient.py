"""A small client for API tests: one token per role, in and out of scope."""

from __future__ import annotations

from typing import Any

from workflow.actors import command_line_actor

IN_SCOPE = {
    "operator": "33.20.01.2001",
    "camat": "33.20.01",
    "verifier": "33.20",
    "ratifier": "33.20",
    "ministry": None,
    "auditor": "33.20",
    "admin": None,
}
OUT_OF_SCOPE = {
    "operator": "33.20.01.2002",
    "camat": "33.20.02",
    "verifier": "64.09",
    "ratifier": "64.09",
    "auditor": "64.09",
}


def issue_tokens(ledger) -> dict[tuple[str, bool], str]:
    """Tokens keyed by (role, in_scope)."""
    tokens = {}
    for in_scope, scopes in ((True, IN_SCOPE), (False, OUT_OF_SCOPE)):
        for role, region in scopes.items():
            _user, token = ledger.add_user(
                command_line_actor(),
                {
                    "name": f"{role.title()} {'Dalam' if in_scope else 'Luar'}",
                    "role": role,
                    "region": region,
                },
            )
            tokens[(role, in_scope)] = token
    return tokens


class Client:
    """Calls the API as one of the test accounts."""

    def __init__(self, http: Any, tokens: dict):
        self.http, self.tokens = http, tokens

    def call(
        self,
        method: str,
        path: str,
        role: str | None = "operator",
        in_scope: bool = True,
        **kwargs,
    ):
        headers = dict(kwargs.pop("headers", {}))
        if role is not None:
            headers["Authorization"] = f"Bearer {self.tokens[(role, in_scope)]}"
        return self.http.open(path, method=method, headers=headers, **kwargs)
