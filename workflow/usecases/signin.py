"""Use cases of the web sign-in: usernames, passwords, lock-outs, sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from workflow.actors import Actor
from workflow.domain.accounts import User
from workflow.domain.usernames import Username, username_id, username_problem
from workflow.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from workflow.passwords import hash_password, password_matches, password_problem
from workflow.problems import Problem
from workflow.usecases.core import LedgerCore

ADMINS = ("admin", "system")
VISITOR = {"id": "web:sign-in", "name": "sign-in form", "role": "anonymous"}


class AccountLocked(NotAuthenticated):
    """Too many failed sign-ins: the account refuses every attempt for a while."""

    def __init__(self, until: str):
        self.until = until
        super().__init__(Problem("signin.locked", until=until))


def utc_now() -> datetime:
    """The current moment in UTC."""
    return datetime.now(UTC)


class SignInUseCases(LedgerCore):
    """Signing in and out with a username and password, and managing both."""

    #: The ledger's clock for lock-outs and token expiry; tests move it.
    clock = staticmethod(utc_now)

    def give_username(self, user: User, username: Any, by: dict) -> Username:
        """Claim a free username for an account (in the caller's transaction)."""
        problem = username_problem(username)
        if problem:
            raise InvalidInput({"username": [problem]})
        name = username.strip().lower()
        if self.stored(username_id(name)) is not None:
            raise Conflict(Problem("username.taken", username=name))
        user.give_username(name, by)
        return Username(
            id=username_id(name), username=name, user_id=str(user.id), by=by
        )

    def account(self, key: object) -> User:
        """The account of an id or, failing that, of a username."""
        try:
            UUID(str(key))
        except ValueError:
            return self.user_named(key)
        return self.load(User, key, "user")

    def user_named(self, username: object) -> User:
        """The account of a username, in two loads; NotFound when there is none."""
        if not isinstance(username, str) or username_problem(username):
            raise NotFound("username", username)
        claim = self.load(Username, username_id(username), "username")
        return self.load(User, claim.user_id, "user")

    def set_password(self, actor: Actor, username: object, password: object) -> User:
        """Set an account's password: an admin for anyone, a user for itself."""
        problem = password_problem(password)
        if problem:
            raise InvalidInput({"password": [problem]})
        hashed = hash_password(str(password))
        by = actor.stamp()

        def attempt():
            user = self.user_named(username)
            if str(user.id) != actor.id:
                actor.require(*ADMINS)
            user.set_password(hashed, by)
            return [user], user

        return self.commit(attempt)

    def sign_in(self, username: object, password: object, now=None) -> Actor:
        """The actor a username and password stand for; failures are recorded."""
        now = now or self.clock()
        try:
            user = self.user_named(username)
        except NotFound:
            password_matches(None, str(password))  # the same time as a real check
            raise NotAuthenticated(Problem("signin.wrong")) from None
        if user.locked_at(now):
            raise AccountLocked(str(user.locked_until))
        if password_matches(user.password_hash, str(password)):
            user.check_enabled()
            return actor_of(self._on_user(user.id, lambda u: u.sign_in(stamp(u))))
        self._on_user(user.id, lambda u: u.fail_sign_in(now, VISITOR))
        raise NotAuthenticated(Problem("signin.wrong"))

    def sign_out(self, actor: Actor) -> None:
        """Record the end of a web session."""
        by = actor.stamp()
        self._on_user(actor.id, lambda user: user.sign_out(by))

    def unlock(self, actor: Actor, user_id: object) -> User:
        """An admin lifts a lock-out."""
        actor.require(*ADMINS)
        by = actor.stamp()
        return self._on_user(user_id, lambda user: user.unlock(by))

    def session_actor(self, user_id: object) -> Actor:
        """The actor of a signed-in session, or NotAuthenticated."""
        try:
            user = self.load(User, user_id, "user")
        except NotFound:
            raise NotAuthenticated(Problem("session.no_account")) from None
        user.check_enabled()
        return actor_of(user)

    def _on_user(self, user_id, command) -> User:
        """Load an account, run one command on it, save."""

        def attempt():
            user = self.load(User, user_id, "user")
            command(user)
            return [user], user

        return self.commit(attempt)


def stamp(user: User) -> dict:
    """The user as recorded on the events it causes."""
    return actor_of(user).stamp()


def actor_of(user: User) -> Actor:
    """The actor an account acts as."""
    return Actor(id=str(user.id), name=user.name, role=user.role, region=user.region)
