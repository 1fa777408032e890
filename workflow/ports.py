"""What the use cases need from the read side, declared here and provided there.

Lists and the set of ratified proposals are answered by indexed read models
(events/), never by walking the log; the workflow names only this interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Page:
    """Which page of a list: after the cursor (a log position), at most `limit`."""

    after: int
    limit: int


class WorkflowIndex(Protocol):
    """Indexed, current answers about workflow records."""

    def proposals(
        self, region: str | None, status: str | None, kind: str | None, page: Page
    ) -> tuple[list[dict], str | None]:
        """Proposals in a region (None: national), oldest first."""
        ...

    def deliberations(
        self, region: str | None, status: str | None, page: Page
    ) -> tuple[list[dict], str | None]:
        """Deliberations in a region, oldest first."""
        ...

    def ratifications(
        self, region: str | None, page: Page
    ) -> tuple[list[dict], str | None]:
        """Decrees of kabupaten/kota in a region, oldest first."""
        ...

    def determinations(self, page: Page) -> tuple[list[dict], str | None]:
        """The ministry's determinations, oldest first."""
        ...

    def users(self, role: str | None, page: Page) -> tuple[list[dict], str | None]:
        """Accounts, oldest first."""
        ...

    def ratified_proposal_ids(self) -> list[str]:
        """Every proposal that is ratified now, oldest ratification first."""
        ...

    def registered_at(
        self, region: str | None, days: list[str]
    ) -> list[tuple[int, int]]:
        """(families, people) registered in a region on each of `days` (ascending)."""
        ...

    def activity(self, region: str | None, first: str, last: str) -> dict:
        """Per child region of `region`, from day `first` to day `last`:
        `counts` [(child, month, measure, n)], `last_change` {child: day of its
        last determined change up to `last`}, `people` {child: registered on
        `last`}."""
        ...
