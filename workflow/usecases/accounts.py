"""Use cases of accounts: who may act, with which role, in which region."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from workflow.actors import Actor
from workflow.commands import AddUser, command
from workflow.domain.accounts import Token, User, token_id
from workflow.errors import InvalidInput, NotAuthenticated, NotFound
from workflow.keys import public_key_pem
from workflow.usecases.signin import SignInUseCases, actor_of

ADMINS = ("admin", "system")


class AccountUseCases(SignInUseCases):
    """Creating accounts, issuing and revoking tokens, and authenticating."""

    def add_user(self, actor: Actor, given: AddUser | Any) -> tuple[User, str | None]:
        """Create an account with one role and region scope; returns it and a token.

        A repeated Idempotency-Key returns the account without a token: the token
        was shown once, and only its hash was kept.
        """
        actor.require(*ADMINS)
        account = command(AddUser, given)
        name, role, region = account.name, account.role, account.region
        username = account.username
        by = actor.stamp()
        issued: dict[str, str] = {}

        def attempt():
            user = User(name=name, role=role, region=region, by=by)
            issued["token"], record = self._new_token(user, by)
            if username is None:
                return [user, record], user
            return [user, record, self.give_username(user, username, by)], user

        return self.commit(attempt), issued.get("token")

    def issue_token(self, actor: Actor, user_id: object) -> str:
        """Give an existing account one more token."""
        actor.require(*ADMINS)
        by = actor.stamp()

        def attempt():
            user = self.load(User, user_id, "user")
            token, record = self._new_token(user, by)
            return [user, record], token

        return self.commit(attempt)

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

    def authenticate(self, token: object) -> Actor:
        """The actor a bearer token stands for, or NotAuthenticated."""
        if not isinstance(token, str) or not 20 <= len(token) <= 200:
            raise NotAuthenticated("a valid bearer token is required")
        ref = token_id(token)
        try:
            record = self.load(Token, ref, "token")
        except NotFound:
            raise NotAuthenticated("the bearer token is not known") from None
        # The lookup is by hash; compare again in constant time for defence in depth.
        if not hmac.compare_digest(str(record.id), str(ref)) or record.revoked:
            raise NotAuthenticated("the bearer token has been revoked")
        return actor_of(self.load(User, record.user_id, "user"))

    def _new_token(self, user: User, by: dict) -> tuple[str, Token]:
        token = secrets.token_urlsafe(32)
        record = Token(id=token_id(token), user_id=str(user.id), by=by)
        user.issue_token(str(record.id), by)
        return token, record
