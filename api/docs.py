"""OpenAPI helpers: request bodies and the problem responses of each view."""

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
}
READ = (401, 403, 404, 422)
WRITE = (400, 401, 403, 404, 409, 412, 413, 415, 422)


def documented(blp, *, body=None, problems=WRITE):
    """Describe the request body and every problem response of a view."""

    def decorate(view):
        for status in problems:
            view = blp.alt_response(
                status,
                schema=schemas.Problem,
                description=PROBLEMS[status],
                content_type="application/problem+json",
            )(view)
        if body is not None:
            view = blp.doc(
                requestBody={
                    "required": True,
                    "content": {"application/json": {"schema": body}},
                }
            )(view)
        return view

    return decorate
