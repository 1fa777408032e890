"""Tables of the read models. Dates are ISO TEXT, so comparisons are the same on
SQLite and PostgreSQL."""

from __future__ import annotations

TABLES = {
    "rm_tracking": "name TEXT PRIMARY KEY, position BIGINT NOT NULL",
    # One row per registered state of a person: valid_from <= D < valid_to.
    "rm_membership": (
        "nik TEXT NOT NULL, kk TEXT NOT NULL, desa TEXT NOT NULL, "
        "kecamatan TEXT NOT NULL, kabkota TEXT NOT NULL, province TEXT NOT NULL, "
        "name TEXT, birth_date TEXT, sex TEXT, relationship TEXT, disability TEXT, "
        "occupation TEXT, valid_from TEXT NOT NULL, valid_to TEXT, "
        "position BIGINT NOT NULL"
    ),
    "rm_family": (
        "kk TEXT NOT NULL, desa TEXT NOT NULL, address TEXT, "
        "valid_from TEXT NOT NULL, valid_to TEXT, position BIGINT NOT NULL"
    ),
    # Every change of a person's registration, with the proposal behind it.
    "rm_change": (
        "position BIGINT NOT NULL, nik TEXT NOT NULL, change TEXT NOT NULL, "
        "kk TEXT, desa TEXT, effective_on TEXT NOT NULL, proposal_id TEXT, "
        "determination_id TEXT, kind TEXT, reason TEXT, recorded_at TEXT NOT NULL, "
        "details TEXT"
    ),
    # The decision chain of each proposal.
    "rm_proposal": (
        "id TEXT PRIMARY KEY, kind TEXT NOT NULL, desa TEXT NOT NULL, "
        "status TEXT NOT NULL, submitted_by TEXT NOT NULL, submitted_at TEXT NOT NULL, "
        "deliberation_id TEXT, endorsed_by TEXT, verified_by TEXT, "
        "ratification TEXT, determination TEXT, rejected_stage TEXT, "
        "position BIGINT NOT NULL"
    ),
    "rm_deliberation": (
        "id TEXT PRIMARY KEY, desa TEXT NOT NULL, status TEXT NOT NULL, "
        "minutes_number TEXT NOT NULL, held_on TEXT NOT NULL, "
        "chaired_by TEXT NOT NULL, position BIGINT NOT NULL"
    ),
    # The region of every stream, so a regional auditor sees only its own events.
    "rm_stream_region": "stream_id TEXT PRIMARY KEY, region TEXT",
}

INDEXES = [
    # Covering: the registry of a desa is one contiguous index range.
    "CREATE INDEX IF NOT EXISTS rm_membership_desa ON rm_membership (desa, kk, "
    "nik, valid_from, valid_to, name, birth_date, sex, relationship, disability, "
    "occupation)",
    "CREATE INDEX IF NOT EXISTS rm_membership_kec ON rm_membership "
    "(kecamatan, valid_from)",
    "CREATE INDEX IF NOT EXISTS rm_membership_kab ON rm_membership "
    "(kabkota, valid_from)",
    "CREATE INDEX IF NOT EXISTS rm_membership_nik ON rm_membership (nik, valid_from)",
    "CREATE INDEX IF NOT EXISTS rm_membership_kk ON rm_membership (kk, valid_from)",
    "CREATE INDEX IF NOT EXISTS rm_family_kk ON rm_family (kk, valid_from)",
    "CREATE INDEX IF NOT EXISTS rm_change_nik ON rm_change (nik, position)",
    "CREATE INDEX IF NOT EXISTS rm_proposal_desa ON rm_proposal (desa, position)",
    "CREATE INDEX IF NOT EXISTS rm_deliberation_desa ON rm_deliberation (desa)",
]


def create(cursor) -> None:
    """Create the read-model tables and indexes when they are missing."""
    for name, columns in TABLES.items():
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
    for statement in INDEXES:
        cursor.execute(statement)


def clear(cursor) -> None:
    """Empty every read model, for a rebuild from the first event."""
    for name in TABLES:
        if name != "rm_tracking":
            cursor.execute(f"DELETE FROM {name}")


# Handlers look current rows up by these while they project; a rebuild keeps them.
LOOKUPS = {"rm_membership_nik", "rm_family_kk"}
# A bulk load of new people adds to these at the end of a few key ranges (a
# region, one valid_from), so keeping them up to date costs little; the others
# take random keys (NIK, No. KK) and are built once afterwards.
APPENDED = {
    "rm_membership_kec",
    "rm_membership_kab",
    "rm_proposal_desa",
    "rm_deliberation_desa",
}


def drop_indexes(cursor, keep: set[str] = LOOKUPS) -> None:
    """Drop the query-only indexes (a rebuild creates them again at the end)."""
    for statement in INDEXES:
        name = statement.split(" IF NOT EXISTS ")[1].split(" ON ")[0]
        if name not in keep:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
