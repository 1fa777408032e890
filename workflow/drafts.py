"""The content of a proposal, checked field by field before anything is recorded."""

from __future__ import annotations

import re
from typing import Any

from workflow.fields import (
    NOTE_LIMIT,
    Errors,
    choice,
    iso_date,
    listing,
    mapping,
    object_body,
    text,
)
from workflow.identity import (
    birth_date_problem,
    kk_problem,
    nik_problem,
    sex_problem,
    today,
)
from workflow.problems import Problem
from workflow.regions import region_problem

KINDS = ("add", "remove", "update")
REMOVAL_REASONS = (
    "deceased",
    "moved",
    "duplicate",
    "ineligible",
    "not_found",
    "civil_servant",
)
SEXES = ("M", "F")
RELATIONSHIPS = ("head", "spouse", "child", "parent", "other")
PERSON_FIELDS = (
    "name",
    "birth_date",
    "sex",
    "relationship",
    "disability",
    "occupation",
)
CRITERION = re.compile(r"[a-z][a-z_]{1,40}")
REMARK_LIMIT = 500  # the free reason of an add or update


def check_proposal(body: Any) -> dict:
    """Return the proposal content in canonical form, or raise InvalidInput."""
    errors, body = object_body(body)
    kind = choice(errors, "kind", body.get("kind"), KINDS)
    desa = body.get("desa")
    errors.add("desa", region_problem(desa, 4))
    family = _family(errors, body.get("family"))
    members = _members(errors, kind, body.get("members"))
    reason = _reason(errors, kind, body.get("reason"))
    criteria = _criteria(errors, body.get("criteria"))
    note = text(errors, "note", body.get("note"), required=False, limit=NOTE_LIMIT)
    if kind == "add" and not members and "members" not in errors:
        errors.add("members", Problem("members.add"))
    if kind == "update" and not members and not family.get("address"):
        errors.add("members", Problem("members.update"))
    errors.raise_any()
    return {
        "kind": kind,
        "desa": desa,
        "family": family,
        "members": members,
        "criteria": criteria,
        "reason": reason,
        "note": note,
    }


def _family(errors: Errors, value: Any) -> dict:
    family = mapping(errors, "family", value)
    if "family" in errors:
        return {}
    kk = family.get("kk")
    errors.add("family.kk", kk_problem(kk))
    address = text(errors, "family.address", family.get("address"), required=False)
    return {"kk": kk, "address": address}


def _members(errors: Errors, kind: str | None, value: Any) -> list[dict]:
    required = kind == "add"
    members = listing(errors, "members", value, required=required)
    seen: set[str] = set()
    checked = []
    for index, member in enumerate(members):
        path = f"members.{index}"
        member = mapping(errors, path, member)
        if path in errors:
            continue
        nik = member.get("nik")
        errors.add(f"{path}.nik", nik_problem(nik))
        if isinstance(nik, str) and nik in seen:
            errors.add(f"{path}.nik", Problem("nik.repeated", nik=nik))
        seen.add(str(nik))
        checked.append(_member(errors, kind, path, member))
    return checked


def _member(errors: Errors, kind: str | None, path: str, member: dict) -> dict:
    nik = member.get("nik")
    if kind == "remove":
        extra = sorted(set(member) - {"nik"})
        if extra:
            errors.add(path, Problem("member.removal_fields", fields=extra))
        return {"nik": nik}
    required = kind == "add"
    person = {
        "nik": nik,
        "name": text(errors, f"{path}.name", member.get("name"), required=required),
        "birth_date": iso_date(
            errors, f"{path}.birth_date", member.get("birth_date"), required=required
        ),
        "sex": choice(
            errors, f"{path}.sex", member.get("sex"), SEXES, required=required
        ),
        "relationship": choice(
            errors,
            f"{path}.relationship",
            member.get("relationship"),
            RELATIONSHIPS,
            required=required,
        ),
        "disability": text(
            errors, f"{path}.disability", member.get("disability"), required=False
        ),
        "occupation": text(
            errors, f"{path}.occupation", member.get("occupation"), required=False
        ),
    }
    _agree_with_nik(errors, path, person)
    if kind == "update" and all(person[f] is None for f in PERSON_FIELDS):
        errors.add(path, Problem("member.no_correction", nik=nik))
    if person["birth_date"] is not None:
        person["birth_date"] = person["birth_date"].isoformat()
    return {k: v for k, v in person.items() if v is not None or k == "nik"}


def _agree_with_nik(errors: Errors, path: str, person: dict) -> None:
    nik = person["nik"]
    if f"{path}.nik" in errors:
        return
    if person["sex"]:
        errors.add(f"{path}.sex", sex_problem(nik, person["sex"]))
    birth_date = person["birth_date"]
    if birth_date:
        errors.add(f"{path}.birth_date", birth_date_problem(nik, birth_date))
        if birth_date > today():
            errors.add(f"{path}.birth_date", Problem("birth_date.future"))


def _reason(errors: Errors, kind: str | None, value: Any) -> str | None:
    if kind == "remove":
        return choice(errors, "reason", value, REMOVAL_REASONS)
    return text(errors, "reason", value, required=False, limit=REMARK_LIMIT)


def _criteria(errors: Errors, value: Any) -> list[str]:
    criteria = listing(errors, "criteria", value, required=False)
    for index, criterion in enumerate(criteria):
        if not isinstance(criterion, str) or not CRITERION.fullmatch(criterion):
            errors.add(f"criteria.{index}", Problem("criterion.invalid"))
    return sorted(set(c for c in criteria if isinstance(c, str)))
