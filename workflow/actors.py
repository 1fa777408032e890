"""Who acts: roles, their region scope, and the actor stamped on every event."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from workflow.errors import InvalidInput, NotFound, OutOfScope
from workflow.problems import Problem
from workflow.regions import level_of, region_problem, within

#: role -> region level its scope must have (None: national scope only).
ROLE_SCOPE_LEVEL: dict[str, int | None] = {
    "operator": 4,
    "camat": 3,
    "verifier": 2,
    "ratifier": 2,
    "ministry": None,
    "auditor": None,
    "admin": None,
    "partner": None,  # a programme's system (SPEC §11): any region, as auditor
}
ROLES = tuple(ROLE_SCOPE_LEVEL)
ANY_REGION = ("auditor", "partner")


@dataclass(frozen=True)
class Actor:
    """A person (or the command line) acting with one role in one region."""

    id: str
    name: str
    role: str
    region: str | None = None

    def stamp(self) -> dict[str, str]:
        """The actor as recorded on events and shown to users."""
        return {"id": self.id, "name": self.name, "role": self.role}

    def require(self, *roles: str) -> None:
        """Refuse the action unless the actor has one of these roles."""
        if self.role not in roles:
            raise OutOfScope(role_required(self.role, roles))

    def require_region(self, code: str) -> None:
        """Refuse the action unless `code` lies in the actor's region scope."""
        if not within(code, self.region):
            raise OutOfScope(Problem("scope.outside", code=code, scope=self.region))

    def sees(self, code: str) -> bool:
        """True when the actor may read records of region `code`."""
        return within(code, self.region)

    def require_sight(self, code: str | None, what: str, key: object) -> None:
        """Answer for a record outside the scope exactly as for one that does
        not exist, so that nobody learns it exists (SPEC §10)."""
        if code is None or not self.sees(code):
            raise NotFound(what, key)


def role_required(role: str, roles: tuple[str, ...]) -> Problem:
    """The refusal of an actor of `role` where one of `roles` is needed."""
    return Problem("role.required", role=role, roles=roles)


def command_line_actor() -> Actor:
    """The operating-system user running a command, for events caused from a shell."""
    user = getpass.getuser()
    return Actor(id=f"os:{user}", name=user, role="system")


def check_role_scope(role: object, region: object) -> dict[str, list[str]]:
    """Field errors for a role and region scope that do not fit together."""
    if role not in ROLE_SCOPE_LEVEL:
        return {"role": [Problem("role.invalid", roles=ROLES)]}
    level = ROLE_SCOPE_LEVEL[str(role)]
    if level is None:
        if region in (None, "") or role in ANY_REGION:
            return _auditor_region(region) if role in ANY_REGION else {}
        return {"region": [Problem("role.national", role=role)]}
    problem = region_problem(region, level)
    if problem is None:
        return {}
    return {"region": [Problem("role.region", role=role, problem=problem)]}


def _auditor_region(region: object) -> dict[str, list[str]]:
    if region in (None, ""):
        return {}
    problem = region_problem(region)
    return {"region": [problem]} if problem else {}


def validate_role_scope(role: object, region: object) -> None:
    """Raise InvalidInput when role and region do not fit together."""
    errors = check_role_scope(role, region)
    if errors:
        raise InvalidInput(errors)


__all__ = ["ROLES", "Actor", "command_line_actor", "level_of", "validate_role_scope"]
