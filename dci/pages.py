"""A page of a search's answer: the identifiers (NIK or No. KK) of its rows in
the question's order. When this process served the page before it, the page
seeks past that page's last sort key (kept by dci/counts.py) instead of reading
every index entry before its offset; else it is read by OFFSET. The rows are
the same either way (tests/integration/test_dci_pages.py compares them)."""

from __future__ import annotations

from dataclasses import dataclass

from dci.counts import marks, position

Key = list[tuple[str, str]]  # (SQL expression, "asc" or "desc"), most significant first
# Sort columns that may hold NULL: NULLs sort after every value on PostgreSQL
# (ascending), before every value on SQLite, and a seek must say so.
NULLABLE = {"m.name", "m.birth_date"}


@dataclass(frozen=True)
class Page:
    """Which rows to list: `what` of rm_membership `m` matching `where`
    (grouped by `what` when `grouped`), in `order`, `size` from `offset`."""

    what: str
    where: str
    params: list
    order: Key
    offset: int
    size: int
    grouped: bool = False


def identifiers(store, page: Page) -> list:
    """The page's identifiers, in order; notes where the page ended."""
    order = _distinct(page.order, page.what)
    question = (
        position(store),
        page.what,
        page.where,
        tuple(page.params),
        tuple(order),
    )
    kept = marks(store)
    mark = kept.before(question, page.offset)
    rank, key = mark if mark else (0, None)
    rows = store.query(*_statement(store.dialect, page, order, page.offset - rank, key))
    if rows:
        kept.keep(question, page.offset + len(rows), tuple(rows[-1][1:]))
    return [row[0] for row in rows]


def _distinct(order: Key, unique: str) -> Key:
    """The order without repeated columns, ending at the unique one."""
    seen, kept = set(), []
    for expression, direction in order:
        if expression not in seen:
            seen.add(expression)
            kept.append((expression, direction))
        if expression == unique:
            break
    return kept


def _statement(dialect: str, page: Page, order: Key, offset: int, key) -> tuple:
    keys = ", ".join(expression for expression, _ in order)
    sort = ", ".join(f"{expression} {d.upper()}" for expression, d in order)
    params, where, having = list(page.params), page.where, ""
    if key is not None:
        after, more = _after(dialect, order, key)
        if any(expression.startswith("MIN(") for expression, _ in order):
            having = f" HAVING {after}"
        else:
            where = f"{where} AND {after}"
        params += more
    group = f" GROUP BY {page.what}{having}" if page.grouped else ""
    statement = (
        f"SELECT {page.what}, {keys} FROM rm_membership m WHERE {where}{group} "
        f"ORDER BY {sort} LIMIT ? OFFSET ?"
    )
    return statement, [*params, page.size, offset]


def _after(dialect: str, order: Key, key: tuple) -> tuple[str, list]:
    """The rows after `key` in `order`: after in the first column, or equal in
    it and after in the next, and so on; led by a bound an index can seek to."""
    params: list = []
    clauses = []
    for at, (expression, direction) in enumerate(order):
        parts = []
        for (earlier, _), value in zip(order[:at], key[:at], strict=True):
            parts.append(f"{earlier} IS NULL" if value is None else f"{earlier} = ?")
            params += [] if value is None else [value]
        beyond, more = _beyond(dialect, expression, direction, key[at])
        clauses.append(" AND ".join([*parts, beyond]))
        params += more
    (first, direction), value = order[0], key[0]
    either = " OR ".join(f"({clause})" for clause in clauses)
    if value is None or _nulls_last(dialect, first, direction):
        return f"({either})", params
    bound = ">=" if direction == "asc" else "<="
    return f"{first} {bound} ? AND ({either})", [value, *params]


def _beyond(dialect: str, expression: str, direction: str, value) -> tuple[str, list]:
    """The values after `value` in one column."""
    nulls_last = _nulls_last(dialect, expression, direction)
    if value is None:  # NULLs come first or last, together
        return ("1 = 0" if nulls_last else f"{expression} IS NOT NULL"), []
    op = ">" if direction == "asc" else "<"
    if nulls_last:
        return f"({expression} {op} ? OR {expression} IS NULL)", [value]
    return f"{expression} {op} ?", [value]


def _nulls_last(dialect: str, expression: str, direction: str) -> bool:
    """Whether NULLs of this column come after its values in this direction."""
    if expression not in NULLABLE:
        return False
    return (dialect == "postgres") == (direction == "asc")
