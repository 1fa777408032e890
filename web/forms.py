"""Form fields into the bodies the use cases take, and their errors back to fields.

Each input is named by the field path the ledger's errors use ("members.0.nik"),
so an error lands beside its field with no mapping table.
"""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from workflow.drafts import PERSON_FIELDS

ROWS, MAX_ROWS = 3, 30


def rows(form: MultiDict | dict) -> int:
    """How many member rows the form shows (one more when asked)."""
    shown = form.get("rows", "")
    count = int(shown) if shown.isdigit() else ROWS
    return min(count + (1 if "more" in form else 0), MAX_ROWS)


def proposal_body(form: MultiDict, kind: str, desa: str | None) -> tuple[dict, list]:
    """The proposal a form describes, and which form row each member came from."""
    fields = ("nik",) if kind == "remove" else ("nik", *PERSON_FIELDS)
    members, origin = [], []
    for row in range(rows(form)):
        member = _row(form, row, fields)
        if member:
            members.append(member)
            origin.append(row)
    body: dict[str, Any] = {
        "kind": kind,
        "desa": desa,
        "family": {"kk": _clean(form, "family.kk")},
        "members": members,
        "criteria": form.getlist("criteria"),
    }
    if address := _clean(form, "family.address"):
        body["family"]["address"] = address
    for name in ("reason", "note"):
        if value := _clean(form, name):
            body[name] = value
    return body, origin


def at_form_rows(errors: dict, origin: list[int]) -> dict:
    """Renumber "members.N…" errors from the body's list to the form's rows."""
    moved = {}
    for path, messages in errors.items():
        parts = path.split(".")
        if parts[0] == "members" and len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            parts[1] = str(origin[index]) if index < len(origin) else parts[1]
        moved[".".join(parts)] = messages
    return moved


def _row(form: MultiDict, row: int, fields: tuple[str, ...]) -> dict:
    member = {}
    for name in fields:
        if value := _clean(form, f"members.{row}.{name}"):
            member[name] = value
    return member


def _clean(form: MultiDict, name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None
