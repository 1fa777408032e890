"""OpenAPI helpers: request bodies, parameters, headers and problem responses."""

from __future__ import annotations

from api import schemas

PROBLEMS = {
    400: "The body is not valid JSON",
    401: "No valid bearer token",
    403: "Your role or region does not allow this",
    404: "No such record",
    409: "Conflicts with the current state (names the conflicting record)",
    412: "If-Match names a version that is not the current one",
    413: "The body is too large",
    415: "The body is not application/json",
    422: "Invalid fields: errors maps field paths to messages",
    429: "Too many requests with this token (writes or searches); Retry-After "
    "says in how many seconds to try again; nothing was changed",
    503: "Cannot answer now: the detail says why (store unreachable, no key)",
    "default": "Unexpected (500) or the store is unreachable (503)",
}
READ = (401, 403, 404, 422)
SEARCH = (*READ, 429)  # a read of personal data, counted against a rate limit
WRITE = (400, 401, 403, 404, 409, 412, 413, 415, 422, 429)
PROBLEM_JSON = "application/problem+json"
LANGUAGE = {
    "in": "header",
    "name": "Accept-Language",
    "schema": {"type": "string", "example": "id"},
    "description": "id for messages in Indonesian; English otherwise",
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "schema": {"type": "string", "example": '"3"'},
    "description": "the ETag you read; any other current version answers 412",
}
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": "a repeat with the same key and body returns the first answer "
    "and writes nothing; the same key with another body is 422",
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "seconds to wait before the token may try again",
        "schema": {"type": "integer", "minimum": 1},
    }
}
ETAG = {
    "ETag": {
        "description": 'the version of the record, quoted: "3"',
        "schema": {"type": "string"},
    }
}


def documented(blp, *, body=None, problems=WRITE, query=None, if_match=False):
    """Describe the body, query, headers and every problem response of a view.

    A view under `api.context.keyed` is documented with Idempotency-Key. A read
    documented with 429 counts against the token's search limit (api.limits).
    """

    def decorate(view):
        for status in (*problems, "default"):
            view = blp.alt_response(
                status,
                schema=schemas.Problem,
                description=PROBLEMS[status],
                content_type=PROBLEM_JSON,
                headers=RETRY_AFTER if status == 429 else None,
            )(view)
        keyed = getattr(view, "idempotent", False)
        doc: dict = {"parameters": _parameters(query, if_match, keyed)}
        if body is not None:
            doc["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": body}},
            }
        view = blp.doc(**doc)(view)
        view.rate_limited = 429 in problems
        return view

    return decorate


def _parameters(query, if_match: bool, keyed: bool) -> list:
    parameters: list = [LANGUAGE]
    if query is not None:
        parameters.append({"in": "query", "schema": query})
    if if_match:
        parameters.append(IF_MATCH)
    if keyed:
        parameters.append(IDEMPOTENCY_KEY)
    return parameters
