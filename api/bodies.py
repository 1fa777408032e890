"""Marshmallow schemas of the request bodies, for the OpenAPI description only.

The workflow's commands check every body (so the command line, the web forms
and the importer obey the same rules); these schemas state the rules that hold
whatever else the body says, taking every choice and limit from the workflow.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from workflow.commands.decrees import PERIOD
from workflow.commands.deliberations import CAMAT_DECISIONS, MIN_ATTENDEES, OUTCOMES
from workflow.drafts import (
    CRITERION,
    KINDS,
    RELATIONSHIPS,
    REMARK_LIMIT,
    REMOVAL_REASONS,
    SEXES,
)
from workflow.fields import ID_LIMIT, NOTE_LIMIT, NUMBER_LIMIT, REASON_LIMIT, TEXT_LIMIT
from workflow.identity import NUMBER_FORM
from workflow.regions import ANY_FORM, FORMS

NOT_BLANK = r"\S"  # the workflow trims text; blank text counts as missing


def given_text(limit: int, **kwargs) -> fields.Str:
    """Text that must be given: at least one visible character, at most `limit`."""
    checks = [validate.Length(min=1, max=limit), validate.Regexp(NOT_BLANK)]
    return fields.Str(required=True, validate=checks, **kwargs)


def optional_text(limit: int = TEXT_LIMIT, **kwargs) -> fields.Str:
    """Text that may be left out or null, at most `limit` characters."""
    return fields.Str(allow_none=True, validate=validate.Length(max=limit), **kwargs)


def code(level: int | None, example: str, note: str = "", **kwargs) -> fields.Str:
    """A Kemendagri region code of a level (None: any level)."""
    form = ANY_FORM if level is None else FORMS[level]
    described = {"example": example, **({"description": note} if note else {})}
    return fields.Str(validate=validate.Regexp(form), metadata=described, **kwargs)


def number(example: str) -> fields.Str:
    """A NIK or No. KK: 16 digits."""
    return fields.Str(
        required=True,
        validate=validate.Regexp(NUMBER_FORM),
        metadata={"example": example},
    )


class MemberIn(Schema):
    """A family member; in a removal only `nik`, in an update `nik` and the fixes."""

    nik = number("3320010702840001")
    name = optional_text()
    birth_date = fields.Date(allow_none=True)
    sex = fields.Str(allow_none=True, validate=validate.OneOf(SEXES))
    relationship = fields.Str(allow_none=True, validate=validate.OneOf(RELATIONSHIPS))
    disability = optional_text()
    occupation = optional_text()


class FamilyIn(Schema):
    """The family card."""

    kk = number("3320011203150001")
    address = optional_text()


class ProposalIn(Schema):
    """A proposal to add, remove or correct people."""

    kind = fields.Str(required=True, validate=validate.OneOf(KINDS))
    desa = code(4, "33.20.01.2001", required=True)
    family = fields.Nested(FamilyIn, required=True)
    members = fields.List(
        fields.Nested(MemberIn),
        allow_none=True,
        metadata={"description": "required (at least one) when kind is add"},
    )
    criteria = fields.List(
        fields.Str(validate=validate.Regexp(f"^{CRITERION.pattern}$")),
        allow_none=True,
        metadata={"example": ["low_income"]},
    )
    reason = fields.Str(
        allow_none=True,
        metadata={
            "description": f"required for remove, one of {', '.join(REMOVAL_REASONS)}; "
            f"otherwise free text of at most {REMARK_LIMIT} characters"
        },
    )
    note = optional_text(NOTE_LIMIT)


class ReasonIn(Schema):
    """Why."""

    reason = given_text(REASON_LIMIT)


class VervalIn(Schema):
    """The district's verification and validation."""

    eligible = fields.Bool(required=True)
    nik_matched = fields.Bool(required=True)
    checked_on = fields.Date(required=True)
    note = optional_text(NOTE_LIMIT)


class DecisionIn(Schema):
    """The deliberation's outcome for one proposal."""

    proposal_id = given_text(ID_LIMIT)
    outcome = fields.Str(required=True, validate=validate.OneOf(OUTCOMES))
    note = optional_text(NOTE_LIMIT)


class DecisionsIn(Schema):
    """A revised list of decisions, one per proposal."""

    decisions = fields.List(
        fields.Nested(DecisionIn), required=True, validate=validate.Length(min=1)
    )


class DeliberationIn(DecisionsIn):
    """The minutes of a Musdes/Muskel."""

    desa = code(4, "33.20.01.2001", required=True)
    held_on = fields.Date(required=True)
    minutes_number = given_text(NUMBER_LIMIT)
    chaired_by = given_text(TEXT_LIMIT)
    attendees = fields.Int(
        required=True,
        validate=validate.Range(min=MIN_ATTENDEES),
        metadata={"description": "head count"},
    )


class ApprovalIn(Schema):
    """The camat's decision."""

    decision = fields.Str(required=True, validate=validate.OneOf(CAMAT_DECISIONS))
    note = optional_text(NOTE_LIMIT)


def proposal_ids(**kwargs) -> fields.List:
    """Distinct proposal ids."""
    return fields.List(
        fields.Str(validate=validate.Length(min=1)),
        metadata={"uniqueItems": True},
        **kwargs,
    )


class RatificationIn(Schema):
    """An SK bupati/walikota."""

    kabkota = code(2, "33.20", required=True)
    decree_number = given_text(NUMBER_LIMIT)
    signed_on = fields.Date(required=True)
    proposal_ids = proposal_ids(required=True, validate=validate.Length(min=1))


class DeterminationIn(Schema):
    """The ministry's determination; without proposal_ids, every ratified one."""

    period = fields.Str(
        required=True,
        validate=validate.Regexp(f"^{PERIOD.pattern}$"),
        metadata={"example": "2026-11"},
    )
    decree_number = given_text(NUMBER_LIMIT)
    effective_on = fields.Date(required=True)
    proposal_ids = proposal_ids(allow_none=True)
