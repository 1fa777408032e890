"""A baseline import: the registry a region starts from, and who loaded it."""

from __future__ import annotations

from workflow.domain.facts import LedgerAggregate, fact, versioned


@versioned
class Baseline(LedgerAggregate):
    """One run of `dtks import`: which file, on which decree, with what result."""

    TOPIC = "dtks.baseline"

    @fact(
        "Started",
        "dtks.baseline.started",
        "an existing DTKS file began loading as the registry's starting point",
        "admin, or the operating-system user at the command line",
    )
    def __init__(self, source: dict, by: dict):
        self.source = source
        self.finished = False

    def finish(self, counts: dict, by: dict) -> None:
        """Record how many families and people were loaded or rejected."""
        self._finished(counts, by)

    @fact(
        "Finished",
        "dtks.baseline.finished",
        "a baseline import ended, with its counts of loaded and rejected rows",
        "admin, or the operating-system user at the command line",
    )
    def _finished(self, counts: dict, by: dict) -> None:
        self.finished = True
        self.counts = counts
