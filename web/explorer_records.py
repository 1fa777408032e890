"""A person's and a family's page in the explorer, with each change's decisions.

Every change shows the whole chain: the proposal, who submitted it, the Musdes
minutes, the camat, the verifier, the SK and the determination, each with who
and when (the proposal's own timeline). Each read is noted in the access log.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, request

from api.personal import family_on, history_of, person_on
from web.common import actor, csv_download, ledger, page, registry, wants_csv
from web.explorer import dated, readers_only
from web.labels import label
from web.registry import family_csv
from web.timeline import proposal_steps
from workflow.errors import WorkflowError

blp = Blueprint("explorer_records", __name__, url_prefix="/jelajah")
blp.before_request(readers_only)
CHAIN = ["perubahan", "berlaku", "usulan", "jenis", "alasan", "no_kk", "desa"]
CHAIN += ["diajukan_oleh", "berita_acara", "tanggal_musdes", "pimpinan_musdes"]
CHAIN += ["disetujui_camat", "verifikator", "tanggal_verval", "no_sk", "tanggal_sk"]
CHAIN += ["pengesah", "periode_penetapan", "no_penetapan"]


@blp.get("/orang/<nik>")
def person(nik):
    """A person on a date and every change of their registration, with its chain."""

    def read(day: str):
        found = person_on(actor(), registry(), nik, day)
        changes = history_of(actor(), registry(), nik)
        return {"person": found}, changes, f"riwayat-{nik}"

    return _record("explorer/person.html", read, nik=nik)


@blp.get("/keluarga/<kk>")
def family(kk):
    """A family on a date, its members, and every change that made it so."""

    def read(day: str):
        found = family_on(actor(), registry(), kk, day)
        changes = family_changes(found["members"])
        return {"family": found}, changes, f"riwayat-keluarga-{kk}-{day}"

    return _record("explorer/family.html", read, kk=kk)


@blp.get("/keluarga/<kk>/anggota")
def members(kk):
    """A family's members on a date as CSV (the table of the family's page)."""
    return dated(
        lambda day: family_csv(family_on(actor(), registry(), kk, day), day),
        refused("explorer/family.html", kk=kk),
    )


def _record(template: str, read: Callable, **asked):
    """A record's page on the day asked, or its changes as CSV; a bad day is
    shown beside the date field and nothing is read."""

    def show(day: str):
        record, changes, name = read(day)
        if wants_csv():
            return csv_download(name, CHAIN, [chain_row(c) for c in changes])
        steps = with_steps(changes)
        return page(template, changes=steps, day=day, values={"tanggal": day}, **record)

    return dated(show, refused(template, **asked))


def refused(template: str, **asked) -> Callable[[dict], str]:
    """The page without a record, the refused date shown beside its field."""

    def again(errors: dict) -> str:
        values = {"tanggal": request.args.get("tanggal", "")}
        return page(template, errors=errors, values=values, **asked)

    return again


def family_changes(members: list[dict]) -> list[dict]:
    """The changes of every member, one per proposal, with the names it touched."""
    by_proposal: dict[object, dict] = {}
    for member in members:
        for change in history_of(actor(), registry(), member["nik"]):
            key = change["proposal_id"] or (change["effective_on"], member["nik"])
            shown = by_proposal.setdefault(key, {**change, "names": []})
            shown["names"].append(member["name"])
    return sorted(by_proposal.values(), key=lambda c: c["recorded_at"])


def with_steps(changes: list[dict]) -> list[dict]:
    """Each change with its proposal's timeline: who did each step, and when."""
    return [{**change, "steps": _steps(change["proposal_id"])} for change in changes]


def _steps(proposal_id: str | None) -> list[dict]:
    if not proposal_id:
        return []
    try:
        record = ledger().proposal(actor(), proposal_id)
    except WorkflowError:  # a proposal outside the reader's scope shows no steps
        return []
    return proposal_steps(ledger(), actor(), record)


def chain_row(c: dict) -> list:
    """One change and its decisions as a CSV row (CHAIN)."""
    minutes = c["deliberation"] or {}
    sk, decree = c["ratification"] or {}, c["determination"] or {}
    return [
        label(c["change"], "change"),
        c["effective_on"],
        c["proposal_id"],
        label(c["kind"], "kind"),
        label(c["reason"], "reason") if c["reason"] else "",
        c["kk"],
        c["desa"],
        _name(c["submitted_by"]),
        minutes.get("minutes_number"),
        minutes.get("held_on"),
        minutes.get("chaired_by"),
        _name(c["endorsed_by"]),
        _name(c["verified_by"]),
        (c["verified_by"] or {}).get("checked_on"),
        sk.get("decree_number"),
        sk.get("signed_on"),
        _name(sk.get("signed_by")),
        decree.get("period"),
        decree.get("decree_number"),
    ]


def _name(who: dict | None) -> str:
    return (who or {}).get("name", "")
