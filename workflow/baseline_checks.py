"""The rules a baseline file's families meet before they enter the registry.

Each family meets the rules an add proposal meets, and a NIK may stand in one
family of the file only; a family that fails is rejected row by row, each row
naming the reasons that apply to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.drafts import check_proposal
from workflow.errors import InvalidInput

Rejected = tuple[int, str, str]  # line, NIK, reason


@dataclass
class FamilyRows:
    """The rows of one family in the file: line numbers and member fields.

    `problem` says why the file's rows cannot make a family (say, they disagree
    on the desa); every row is then rejected with it.
    """

    kk: str
    desa: str
    address: str | None
    lines: list[int]
    members: list[dict]
    problem: str | None = None


class FileChecks:
    """The checks a family of the file must pass, in the file's order: those of
    an add proposal, and none of its NIKs in a family before it."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def passed(self, rows: FamilyRows, rejected: list[Rejected]) -> dict | None:
        """The family as a proposal carries it, or None with its rows rejected."""
        if rows.problem:
            reject(rows, rejected, {"family": [rows.problem]})
            return None
        try:
            content = content_of(rows)
        except InvalidInput as invalid:
            reject(rows, rejected, invalid.errors)
            return None
        for index, member in enumerate(content["members"]):
            other = self.seen.get(member["nik"])
            if other is not None:
                message = f"NIK {member['nik']} is also in family {other}"
                reject(rows, rejected, {f"members.{index}.nik": [message]})
                return None
        for member in content["members"]:
            self.seen[member["nik"]] = rows.kk
        return content


def content_of(rows: FamilyRows) -> dict:
    """The family as an add proposal would carry it, checked by the same rules."""
    return check_proposal(
        {
            "kind": "add",
            "desa": rows.desa,
            "members": rows.members,
            "family": {"kk": rows.kk, "address": rows.address},
        }
    )


def details_of(member: dict) -> dict:
    """What a person's record holds of a member beside the NIK."""
    return {k: v for k, v in member.items() if k != "nik"}


def reject(rows: FamilyRows, rejected: list[Rejected], errors: dict) -> None:
    """Every row of the family is rejected; each names the reasons that apply to it.

    A row gets its own problems and the family's; a row with none is rejected
    for the problems of its family's other rows, which it names.
    """
    family = [m for f, ms in errors.items() if not f.startswith("members.") for m in ms]
    others = "; ".join(
        f"{f}: {' '.join(ms)}" for f, ms in errors.items() if f.startswith("members.")
    )
    for index, line in enumerate(rows.lines):
        nik = rows.members[index].get("nik", "") if index < len(rows.members) else ""
        own = [
            m
            for f, ms in errors.items()
            if f.startswith(f"members.{index}.")
            for m in ms
        ]
        reasons = own + family or [f"another row of the family: {others}"]
        rejected.append((line, str(nik), "; ".join(reasons)))
