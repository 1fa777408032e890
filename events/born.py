"""The kept tally of people by region, birth date and sex (rm_born_tally), part
of the registry read model: how many registered states of people began (+) or
ended (-) on a day, per kabupaten/kota and per kecamatan. The people of a
region born within some dates, with some sex, registered on day D are the sum
of the rows up to D: a DCI predicate search counts its matches from a few
thousand rows instead of every person's (dci/tally.py)."""

from __future__ import annotations

from workflow.regions import enclosing

BORN = (
    "INSERT INTO rm_born_tally (region, birth_date, sex, day, people) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (region, birth_date, sex, day) DO UPDATE "
    "SET people = rm_born_tally.people + excluded.people"
)


def regions(desa: str) -> tuple[str, str]:
    """The kabupaten/kota and kecamatan of a desa, whose tallies a person counts in."""
    return enclosing(desa)[1:]


def born(cur, desa: str, birth_date, sex, day: str, people: int) -> None:
    """Count people beginning (+) or ending (-) a registered state on `day`."""
    for region in regions(desa):
        cur.add(BORN, (region, birth_date or "", sex or "", day), (people,))
