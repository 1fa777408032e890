"""Lists of workflow records: one indexed query per page, in log order.

Each query reads one row more than the page holds, to know whether another
page follows; the cursor is the log position of the last row shown.
"""

from __future__ import annotations

from typing import Any

import orjson

from events.db import ReadStore
from workflow.ports import Page

LEVEL = {1: "province", 2: "kabkota", 3: "kecamatan", 4: "desa"}


def _where(region: str | None, **equal: Any) -> tuple[str, list]:
    """Equalities on the region's column (none: national) and the given columns."""
    columns = {LEVEL[region.count(".") + 1]: region} if region else {}
    columns.update({k: v for k, v in equal.items() if v is not None})
    clauses = [f"{column} = ?" for column in columns] + ["position > ?"]
    return " AND ".join(clauses), list(columns.values())


class WorkflowQueries:
    """Pages of proposals, deliberations, decrees and accounts."""

    def __init__(self, store: ReadStore):
        self.store = store

    def _page(self, table: str, columns: str, where: str, params: list, page: Page):
        rows = self.store.query(
            f"SELECT position, {columns} FROM {table} WHERE {where} "
            "ORDER BY position LIMIT ?",
            [*params, page.after, page.limit + 1],
        )
        more = len(rows) > page.limit
        rows = rows[: page.limit]
        return rows, (str(rows[-1][0]) if more else None)

    def proposals(self, region, status, kind, page: Page):
        """Proposals in a region (None: national), oldest first."""
        where, params = _where(region, status=status, kind=kind)
        rows, cursor = self._page("rm_proposal", PROPOSAL, where, params, page)
        return [proposal(row[1:]) for row in rows], cursor

    def deliberations(self, region, status, page: Page):
        """Deliberations in a region, oldest first."""
        where, params = _where(region, status=status)
        rows, cursor = self._page("rm_deliberation", DELIBERATION, where, params, page)
        return [deliberation(row[1:]) for row in rows], cursor

    def ratifications(self, region, page: Page):
        """Decrees of kabupaten/kota in a region, oldest first."""
        if region and region.count(".") > 1:  # a kecamatan or desa holds no decree
            return [], None
        where, params = _where(region)
        rows, cursor = self._page("rm_ratification", RATIFICATION, where, params, page)
        return [ratification(row[1:]) for row in rows], cursor

    def determinations(self, page: Page):
        """The ministry's determinations, oldest first."""
        rows, cursor = self._page(
            "rm_determination", DETERMINATION, "position > ?", [], page
        )
        return [determination(row[1:]) for row in rows], cursor

    def users(self, role, page: Page):
        """Accounts, oldest first."""
        where, params = _where(None, role=role)
        rows, cursor = self._page(
            "rm_user", "id, name, role, region, tokens, disabled", where, params, page
        )
        keys = ("id", "name", "role", "region", "tokens", "disabled")
        users = [dict(zip(keys, row[1:], strict=True)) for row in rows]
        return [{**user, "disabled": bool(user["disabled"])} for user in users], cursor

    def ratified_proposal_ids(self) -> list[str]:
        """Every proposal that is ratified now, oldest ratification first."""
        rows = self.store.query(
            "SELECT id FROM rm_proposal WHERE status = 'ratified' ORDER BY changed_at"
        )
        return [row[0] for row in rows]


PROPOSAL = (
    "id, kind, status, desa, version, submitted_by, submitted_at, deliberation_id, "
    "rejected_stage, body"
)
DELIBERATION = "id, desa, status, version, held_on, minutes_number, chaired_by, body"
RATIFICATION = "id, kabkota, decree_number, signed_on, version, body"
DETERMINATION = "id, period, decree_number, effective_on, applied, version, body"


def proposal(row: tuple) -> dict:
    """A proposal as every representation shows it."""
    pid, kind, status, desa, version, by, at, deliberation_id, stage, body = row
    return {
        "id": pid,
        "kind": kind,
        "status": status,
        "desa": desa,
        "version": version,
        **orjson.loads(body),
        "submitted_by": orjson.loads(by),
        "submitted_at": at,
        "deliberation_id": deliberation_id,
        "rejected_stage": stage,
    }


def deliberation(row: tuple) -> dict:
    """A deliberation with its minutes and decisions."""
    did, desa, status, version, held_on, number, chair, body = row
    return {
        "id": did,
        "desa": desa,
        "status": status,
        "version": version,
        "held_on": held_on,
        "minutes_number": number,
        "chaired_by": chair,
        **orjson.loads(body),
    }


def ratification(row: tuple) -> dict:
    """A regent's or mayor's decree."""
    rid, kabkota, number, signed_on, version, body = row
    return {
        "id": rid,
        "kabkota": kabkota,
        "decree_number": number,
        "signed_on": signed_on,
        "version": version,
        **orjson.loads(body),
    }


def determination(row: tuple) -> dict:
    """The ministry's determination and how many proposals took effect."""
    did, period, number, effective_on, applied, version, body = row
    return {
        "id": did,
        "period": period,
        "decree_number": number,
        "effective_on": effective_on,
        "applied": applied,
        "version": version,
        **orjson.loads(body),
    }
