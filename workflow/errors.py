"""One hierarchy for every error the workflow can raise."""

from __future__ import annotations

from workflow.problems import Problem


class WorkflowError(Exception):
    """Base of every domain error; its message is meant for the person acting.

    The message is a Problem (a code and parameters, worded in the reader's
    language at the edge) or, where none is catalogued, plain English text.
    """

    @property
    def message(self) -> str:
        """The message as raised: a Problem, or text."""
        return self.args[0] if self.args else ""


class InvalidInput(WorkflowError):
    """Input that breaks a rule about its own content (field by field)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        first_field, messages = next(iter(errors.items()))
        super().__init__(f"{first_field}: {messages[0]}")


class NotFound(WorkflowError):
    """A named record does not exist."""

    def __init__(self, what: str, key: object):
        self.what, self.key = what, key
        super().__init__(Problem("record.not_found", what=what, key=key))


class Conflict(WorkflowError):
    """The request contradicts the current state of another record."""


class ProposalConflict(Conflict):
    """A NIK or KK is already claimed by another open proposal, or the registry
    contradicts the proposal."""


class InvalidTransition(Conflict):
    """A step that the workflow diagram does not allow from the current status."""


class StaleVersion(WorkflowError):
    """The caller acted on a version that is no longer the current one."""

    def __init__(self, what: str, expected: int, current: int):
        self.expected, self.current = expected, current
        super().__init__(
            Problem("record.stale", what=what, expected=expected, current=current)
        )


class NotAuthenticated(WorkflowError):
    """No valid credentials were presented."""


class AccountDisabled(NotAuthenticated):
    """An admin disabled the account: no token or session of it is honoured."""


class OutOfScope(WorkflowError):
    """The actor's role or region does not allow this action."""
