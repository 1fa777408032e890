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
# The column whose index a seek may bound: a member page reads
# dci_membership_kab_born (kabupaten, birth date, ...), a family page walks
# rm_membership_kk. A bound on any other (NIK, No. KK of a member, desa) would
# tempt SQLite to walk that column's index over the whole table.
SOUGHT = {False: "m.birth_date", True: "m.kk"}


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
    statement = _statement(store.dialect, page, order, page.offset - rank, key)
    rows = store.query(*statement)
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
    # Sorted as asked, repeats included: sorted by NIK alone, SQLite would
    # read the NIK index in order and scan a whole table for a rare match.
    sort = ", ".join(f"{expression} {d.upper()}" for expression, d in page.order)
    params, where, having = list(page.params), page.where, ""
    if key is not None:
        after, more = Seek(dialect, SOUGHT[page.grouped]).after(order, key)
        if any(expression.startswith("MIN(") for expression, _ in order):
            having = f" HAVING {after}"
            params += more
        else:
            # First: of two lower bounds on the birth date (the age's and the
            # seek's), SQLite seeks to the first written (15 ms against 2 ms
            # at page 1,001 of 169,497, 1M people).
            where, params = f"{after} AND {where}", [*more, *params]
    group = f" GROUP BY {page.what}{having}" if page.grouped else ""
    statement = (
        f"SELECT {page.what}, {keys} FROM rm_membership m WHERE {where}{group} "
        f"ORDER BY {sort} LIMIT ? OFFSET ?"
    )
    return statement, [*params, page.size, offset]


class Seek:
    """The condition of the rows after a key, on one store's dialect."""

    def __init__(self, dialect: str, sought: str):
        self.dialect, self.sought = dialect, sought

    def after(self, order: Key, key: tuple) -> tuple[str, list]:
        """The rows after `key` in `order`: after in the first column, or equal
        in it and after in the next, and so on."""
        params: list = []
        clauses = []
        for at, (expression, direction) in enumerate(order):
            parts = []
            for (earlier, _), value in zip(order[:at], key[:at], strict=True):
                if value is None:
                    parts.append(f"{earlier} IS NULL")
                else:
                    parts.append(f"{self._plain(earlier)} = ?")
                    params.append(value)
            beyond, more = self._beyond(expression, direction, key[at])
            clauses.append(" AND ".join([*parts, beyond]))
            params += more
        either = " OR ".join(f"({clause})" for clause in clauses)
        (first, direction), value = order[0], key[0]
        if first != self.sought or value is None or self._nulls_last(first, direction):
            return f"({either})", params
        bound = ">=" if direction == "asc" else "<="  # the index range to seek
        return f"{first} {bound} ? AND ({either})", [value, *params]

    def _beyond(self, expression: str, direction: str, value) -> tuple[str, list]:
        """The values after `value` in one column."""
        nulls_last = self._nulls_last(expression, direction)
        if value is None:  # NULLs come first or last, together
            return ("1 = 0" if nulls_last else f"{expression} IS NOT NULL"), []
        op = ">" if direction == "asc" else "<"
        plain = self._plain(expression)
        if nulls_last:
            return f"({plain} {op} ? OR {expression} IS NULL)", [value]
        return f"{plain} {op} ?", [value]

    def _plain(self, expression: str) -> str:
        """The column as compared: its index offered only if it is the sought one."""
        return expression if expression == self.sought else f"({expression} || '')"

    def _nulls_last(self, expression: str, direction: str) -> bool:
        """Whether NULLs of this column come after its values in this direction."""
        if expression not in NULLABLE:
            return False
        return (self.dialect == "postgres") == (direction == "asc")
