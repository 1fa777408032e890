"""User accounts and role grants, kept in the log like any fact."""

from __future__ import annotations

from datetime import datetime, timedelta

from workflow.domain.facts import LedgerAggregate, fact, versioned
from workflow.errors import AccountDisabled, Conflict
from workflow.problems import Problem

MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCK_OUT = timedelta(minutes=15)
ADMIN_CAUSE = "admin, or the operating-system user at the command line"


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
        self.username: str | None = None
        self.password_hash: str | None = None
        self.failures = 0
        self.locked_until: str | None = None  # UTC ISO 8601
        self.disabled = False

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

    @fact(
        "UsernameGiven",
        "dtks.user.username_given",
        "the account can sign in to the web application with this username",
        ADMIN_CAUSE,
    )
    def give_username(self, username: str, by: dict) -> None:
        """Note the username the account signs in with."""
        self.username = username

    def set_password(self, password_hash: str, by: dict) -> None:
        """Replace the password (only its argon2 hash is recorded); unlocks."""
        self._password_set(password_hash, by)

    @fact(
        "PasswordSet",
        "dtks.user.password_set",
        "the account's password was set or reset (only its argon2 hash is kept)",
        f"the account itself, {ADMIN_CAUSE}",
    )
    def _password_set(self, password_hash: str, by: dict) -> None:
        self.password_hash = password_hash
        self.failures, self.locked_until = 0, None

    def locked_at(self, now: datetime) -> bool:
        """True while a lock-out is in force at `now`."""
        until = self.locked_until
        return until is not None and now < datetime.fromisoformat(until)

    @fact(
        "SignedIn",
        "dtks.user.signed_in",
        "the account signed in to the web application",
        "the account itself",
    )
    def sign_in(self, by: dict) -> None:
        """Record a successful sign-in; the count of failures starts again."""
        self.failures, self.locked_until = 0, None

    def fail_sign_in(self, now: datetime, by: dict) -> None:
        """Record a wrong password; the fifth in a row locks the account."""
        self._sign_in_failed(by)
        if self.failures >= MAX_FAILURES:
            self._locked_out((now + LOCK_OUT).isoformat(), by)

    @fact(
        "SignInFailed",
        "dtks.user.sign_in_failed",
        "someone gave the account's username with a wrong password",
        "whoever used the sign-in form",
    )
    def _sign_in_failed(self, by: dict) -> None:
        self.failures += 1

    @fact(
        "LockedOut",
        "dtks.user.locked_out",
        f"{MAX_FAILURES} failed sign-ins in a row locked the account until `until`",
        "whoever used the sign-in form",
    )
    def _locked_out(self, until: str, by: dict) -> None:
        self.locked_until = until

    @fact(
        "Unlocked",
        "dtks.user.unlocked",
        "an admin lifted the account's lock-out before it ran out",
        ADMIN_CAUSE,
    )
    def unlock(self, by: dict) -> None:
        """Lift a lock-out and forget the failed attempts."""
        self.failures, self.locked_until = 0, None

    @fact(
        "SignedOut",
        "dtks.user.signed_out",
        "the account signed out of the web application",
        "the account itself",
    )
    def sign_out(self, by: dict) -> None:
        """Record that the account ended its web session."""

    def check_enabled(self) -> None:
        """Refuse (AccountDisabled) to act for a disabled account."""
        if self.disabled:
            raise AccountDisabled(Problem("account.disabled"))

    def disable(self, reason: str, by: dict) -> None:
        """Stop every token and web session of the account; not one's own."""
        if by["id"] == str(self.id):
            raise Conflict(Problem("account.disable_self"))
        if self.disabled:
            raise Conflict(Problem("account.already_disabled"))
        self._disabled(reason, by)

    @fact(
        "Disabled",
        "dtks.user.disabled",
        "an admin disabled the account, for `reason`: its tokens, web session "
        "and sign-in stop working",
        ADMIN_CAUSE,
    )
    def _disabled(self, reason: str, by: dict) -> None:
        self.disabled = True

    def enable(self, reason: str, by: dict) -> None:
        """Let a disabled account act again with its tokens and password."""
        if not self.disabled:
            raise Conflict(Problem("account.already_enabled"))
        self._enabled(reason, by)

    @fact(
        "Enabled",
        "dtks.user.enabled",
        "an admin enabled a disabled account again, for `reason`",
        ADMIN_CAUSE,
    )
    def _enabled(self, reason: str, by: dict) -> None:
        self.disabled = False
