"""Use cases of accounts: who may act, with which role, in which region."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime
from typing import Any

from workflow.actors import Actor
from workflow.commands import (
    AddUser,
    ChangeAccountStatus,
    IssueToken,
    TokenLifetime,
    command,
)
from workflow.domain.accounts import User
from workflow.domain.tokens import Token, token_id
from workflow.errors import InvalidInput, NotAuthenticated, NotFound
from workflow.keys import public_key_pem
from workflow.problems import Problem
from workflow.usecases.signin import SignInUseCases, actor_of

ADMINS = ("admin", "system")


class IssuedToken(str):
    """A new bearer token, shown once, with the moment it stops working."""

    expires_at: str

    def __new__(cls, value: str, expires_at: str) -> IssuedToken:
        """The token `value`, valid until `expires_at` (UTC ISO 8601)."""
        self = super().__new__(cls, value)
        self.expires_at = expires_at
        return self


class AccountUseCases(SignInUseCases):
    """Creating accounts, issuing and revoking tokens, and authenticating."""

    def add_user(
        self, actor: Actor, given: AddUser | Any
    ) -> tuple[User, IssuedToken | None]:
        """Create an account with one role and region scope; returns it and a token.

        A repeated Idempotency-Key returns the account without a token: the token
        was shown once, and only its hash was kept.
        """
        actor.require(*ADMINS)
        account = command(AddUser, given)
        name, role, region = account.name, account.role, account.region
        username = account.username
        by, expires_at = actor.stamp(), self._expiry(account.lifetime)
        issued: dict[str, IssuedToken] = {}

        def attempt():
            user = User(name=name, role=role, region=region, by=by)
            issued["token"], record = self._new_token(user, by, expires_at)
            if username is None:
                return [user, record], user
            return [user, record, self.give_username(user, username, by)], user

        return self.commit(attempt), issued.get("token")

    def issue_token(
        self, actor: Actor, user_id: object, given: IssueToken | Any = None
    ) -> IssuedToken | None:
        """Give an existing account one more token (None: a repeated key)."""
        actor.require(*ADMINS)
        expires_at = self._expiry(command(IssueToken, given).lifetime)
        by = actor.stamp()
        issued: dict[str, IssuedToken] = {}

        def attempt():
            user = self.load(User, user_id, "user")
            issued["token"], record = self._new_token(user, by, expires_at)
            return [user, record], record

        self.commit(attempt)
        return issued.get("token")

    def revoke_tokens(self, actor: Actor, user_id: object) -> User:
        """Make every token of an account useless."""
        actor.require(*ADMINS)
        by = actor.stamp()

        def attempt():
            user = self.load(User, user_id, "user")
            tokens = [self.load(Token, ref, "token") for ref in user.revoke_tokens(by)]
            for token in tokens:
                token.revoke(by)
            return [user, *tokens], user

        return self.commit(attempt)

    def register_public_key(self, actor: Actor, user_id: object, key: object) -> User:
        """Register the Ed25519 public key a partner account signs with."""
        actor.require(*ADMINS)
        pem, by = public_key_pem(key), actor.stamp()

        def attempt():
            user = self.load(User, user_id, "user")
            if user.role != "partner":
                raise InvalidInput({"public_key": ["only a partner account has a key"]})
            user.register_public_key(pem, by)
            return [user], user

        return self.commit(attempt)

    def public_key_of(self, actor: Actor) -> str | None:
        """The public key registered for the actor's account, if any."""
        return self.load(User, actor.id, "user").public_key

    def disable(self, actor: Actor, user_id: object, given: Any) -> User:
        """An admin disables another account: its tokens and sessions stop."""
        return self._change_status(actor, user_id, given, User.disable)

    def enable(self, actor: Actor, user_id: object, given: Any) -> User:
        """An admin enables a disabled account again."""
        return self._change_status(actor, user_id, given, User.enable)

    def _change_status(self, actor: Actor, user_id: object, given: Any, change):
        """Disable or enable an account, with the admin's reason."""
        actor.require(*ADMINS)
        reason, by = command(ChangeAccountStatus, given).reason, actor.stamp()
        return self._on_user(user_id, lambda user: change(user, reason, by))

    def authenticate(self, token: object) -> Actor:
        """The actor a bearer token stands for, or NotAuthenticated."""
        return self.bearer(token)[0]

    def bearer(self, token: object) -> tuple[Actor, datetime]:
        """The actor a bearer token stands for and when the token expires."""
        if not isinstance(token, str) or not 20 <= len(token) <= 200:
            raise NotAuthenticated(Problem("token.unknown"))
        ref = token_id(token)
        try:
            record = self.load(Token, ref, "token")
        except NotFound:
            raise NotAuthenticated(Problem("token.unknown")) from None
        # The lookup is by hash; compare again in constant time for defence in depth.
        if not hmac.compare_digest(str(record.id), str(ref)) or record.revoked:
            raise NotAuthenticated(Problem("token.revoked"))
        if record.expired_at(self.clock()):
            until = record.expires_at[:16].replace("T", " ")
            raise NotAuthenticated(Problem("token.expired", expires_at=until))
        user = self.load(User, record.user_id, "user")
        user.check_enabled()
        return actor_of(user), datetime.fromisoformat(record.expires_at)

    def _expiry(self, lifetime: TokenLifetime) -> str:
        """When a token issued now with `lifetime` expires; never in the past."""
        now = self.clock()
        expires_at = lifetime.expires_at(now)
        if expires_at <= now:
            raise InvalidInput({"expires": [Problem("token.expires_past")]})
        return expires_at.isoformat()

    def _new_token(
        self, user: User, by: dict, expires_at: str
    ) -> tuple[IssuedToken, Token]:
        token = secrets.token_urlsafe(32)
        record = Token(
            id=token_id(token), user_id=str(user.id), by=by, expires_at=expires_at
        )
        user.issue_token(str(record.id), by)
        return IssuedToken(token, expires_at), record
