"""Reading and rewriting the read models' own SQL statements: which tables a
statement names, the COPY that can stand for a plain insert, and an insert
made to take its rows from a SELECT."""

from __future__ import annotations

import functools
import re

NAMED = re.compile(
    r"\b(?:FROM|JOIN|UPDATE|INTO|TABLE|EXISTS)\s+([a-z_][a-z0-9_.]*)", re.I
)
PLAIN = re.compile(
    r"INSERT INTO (\w+)( \([\w, ]+\))? VALUES \(((?:\?|NULL)(?:, (?:\?|NULL))*)\)"
)
VALUES = re.compile(r"VALUES \(([^)]*)\)")


@functools.lru_cache(maxsize=1024)
def tables_named(statement: str) -> set[str] | None:
    """The tables a statement names (None: it may touch any, flush all)."""
    if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT")):
        return set(NAMED.findall(statement))
    return None


@functools.lru_cache(maxsize=1024)
def target(insert: str) -> str:
    """The table an INSERT statement writes."""
    return NAMED.search(insert).group(1)


@functools.lru_cache(maxsize=256)
def copy_of(insert: str) -> tuple[str, tuple[int, ...]] | None:
    """The COPY that writes the rows of a plain insert (placeholders and NULLs
    only, no ON CONFLICT) and where its NULLs stand, or None for any other."""
    plain = PLAIN.fullmatch(insert.strip())
    if plain is None:
        return None
    nulls = tuple(i for i, v in enumerate(plain[3].split(", ")) if v == "NULL")
    return f"COPY {plain[1]}{plain[2] or ''} FROM STDIN", nulls


def values_of(insert: str) -> list[str]:
    """The values an INSERT ... VALUES (...) statement lists, as written."""
    return [value.strip() for value in VALUES.search(insert).group(1).split(",")]


def selecting(insert: str, select: str) -> str:
    """An INSERT ... VALUES (...) statement made to take its rows from `select`
    (which yields the same columns), keeping what follows, such as its upsert."""
    return VALUES.sub(lambda _: select, insert, count=1)
