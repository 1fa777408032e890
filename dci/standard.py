"""The vendored DCI standard (dci/spec) as JSON Schema validators of every
request, response and callback of /dci."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import fastjsonschema
import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_DIR = Path(__file__).parent / "spec"
DRAFT4_URI = "http://json-schema.org/draft-04/schema#"
SOCIAL, CORE = "social_api_v1.0.0.yaml", "registry_core_api_v1.0.0.yaml"
# The Social Registry API describes search and status; subscriptions and
# notifications are described only by the registry core API it builds on.
SUBSCRIPTIONS = (
    "/registry/subscribe",
    "/registry/on-subscribe",
    "/registry/unsubscribe",
    "/registry/on-unsubscribe",
    "/registry/notify",
)
QUERY = "/components/schemas/SearchRequest/properties/search_request/items/properties/search_criteria/properties/query"  # noqa: E501
# Errata: a `oneOf` whose branches overlap rejects every message that matches
# more than one of them, though each branch allows it. As written, an integer
# identifier value (both "integer" and "number"), any expression query (a
# {type, value: object} fits the identifier branch too) and a status request by
# transaction id (a string is both a transaction and a correlation id) could
# never be sent.
# Those `oneOf`s are read as `anyOf`; docs/DCI.md lists them.
STATUS_BY = "/components/schemas/TxnStatusRequest/properties/txnstatus_request/properties/attribute_value"  # noqa: E501
ANY_OF = {
    SOCIAL: (QUERY, STATUS_BY),
    CORE: ("/components/schemas/RegistryQueries", STATUS_BY),
}


# Both describe transaction status: the Social Registry API for searches only,
# the core API for subscriptions too (txn_type subscribe/unsubscribe and their
# on-subscribe/on-unsubscribe answers), so the transaction's kind picks one.
STATUS = (
    "/registry/txn/status",
    "/registry/txn/on-status",
    "/registry/sync/txn/status",
)
SUBSCRIPTION_TXNS = {"subscribe", "unsubscribe", "on-subscribe", "on-unsubscribe"}


def spec_of(path: str, body: Any = None) -> str:
    """The file of the standard that describes an endpoint (for a status
    request or answer, `body` tells which kind of transaction it concerns)."""
    if path in SUBSCRIPTIONS:
        return CORE
    if path in STATUS and status_txn_type(body) in SUBSCRIPTION_TXNS:
        return CORE
    return SOCIAL


def status_txn_type(body: Any) -> Any:
    """The txn_type a status request or answer names (None when it names none)."""
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, dict):
        return None
    for key in ("txnstatus_request", "txnstatus_response"):
        if isinstance(message.get(key), dict):
            return message[key].get("txn_type")
    return None


@functools.cache
def document(name: str, errata: bool = True) -> dict:
    """One description of the standard, with its errata applied (without them,
    only its references are straightened, so that it can be read at all)."""
    loaded = yaml.safe_load((SPEC_DIR / name).read_text(encoding="utf-8"))
    if errata:
        _overlapping_numbers_any_of(loaded)
        for pointer in ANY_OF[name]:
            node = _at(loaded, pointer)
            node["anyOf"] = node.pop("oneOf")
    _direct_refs(loaded, loaded)
    return loaded


def _overlapping_numbers_any_of(node: Any) -> None:
    if isinstance(node, dict):
        branches = node.get("oneOf")
        if isinstance(branches, list):
            types = {b.get("type") for b in branches if isinstance(b, dict)}
            if {"integer", "number"} <= types:
                node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _overlapping_numbers_any_of(value)
    elif isinstance(node, list):
        for value in node:
            _overlapping_numbers_any_of(value)


def _direct_refs(doc: dict, node: Any) -> None:
    """Point every `$ref` straight at its target.

    Some of the standard's references run through another reference
    (`.../oneOf/0/properties/...` where `oneOf/0` is itself a `$ref`), which
    documentation tools follow but a JSON pointer does not.
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            node["$ref"] = "#" + _canonical(doc, ref[1:])
        for value in node.values():
            _direct_refs(doc, value)
    elif isinstance(node, list):
        for value in node:
            _direct_refs(doc, value)


def _canonical(doc: dict, pointer: str) -> str:
    node: Any = doc
    path: list[str] = []
    for part in pointer.lstrip("/").split("/"):
        if isinstance(node, dict) and "$ref" in node:
            path = node["$ref"][2:].split("/")
            node = _at(doc, node["$ref"][1:])
        key = part.replace("~1", "/").replace("~0", "~")
        if key == "oneOf" and key not in node:  # read as anyOf (errata above)
            key = part = "anyOf"
        node = node[int(key)] if isinstance(node, list) else node[key]
        path.append(part)
    return "/" + "/".join(path)


def _at(doc: dict, pointer: str) -> Any:
    node: Any = doc
    for part in pointer.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


@functools.cache
def validator(name: str, pointer: str, errata: bool = True) -> Draft4Validator:
    """A validator of the schema at `pointer` in one description of the standard."""
    uri = f"urn:dci:{name}"
    resource = Resource.from_contents(
        document(name, errata), default_specification=DRAFT4
    )
    registry = Registry().with_resource(uri, resource)
    return Draft4Validator({"$ref": f"{uri}#{pointer}"}, registry=registry)


def request_validator(
    path: str, errata: bool = True, body: Any = None
) -> Draft4Validator:
    """The validator of the JSON body sent to an endpoint (or to a callback)."""
    return validator(spec_of(path, body), _request_schema(path), errata)


def conforms(path: str, body: Any) -> bool:
    """Whether a request body is valid, in a twentieth of the time of
    request_validator, which only the invalid need (to say why)."""
    try:
        _compiled(spec_of(path, body), _request_schema(path))(body)
    except Exception:  # invalid, or in any doubt: the full check decides
        return False
    return True


@functools.cache
def _compiled(name: str, pointer: str):
    """The schema at `pointer` compiled to Python code (fastjsonschema), with
    Draft4Validator's semantics: draft 4, formats not checked."""
    schema = {**document(name), "$schema": DRAFT4_URI, "$ref": f"#{pointer}"}
    return fastjsonschema.compile(schema, use_formats=False)


def _request_schema(path: str) -> str:
    return f"/paths/{_escape(path)}/post/requestBody/content/application~1json/schema"


def response_validator(path: str, status: int, body: Any = None) -> Draft4Validator:
    """The validator of an endpoint's JSON answer with this HTTP status."""
    name = spec_of(path, body)
    responses = f"/paths/{_escape(path)}/post/responses"
    declared = _at(document(name), responses)
    key = str(status) if str(status) in declared else "default"
    reply = declared[key]
    base = reply["$ref"][1:] if "$ref" in reply else f"{responses}/{key}"
    return validator(name, f"{base}/content/application~1json/schema")


def problems(checker: Draft4Validator, body: Any) -> list[str]:
    """Each way `body` departs from the standard, as `path: message`."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in checker.iter_errors(body)
    ]
