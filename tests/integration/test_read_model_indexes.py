"""A read model's indexes reach an existing database with the model's new version."""

from __future__ import annotations

from events import rebuild
from events.readside import ReadSide, open_service
from events.schema import REGISTRY
from tests.support import make_actors
from workflow.app import open_ledger

INDEXES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' "
    "AND tbl_name = 'rm_membership'",
    "postgres": "SELECT indexname FROM pg_indexes WHERE tablename = 'rm_membership' "
    "AND schemaname = current_schema()",
}


def _membership_indexes(read: ReadSide) -> set[str]:
    return {name for (name,) in read.store.query(INDEXES[read.store.dialect])}


def test_a_database_of_the_previous_registry_version_gets_the_dci_search_index(
    store_url,
):
    # 1. A store built by the previous release: no DCI index, registry version 2.
    ledger = open_service(store_url)
    make_actors(ledger)
    with ledger.index.store.transaction() as cur:
        cur.execute("DROP INDEX IF EXISTS dci_membership_kab_born")
        cur.execute("UPDATE rm_model SET version = 2 WHERE name = 'registry'")
    assert "dci_membership_kab_born" not in _membership_indexes(ledger.index)
    ledger.close()

    # 2. This release opens it: the registry model alone is rebuilt, with its index.
    read = ReadSide(open_ledger(store_url), migrate="later")
    assert [m.name for m in read.projector.stale()] == ["registry"]
    assert read.projector.migrate() == ["registry"]
    assert "dci_membership_kab_born" in _membership_indexes(read)
    assert "dci_membership_kab_born" in REGISTRY.index_names()
    read.close()


def test_a_rebuild_gives_the_query_planner_statistics_of_its_larger_tables(
    sqlite_url, monkeypatch
):
    ledger = open_service(sqlite_url)
    make_actors(ledger)
    ledger.close()
    read = ReadSide(open_ledger(sqlite_url), migrate="later")
    monkeypatch.setattr(rebuild, "ANALYZED_ROWS", 2)
    read.projector.rebuild()
    rows = {
        table: read.store.query(f"SELECT COUNT(*) FROM {table}")[0][0]
        for model in read.projector.models
        for table in model.tables
    }
    analysed = {t for (t,) in read.store.query("SELECT tbl FROM sqlite_stat1")}
    assert analysed == {table for table, count in rows.items() if count >= 2} != set()
    read.close()
