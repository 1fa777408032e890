"""Oversight over a year of a kecamatan, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from dtks.cli import main
from events.readside import open_service
from tests.support import (
    DESA,
    KABKOTA,
    KECAMATAN,
    OTHER_DESA,
    add_body,
    correction,
    family_of_three,
    make_actors,
    removal,
)
from workflow.actors import command_line_actor
from workflow.errors import InvalidInput, OutOfScope
from workflow.oversight import month_end

MONTHS = [f"2026-{n:02d}" for n in range(1, 13)]


def _enact(ledger, actors, by_desa: dict, month: str) -> None:
    """A Musdes in each desa, then the camat, verval, SK and the determination."""
    pids = []
    for operator, proposals in by_desa.items():
        if not proposals:
            continue
        body = {
            "desa": operator.region,
            "held_on": f"{month}-05",
            "minutes_number": f"BA-MUSDES/{month}",
            "chaired_by": "Kepala Desa",
            "attendees": 30,
            "decisions": [
                {"proposal_id": str(p), "outcome": "approve"} for p in proposals
            ],
        }
        opened = ledger.open_deliberation(operator, body)
        ledger.submit_deliberation(operator, opened.id)
        ledger.decide_deliberation(actors["camat"], opened.id, {"decision": "approve"})
        pids += [str(p) for p in proposals]
    verval = {"eligible": True, "nik_matched": True, "checked_on": f"{month}-20"}
    for pid in pids:
        ledger.record_verval(actors["verifier"], pid, verval)
    decree = {
        "kabkota": KABKOTA,
        "decree_number": f"SK/{month}",
        "signed_on": f"{month}-25",
    }
    ledger.ratify(actors["ratifier"], {**decree, "proposal_ids": pids})
    ledger.determine(
        actors["ministry"],
        {
            "period": month,
            "decree_number": f"KEP/{month}",
            "effective_on": f"{month}-28",
            "proposal_ids": pids,
        },
    )


@pytest.fixture
def year(store_url):
    """Kedungmalang adds a family every month and loses someone each quarter;
    Kalianyar adds families only in the first half of the year."""
    ledger = open_service(store_url)
    actors = make_actors(ledger)
    _, token = ledger.add_user(
        command_line_actor(),
        {"name": "Operator Kalianyar", "role": "operator", "region": OTHER_DESA},
    )
    other = ledger.authenticate(token)
    families = []
    for n, month in enumerate(MONTHS):
        kk, members = family_of_three(serial=100 + 4 * n)
        families.append((kk, members))
        here = [ledger.submit_proposal(actors["operator"], add_body(kk, members)).id]
        if n % 3 == 2:
            gone_kk, gone = families[n - 2]
            here.append(removal(ledger, actors, gone_kk, [gone[1]["nik"]], "deceased"))
        if n == 4:
            fix = [{"nik": families[0][1][0]["nik"], "occupation": "Nelayan"}]
            here.append(correction(ledger, actors, families[0][0], fix))
        there = []
        if n < 6:
            kk2, members2 = family_of_three(serial=5000 + 4 * n)
            body = add_body(kk2, members2, desa=OTHER_DESA)
            there.append(ledger.submit_proposal(other, body).id)
        _enact(ledger, actors, {actors["operator"]: here, other: there}, month)
    yield ledger, actors, other
    ledger.close()


def _counted_from_pages(registry, region: str, as_of: str) -> tuple[int, int]:
    """Families and people as the registry's pages list them on a day."""
    families = people = 0
    cursor = ""
    while True:
        page, cursor = registry.families(region, as_of, cursor, 200)
        families += len(page)
        people += sum(len(f["members"]) for f in page)
        if cursor is None:
            return families, people


def test_the_series_equals_the_registry_at_each_month_end(year):
    ledger, actors, _ = year
    series = ledger.registry_series(
        actors["camat"], {"region": KECAMATAN, "from": "2025-12", "to": "2026-12"}
    )
    registry = ledger.index.fresh()
    assert [i["month"] for i in series["items"]] == ["2025-12", *MONTHS]
    for item in series["items"]:
        stats = registry.stats(KECAMATAN, item["as_of"])
        listed = _counted_from_pages(registry, KECAMATAN, item["as_of"])
        assert (item["families"], item["people"]) == listed, item["month"]
        assert (stats["families"], stats["people"]) == listed, item["month"]
    first, last = series["items"][0], series["items"][-1]
    assert (first["families"], first["people"]) == (0, 0)
    # 18 families of three came, four mothers died
    assert (last["families"], last["people"]) == (18, 18 * 3 - 4)


def test_activity_ranks_the_desa_that_kept_updating_first(year):
    ledger, actors, _ = year
    answer = ledger.region_activity(
        actors["camat"], {"region": KECAMATAN, "from": "2026-01", "to": "2026-12"}
    )
    rows = {row["region"]: row for row in answer["items"]}
    here, there = rows[DESA], rows[OTHER_DESA]
    assert here["months_with_changes"] == 12 and there["months_with_changes"] == 6
    assert (here["rank"], there["rank"]) == (1, 2)
    assert here["last_change_on"] == "2026-12-28"
    assert there["last_change_on"] == "2026-06-28"
    march = here["months"][2]
    assert march["determined"]["remove"] == 1
    assert march["determined"]["removal_reasons"] == {"deceased": 1}
    assert here["months"][4]["determined"]["update"] == 1
    assert [m["musdes"] for m in there["months"]] == [1] * 6 + [0] * 6
    # Every other desa of Kedung held no Musdes; Kalianyar none from July.
    july = answer["without_musdes"][6]
    assert july["month"] == "2026-07"
    assert OTHER_DESA in july["desa"] and DESA not in july["desa"]
    assert len(july["desa"]) == len(rows) - 1


def test_oversight_is_read_within_scope_and_checks_its_fields(year):
    ledger, actors, other = year
    with pytest.raises(OutOfScope):
        ledger.region_activity(other, {"region": DESA})
    mine = ledger.region_activity(other, {"from": "2026-01", "to": "2026-12"})
    assert [row["region"] for row in mine["items"]] == [OTHER_DESA]
    for query, field in [
        ({"from": "2026-13"}, "from"),
        ({"to": "\uff12\uff10\uff12\uff16-01"}, "to"),  # full-width digits
        ({"from": "2026-06", "to": "2026-01"}, "from"),
        ({"region": "33.99"}, "region"),
        ({"month": "2026-01"}, "month"),
    ]:
        with pytest.raises(InvalidInput) as raised:
            ledger.registry_series(actors["ministry"], query)
        assert field in raised.value.errors, query
    assert month_end("2028-02") == "2028-02-29"


def test_the_command_line_prints_the_same_figures(year, store_url):
    env = {"DTKS_DATABASE_URL": store_url}
    args = ["oversight", "activity", "--region", KECAMATAN, "--from", "2026-01"]
    result = CliRunner().invoke(main, [*args, "--to", "2026-12", "--csv"], env=env)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    march = next(r for r in rows if r["region"] == DESA and r["month"] == "2026-03")
    assert march["removal_reasons"] == "deceased=1" and march["rank"] == "1"
    assert (march["determined_add"], march["musdes"]) == ("1", "1")
    table = CliRunner().invoke(main, [*args, "--to", "2026-12"], env=env)
    assert "Kedungmalang" in table.output
    assert "2026-07: no Musdes in" in table.output
    wrong = CliRunner().invoke(main, [*args, "--to", "2026-13"], env=env)
    assert wrong.exit_code != 0 and "--to:" in wrong.output


def test_the_demo_ranks_its_regions_and_shows_a_camat_the_missing_musdes(sqlite_url):
    result = CliRunner().invoke(main, ["demo"], env={"DTKS_DATABASE_URL": sqlite_url})
    assert result.exit_code == 0, result.output
    ledger = open_service(sqlite_url)
    national = ledger.region_activity(
        command_line_actor(), {"from": "2026-01", "to": "2026-12"}
    )
    months = {row["region"]: row["months_with_changes"] for row in national["items"]}
    ranks = {row["region"]: row["rank"] for row in national["items"]}
    assert {code: months[code] for code in ("33", "64", "62", "16", "18")} == {
        "33": 3,
        "64": 2,
        "62": 1,
        "16": 2,
        "18": 3,
    }
    assert ranks["62"] == 5 and ranks["11"] == 6  # Palangka Raya last of the five
    kedung = ledger.region_activity(
        command_line_actor(), {"region": KECAMATAN, "from": "2026-03", "to": "2026-05"}
    )
    assert all(DESA not in month["desa"] for month in kedung["without_musdes"])
    assert all(OTHER_DESA in month["desa"] for month in kedung["without_musdes"])
    series = ledger.registry_series(
        command_line_actor(), {"region": KABKOTA, "from": "2026-03", "to": "2026-06"}
    )
    assert [item["families"] for item in series["items"]] == [0, 2, 4, 6]
    ledger.close()
