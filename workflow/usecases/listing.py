"""Paged, scoped lists of workflow records, answered by the read side's indexes.

The rules live here (which filters exist, what a cursor is, what each role may
list); the rows come from `self.index` (workflow/ports.py), a read model kept
from the log.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from workflow.actors import ROLES, Actor
from workflow.domain.transitions import CLOSED, OPEN
from workflow.drafts import KINDS
from workflow.fields import Errors, choice
from workflow.oversight import month, month_end, per_region, without_musdes
from workflow.ports import Page
from workflow.problems import Problem
from workflow.regions import children, region_problem, within
from workflow.usecases.core import LedgerCore

DELIBERATION_STATUSES = ("open", "submitted", "approved", "returned")
DIGITS = re.compile(r"[0-9]{1,19}")
LAST_POSITION = 2**62
PAGE_PARAMETERS = ("cursor", "limit")


class ListingUseCases(LedgerCore):
    """Lists that every role may read within its scope."""

    def list_proposals(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """Proposals in the actor's scope, oldest first, filtered and paged."""
        errors = refuse_others(query, ("status", "kind", "region", *PAGE_PARAMETERS))
        status = choice(
            errors, "status", query.get("status"), OPEN + CLOSED, required=False
        )
        kind = choice(errors, "kind", query.get("kind"), KINDS, required=False)
        region, page = self._scoped_page(actor, query, errors)
        return self._index().proposals(region, status, kind, page)

    def list_deliberations(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """Deliberations in the actor's scope, oldest first, filtered and paged."""
        errors = refuse_others(query, ("status", "region", *PAGE_PARAMETERS))
        status = choice(
            errors, "status", query.get("status"), DELIBERATION_STATUSES, required=False
        )
        region, page = self._scoped_page(actor, query, errors)
        return self._index().deliberations(region, status, page)

    def list_ratifications(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """Decrees (SK) in the actor's scope, oldest first, paged."""
        errors = refuse_others(query, ("region", *PAGE_PARAMETERS))
        region, page = self._scoped_page(actor, query, errors)
        return self._index().ratifications(region, page)

    def list_determinations(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """The ministry's determinations (national records), oldest first."""
        errors = refuse_others(query, PAGE_PARAMETERS)
        page = page_of(query, errors)
        errors.raise_any()
        return self._index().determinations(page)

    def list_users(self, actor: Actor, query: dict) -> tuple[list, str | None]:
        """Accounts, oldest first (admins and auditors)."""
        actor.require("admin", "system", "auditor")
        errors = refuse_others(query, ("role", *PAGE_PARAMETERS))
        role = choice(errors, "role", query.get("role"), ROLES, required=False)
        page = page_of(query, errors)
        errors.raise_any()
        return self._index().users(role, page)

    def list_desa_without_musdes(
        self, actor: Actor, query: dict
    ) -> tuple[list[str], str | None]:
        """The desa of the camat's kecamatan that held no Musdes/Muskel in a month
        (default: this one), by code, paged (the cursor counts the desa shown)."""
        actor.require("camat")
        errors = refuse_others(query, ("month", *PAGE_PARAMETERS))
        this_month = dt.date.today().isoformat()[:7]
        asked = month(errors, "month", query.get("month"), this_month)
        page = page_of(query, errors)
        errors.raise_any()
        found = self._index().activity(actor.region, asked + "-01", month_end(asked))
        rows = per_region(children(actor.region), [asked], found)
        quiet = without_musdes(rows)[0]["desa"]
        end = page.after + page.limit
        return quiet[page.after : end], str(end) if end < len(quiet) else None

    def _scoped_page(self, actor: Actor, query: dict, errors: Errors):
        region = query.get("region") or None
        if region is not None:
            errors.add("region", region_problem(region))
        page = page_of(query, errors)
        errors.raise_any()
        return narrowed(actor, region), page


def refuse_others(query: dict, takes: tuple[str, ...]) -> Errors:
    """Errors for every query parameter not among `takes`.

    A misspelt filter (`desa=` for `region=`) would otherwise be ignored, and the
    answer would look like the filtered one while it is not.
    """
    errors = Errors()
    for name in query:
        if name not in takes:
            problem = (
                Problem("query.unknown", name=name, takes=list(takes))
                if takes
                else Problem("query.none", name=name)
            )
            errors.add(name, problem)
    return errors


def page_of(query: dict, errors: Errors, default_limit: int = 50) -> Page:
    """The cursor and limit of a query: ASCII digits within range, else an error."""
    cursor = query.get("cursor")
    after = whole(cursor, 0, LAST_POSITION)
    if after is None:
        errors.add("cursor", Problem("query.cursor"))
    limit = number(errors, "limit", query.get("limit"), default_limit, 200, low=1)
    return Page(after or 0, limit)


def number(
    errors: Errors, name: str, value: Any, default: int, top: int, low: int = 0
) -> int:
    """A whole number written in ASCII digits from `low` to `top`, or the default."""
    found = whole(value, low, top, default)
    if found is None:
        errors.add(name, Problem("query.range", name=name, low=low, top=top))
    return default if found is None else found


def whole(value: Any, low: int, top: int, default: int = 0) -> int | None:
    """`value` as a whole number in ASCII digits from `low` to `top`; the default
    when it is absent; None when it is anything else."""
    if value in (None, ""):
        return default
    if isinstance(value, str) and DIGITS.fullmatch(value) and low <= int(value) <= top:
        return int(value)
    return None


def narrowed(actor: Actor, region: str | None) -> str | None:
    """The region to list: the filter, kept inside the actor's scope."""
    if region is None or within(actor.region or "", region):
        return actor.region  # no filter, or one wider than the scope
    actor.require_region(region)  # a filter outside the scope is refused
    return region
