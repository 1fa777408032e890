"""Passwords: the policy a new one must meet, and hashing with argon2id."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workflow.problems import Problem

MIN_LENGTH = 10
MAX_LENGTH = 200
_HASHER = PasswordHasher()  # argon2id, memory-hard, with the library's defaults


def password_problem(password: object) -> str | None:
    """Why a password may not be used, or None when it meets the policy."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        return Problem("password.too_short", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return Problem("password.too_long", maximum=MAX_LENGTH)
    if not password.strip():
        return Problem("password.blank")
    return None


def hash_password(password: str) -> str:
    """The argon2id hash of a password, salted; only this is ever stored."""
    return _HASHER.hash(password)


def password_matches(hashed: str | None, password: str) -> bool:
    """True when `password` is the one `hashed` was made from.

    An account without a password still spends the time of one check, so the
    answer's timing does not tell which usernames exist.
    """
    try:
        return _HASHER.verify(hashed or _stand_in(), password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _stand_in() -> str:
    return _HASHER.hash("no account has this password")
