"""Registry records in the standard's shapes: a family is a Group (its No. KK the
group identifier), a person a Member (the NIK the national identifier)."""

from __future__ import annotations

SEX = {"M": "male", "F": "female"}


def identifier(kind: str, value: str) -> dict:
    """One entry of an identifier list."""
    return {"@type": "Identifier", "identifier_type": kind, "identifier_value": value}


def member(person: dict) -> dict:
    """A person as a DCI Member."""
    nik = [identifier("NIK", person["nik"])]
    shown = {
        "@type": "spdci:Member",
        "member_identifier": nik,
        "demographic_info": {
            "@type": "SRPerson",
            "identifier": nik,
            "name": {"@type": "Name", "given_name": person["name"]},
            "sex": SEX.get(person["sex"], person["sex"]),
            "birth_date": person["birth_date"],
        },
        "relationship_head": person["relationship"],
        "is_disabled": person["disability"] is not None,
        "registration_date": person["registered_since"],
        "group_identifier": [identifier("KK", person["kk"])],
        "location": person["desa"],
    }
    if person["disability"] is not None:
        shown["disability_info"] = person["disability"]
    if person["occupation"] is not None:
        shown["occupation"] = person["occupation"]
    return shown


def group(family: dict) -> dict:
    """A family with its members as a DCI Group."""
    members = [member(person) for person in family["members"]]
    heads = [m for m, p in zip(members, family["members"], strict=True) if _head(p)]
    return {
        "@type": "spdci:Group",
        "group_identifier": [identifier("KK", family["kk"])],
        "group_type": "family",
        "place": {"@type": "Place", "address": family["address"] or ""},
        "location": family["members"][0]["desa"],
        "group_size": len(members),
        "group_head_info": heads[0] if heads else members[0],
        "member_list": members,
        "registration_date": min(p["registered_since"] for p in family["members"]),
    }


def _head(person: dict) -> bool:
    return person["relationship"] == "head"
