"""User accounts, role grants and bearer tokens, kept in the log like any fact."""

from __future__ import annotations

import hashlib
from uuid import UUID, uuid5

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.domain.registry import NAMESPACE


def token_id(token: str) -> UUID:
    """The stream id of a token: derived from its SHA-256, never from the token."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return uuid5(NAMESPACE, f"token:{digest}")


@versioned
class User(LedgerAggregate):
    """A person with one role and one region scope."""

    TOPIC = "dtks.user"

    @fact(
        "Registered",
        "dtks.user.registered",
        "an account was created with a role and region scope (who gave whom access)",
        "admin, or the operating-system user at the command line",
    )
    def __init__(self, name: str, role: str, region: str | None, by: dict):
        self.name, self.role, self.region = name, role, region
        self.granted_by = by
        self.token_ids: list[str] = []
        self.public_key: str | None = None

    def issue_token(self, token_ref: str, by: dict) -> None:
        """Note a new token of the user (only its hashed id is kept)."""
        self._token_issued(token_ref, by)

    @fact(
        "TokenIssued",
        "dtks.user.token_issued",
        "a new bearer token was issued to the account",
        "admin, or the operating-system user at the command line",
    )
    def _token_issued(self, token_ref: str, by: dict) -> None:
        self.token_ids.append(token_ref)

    def revoke_tokens(self, by: dict) -> list[str]:
        """Revoke every token of the user; returns the revoked token ids."""
        revoked = list(self.token_ids)
        self._tokens_revoked(revoked, by)
        return revoked

    @fact(
        "TokensRevoked",
        "dtks.user.tokens_revoked",
        "every token of the account was revoked",
        "admin, or the operating-system user at the command line",
    )
    def _tokens_revoked(self, token_refs: list[str], by: dict) -> None:
        self.token_ids = []

    def register_public_key(self, public_key: str, by: dict) -> None:
        """Register the Ed25519 key the account's system signs its messages with."""
        self._public_key_registered(public_key, by)

    @fact(
        "PublicKeyRegistered",
        "dtks.user.public_key_registered",
        "an Ed25519 public key was registered; the account's messages must be "
        "signed with it",
        "admin, or the operating-system user at the command line",
    )
    def _public_key_registered(self, public_key: str, by: dict) -> None:
        self.public_key = public_key


@versioned
class Token(LedgerAggregate):
    """A bearer token, known only by the hash its id is derived from."""

    TOPIC = "dtks.token"

    @fact(
        "Issued",
        "dtks.token.issued",
        "a bearer token became valid for an account",
        "admin, or the operating-system user at the command line",
    )
    def __init__(self, id: UUID, user_id: str, by: dict):
        self.user_id = user_id
        self.revoked = False

    def revoke(self, by: dict) -> None:
        """Make the token useless from now on."""
        if not self.revoked:
            self._revoked(by)

    @fact(
        "Revoked",
        "dtks.token.revoked",
        "a bearer token stopped being valid",
        "admin, or the operating-system user at the command line",
    )
    def _revoked(self, by: dict) -> None:
        self.revoked = True
