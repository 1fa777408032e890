"""The dashboard's figures as tables: one serves a chart, its HTML table and its CSV."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import gettext as _

from web import charts
from workflow.drafts import KINDS
from workflow.oversight import laggards
from workflow.regions import level_of

NAME_CHARS = 20
DASH = "\u2013"  # an en dash between the first and last month


@dataclass
class Table:
    """Columns (CSV name, heading) and rows of one chart's numbers."""

    name: str
    columns: list[tuple[str, str]]
    rows: list[list]

    def column(self, index: int) -> list:
        """The values of one column, top to bottom."""
        return [row[index] for row in self.rows]


def size_table(series: dict) -> Table:
    """Families and people registered at each month end."""
    columns = [("bulan", _("Bulan")), ("keluarga", _("Keluarga")), ("jiwa", _("Jiwa"))]
    rows = [[m["month"], m["families"], m["people"]] for m in series["items"]]
    return Table("ukuran-registri", columns, rows)


def stage_table(activity: dict, months: list[str]) -> Table:
    """Proposals submitted, rejected and determined in the region, month by month."""
    columns = [
        ("bulan", _("Bulan")),
        ("diajukan", _("Diajukan")),
        ("ditolak", _("Ditolak")),
        ("ditetapkan", _("Ditetapkan")),
    ]
    order = ("submitted", "rejected", "determined")
    rows = []
    for i, name in enumerate(months):
        entries = [row["months"][i] for row in activity["items"]]
        totals = [sum(e[f][k] for e in entries for k in KINDS) for f in order]
        rows.append([name, *totals])
    return Table("usulan-per-tahap", columns, rows)


def ranking_table(activity: dict) -> Table:
    """Each child region's rank by update frequency; laggards marked in words."""
    behind = laggards(activity["items"])
    columns = [
        ("peringkat", _("Peringkat")),
        ("kode", _("Kode")),
        ("wilayah", _("Wilayah")),
        ("bulan_berubah", _("Bulan dengan perubahan")),
        ("perubahan", _("Perubahan ditetapkan")),
        ("per_1000_jiwa", _("Per 1.000 jiwa")),
        ("jiwa", _("Jiwa")),
        ("perubahan_terakhir", _("Perubahan terakhir")),
        ("musdes", _("Musdes/Muskel")),
        ("tertinggal", _("Tertinggal")),
    ]
    rows = [
        [
            r["rank"],
            r["region"],
            r["name"],
            r["months_with_changes"],
            r["changes"],
            r["changes_per_1000"],
            r["people"],
            r["last_change_on"] or "",
            sum(m["musdes"] for m in r["months"]),
            _("tertinggal") if r["region"] in behind else "",
        ]
        for r in activity["items"]
    ]
    return Table("peringkat-wilayah", columns, rows)


def musdes_table(activity: dict) -> Table | None:
    """For a kecamatan: the desa without a Musdes/Muskel in the range's last month."""
    region = activity["region"]
    if region is None or level_of(region) != 3 or not activity["without_musdes"]:
        return None
    last = activity["without_musdes"][-1]
    columns = [("bulan", _("Bulan")), ("kode", _("Kode")), ("desa", _("Desa"))]
    names = {r["region"]: r["name"] for r in activity["items"]}
    rows = [[last["month"], code, names.get(code, code)] for code in last["desa"]]
    return Table("desa-tanpa-musdes", columns, rows)


def size_chart(table: Table, where: str) -> charts.Chart:
    """Families and people over the months, as two lines."""
    series = {table.columns[n][1]: table.column(n) for n in (1, 2)}
    chart = charts.line_chart(table.column(0), series, short_number)
    chart.kind, span = "size", _span(table)
    chart.words = {
        "title": _("Ukuran registri %(where)s per akhir bulan", where=where),
        "desc": _(
            "Jumlah keluarga (garis utuh) dan jiwa (garis putus-putus) yang "
            "terdaftar pada akhir tiap bulan, %(span)s.",
            span=span,
        ),
        "x": _("Bulan"),
        "y": _("Jumlah terdaftar"),
    }
    return chart


def stage_chart(table: Table, where: str) -> charts.Chart:
    """Proposals per stage over the months, as bars side by side."""
    series = {table.columns[n][1]: table.column(n) for n in (1, 2, 3)}
    chart = charts.bar_chart(table.column(0), series, short_number)
    chart.kind = "stages"
    chart.words = {
        "title": _("Usulan per tahap di %(where)s", where=where),
        "desc": _(
            "Usulan yang diajukan, ditolak dan ditetapkan tiap bulan, %(span)s.",
            span=_span(table),
        ),
        "x": _("Bulan"),
        "y": _("Jumlah usulan"),
    }
    return chart


def ranking_chart(table: Table, where: str, months: list[str]) -> charts.Chart:
    """The ranking as horizontal bars: months with a change, laggards marked."""
    rows = [
        {
            "code": row[1],
            "name": _short(row[2] or row[1]),
            "full_name": row[2] or row[1],
            "value": row[3],
            "text": f"{row[3]} · {row[5]}‰",
            "laggard": bool(row[9]),
        }
        for row in table.rows
    ]
    chart = charts.ranking_chart(rows, len(months))
    chart.kind = "ranking"
    chart.words = {
        "title": _("Peringkat wilayah di %(where)s", where=where),
        "desc": _(
            "Tiap wilayah: berapa bulan dari %(count)s bulan (%(span)s) ada "
            "perubahan yang ditetapkan, dan perubahan per 1.000 jiwa (‰). "
            "Wilayah tertinggal berwarna merah dan bertanda ▼.",
            count=len(months),
            span=f"{months[0]} {DASH} {months[-1]}",
        ),
        "x": _("Bulan dengan perubahan (dari %(count)s bulan)", count=len(months)),
        "y": _("Wilayah"),
    }
    return chart


def short_number(value: int) -> str:
    """A tick's number in a few characters: 250 rb, 1,5 jt (250k, 1.5M)."""
    if value >= 1_000_000:
        return _("%(number)s jt", number=format_decimal(value / 1_000_000))
    if value >= 10_000:
        return _("%(number)s rb", number=format_decimal(value / 1_000))
    return format_decimal(value)


def _span(table: Table) -> str:
    return f"{table.rows[0][0]} {DASH} {table.rows[-1][0]}"


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"
