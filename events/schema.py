"""The read models' tables and indexes. Dates are ISO TEXT, so comparisons are the
same on SQLite and PostgreSQL. Raise a model's version whenever its tables or
its handlers change: every existing database then rebuilds that model."""

from __future__ import annotations

from events.models import ReadModel

LEVELS = ("province", "kabkota", "kecamatan", "desa")
REGION_COLUMNS = "province TEXT, kabkota TEXT, kecamatan TEXT"


def _by_region(table: str, *keys: str) -> list[str]:
    """Indexes that page a table in log order within a region (any level) or
    nationally, each optionally narrowed by the given key columns."""
    statements = []
    for level in ("", *LEVELS):
        for key in ("", *keys):
            columns = [c for c in (level, key) if c] + ["position"]
            named = [c for c in (level, key.replace(", ", "_")) if c]
            name = "_".join([table, *named, "pos"])
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})"
            )
    return statements


def _by_day(table: str) -> list[str]:
    """Indexes that read a table's days within a region above desa level."""
    return [
        f"CREATE INDEX IF NOT EXISTS {table}_{level} ON {table} ({level}, day)"
        for level in LEVELS[:3]
    ]


REGISTRY = ReadModel(
    "registry",
    version=4,  # 4: rm_born_tally
    tables={
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
        # How many families and people began (+) or ended (-) their registered
        # state in a desa on a day: a count as of D is the sum up to D.
        "rm_tally": (
            f"desa TEXT NOT NULL, {REGION_COLUMNS}, day TEXT NOT NULL, "
            "families INTEGER NOT NULL, people INTEGER NOT NULL, "
            "PRIMARY KEY (desa, day)"
        ),
        # People beginning (+) or ending (-) a registered state on a day, per
        # kabupaten/kota and kecamatan, birth date and sex (events/born.py).
        "rm_born_tally": (
            "region TEXT NOT NULL, birth_date TEXT NOT NULL, sex TEXT NOT NULL, "
            "day TEXT NOT NULL, people INTEGER NOT NULL, "
            "PRIMARY KEY (region, birth_date, sex, day)"
        ),
    },
    indexes=[
        # Covering: the registry of a desa is one contiguous index range.
        "CREATE INDEX IF NOT EXISTS rm_membership_desa ON rm_membership (desa, kk, "
        "nik, valid_from, valid_to, name, birth_date, sex, relationship, disability, "
        "occupation)",
        "CREATE INDEX IF NOT EXISTS rm_membership_kec ON rm_membership "
        "(kecamatan, valid_from)",
        "CREATE INDEX IF NOT EXISTS rm_membership_kab ON rm_membership "
        "(kabkota, valid_from)",
        # Covering, for DCI predicate searches: "children under five in a
        # kabupaten" counts and pages from the index alone (bench/RESULTS.md).
        "CREATE INDEX IF NOT EXISTS dci_membership_kab_born ON rm_membership "
        "(kabkota, birth_date, valid_from, valid_to, nik, kk)",
        "CREATE INDEX IF NOT EXISTS rm_membership_nik ON rm_membership "
        "(nik, valid_from)",
        "CREATE INDEX IF NOT EXISTS rm_membership_kk ON rm_membership (kk, valid_from)",
        "CREATE INDEX IF NOT EXISTS rm_family_kk ON rm_family (kk, valid_from)",
        "CREATE INDEX IF NOT EXISTS rm_change_nik ON rm_change (nik, position)",
        *_by_day("rm_tally"),
    ],
    keyed={"rm_tally", "rm_born_tally"},
)

WORKFLOW = ReadModel(
    "workflow",
    version=2,  # 2: rm_user.disabled
    tables={
        # Each proposal as its representation shows it, and its decision chain.
        # `position` is where it was submitted (list order); `body` holds the
        # content that no filter needs (family, members, criteria, reason, note).
        "rm_proposal": (
            "id TEXT PRIMARY KEY, kind TEXT NOT NULL, desa TEXT NOT NULL, "
            f"{REGION_COLUMNS}, status TEXT NOT NULL, version INTEGER NOT NULL, "
            "submitted_by TEXT NOT NULL, submitted_at TEXT NOT NULL, "
            "deliberation_id TEXT, endorsed_by TEXT, verified_by TEXT, "
            "ratification TEXT, determination TEXT, rejected_stage TEXT, "
            "position BIGINT NOT NULL, changed_at BIGINT NOT NULL, body TEXT NOT NULL"
        ),
        "rm_deliberation": (
            "id TEXT PRIMARY KEY, desa TEXT NOT NULL, "
            f"{REGION_COLUMNS}, status TEXT NOT NULL, version INTEGER NOT NULL, "
            "minutes_number TEXT NOT NULL, held_on TEXT NOT NULL, "
            "chaired_by TEXT NOT NULL, position BIGINT NOT NULL, body TEXT NOT NULL"
        ),
        "rm_ratification": (
            "id TEXT PRIMARY KEY, kabkota TEXT NOT NULL, province TEXT NOT NULL, "
            "decree_number TEXT NOT NULL, signed_on TEXT NOT NULL, "
            "version INTEGER NOT NULL, position BIGINT NOT NULL, body TEXT NOT NULL"
        ),
        "rm_determination": (
            "id TEXT PRIMARY KEY, period TEXT NOT NULL, decree_number TEXT NOT NULL, "
            "effective_on TEXT NOT NULL, applied INTEGER NOT NULL, "
            "version INTEGER NOT NULL, position BIGINT NOT NULL, body TEXT NOT NULL"
        ),
        "rm_user": (
            "id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
            "region TEXT, tokens INTEGER NOT NULL, disabled INTEGER NOT NULL, "
            "position BIGINT NOT NULL"
        ),
    },
    indexes=[
        *_by_region("rm_proposal", "status", "kind", "status, kind"),
        "CREATE INDEX IF NOT EXISTS rm_proposal_ratified ON rm_proposal "
        "(status, changed_at)",
        *_by_region("rm_deliberation", "status"),
        "CREATE INDEX IF NOT EXISTS rm_ratification_kabkota_pos ON rm_ratification "
        "(kabkota, position)",
        "CREATE INDEX IF NOT EXISTS rm_ratification_pos ON rm_ratification (position)",
        "CREATE INDEX IF NOT EXISTS rm_determination_pos ON rm_determination "
        "(position)",
        "CREATE INDEX IF NOT EXISTS rm_user_pos ON rm_user (position)",
        "CREATE INDEX IF NOT EXISTS rm_user_role_pos ON rm_user (role, position)",
    ],
)

AUDIT = ReadModel(
    "audit",
    version=4,  # 3: rm_event_region holds runs; 4: no person rows in rm_stream_region
    tables={
        # The region each stream concerns now; a person's is the desa of their
        # latest state in rm_membership once they are registered (events/trail.py).
        "rm_stream_region": "stream_id TEXT PRIMARY KEY, region TEXT",
        # The region each event concerned when it happened (NULL: national), as
        # runs: a row at each event whose region differs from the one before,
        # the run lasting up to the next row (or the model's position).
        "rm_event_region": (
            "position BIGINT PRIMARY KEY, province TEXT, kabkota TEXT, "
            "kecamatan TEXT, desa TEXT"
        ),
    },
    indexes=[
        f"CREATE INDEX IF NOT EXISTS rm_event_region_{level} ON rm_event_region "
        f"({level}, position)"
        for level in LEVELS
    ],
    keyed={"rm_stream_region", "rm_event_region"},
)

ACTIVITY = ReadModel(
    "activity",
    version=1,
    tables={
        # What happened in a region (of every level) in a month: `measure` is
        # submitted, determined or rejected with the proposal's kind (and a
        # removal's reason), or musdes. Kept per level, so the children of any
        # region are read as so many rows, however many desa lie below them.
        "rm_activity": (
            "region TEXT NOT NULL, parent TEXT NOT NULL, month TEXT NOT NULL, "
            "measure TEXT NOT NULL, count INTEGER NOT NULL, "
            "PRIMARY KEY (region, month, measure)"
        ),
        # The days on which a determination changed a region.
        "rm_changed_on": (
            "region TEXT NOT NULL, parent TEXT NOT NULL, day TEXT NOT NULL, "
            "PRIMARY KEY (region, day)"
        ),
    },
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_activity_parent ON rm_activity "
        "(parent, month, region, measure, count)",
        "CREATE INDEX IF NOT EXISTS rm_changed_on_parent ON rm_changed_on "
        "(parent, region, day)",
    ],
)

# A handler may read the tables of the models before its own.
MODELS = (REGISTRY, WORKFLOW, AUDIT, ACTIVITY)

# Handlers look current rows up by these while they project; a rebuild keeps them.
LOOKUPS = {"rm_membership_nik", "rm_family_kk"}
# A bulk load of new people adds to these at the end of a few key ranges (a
# region, one valid_from, a position), so keeping them up to date costs little;
# the others take random keys (NIK, No. KK) and are built once afterwards.
APPENDED = {
    "rm_membership_kec",
    "rm_membership_kab",
    *WORKFLOW.index_names(),
    *AUDIT.index_names(),
    *ACTIVITY.index_names(),
}


def create(cursor) -> None:
    """Create every read model's tables and indexes when they are missing."""
    for model in MODELS:
        model.create(cursor)


def drop_indexes(cursor, keep: set[str] = LOOKUPS) -> None:
    """Drop the query-only indexes (a rebuild creates them again at the end)."""
    for model in MODELS:
        model.drop_indexes(cursor, keep)
