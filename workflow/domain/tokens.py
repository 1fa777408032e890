"""Bearer tokens: known only by a hash, valid until they expire or are revoked."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from uuid import UUID, uuid5

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.domain.ids import NAMESPACE

TOKEN_DAYS = 90  # the lifetime of a token issued without one named
MAX_TOKEN_DAYS = 3650


def token_id(token: str) -> UUID:
    """The stream id of a token: derived from its SHA-256, never from the token."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return uuid5(NAMESPACE, f"token:{digest}")


@versioned
class Token(LedgerAggregate):
    """A bearer token, known only by the hash its id is derived from."""

    TOPIC = "dtks.token"

    @fact(
        "Issued",
        "dtks.token.issued",
        "a bearer token became valid for an account until `expires_at` (UTC)",
        "admin, or the operating-system user at the command line",
    )
    def __init__(self, id: UUID, user_id: str, by: dict, expires_at: str):
        self.user_id = user_id
        self.revoked = False
        self.expires_at = expires_at

    def expired_at(self, now: datetime) -> bool:
        """True once the token's lifetime has run out at `now`."""
        return now >= datetime.fromisoformat(self.expires_at)

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


def _issued_before_expiry(state: dict) -> None:
    """Tokens issued before tokens expired lapse TOKEN_DAYS after their issue."""
    state["expires_at"] = (state["timestamp"] + timedelta(days=TOKEN_DAYS)).isoformat()


# Version 2 of `dtks.token.issued` records `expires_at`.
Token.Issued.class_version = 2  # type: ignore[attr-defined]
Token.Issued.upcast_v1_v2 = staticmethod(_issued_before_expiry)  # type: ignore[attr-defined]
