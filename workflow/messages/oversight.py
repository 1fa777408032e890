"""Wording of the problems of oversight queries: months and their range."""

from __future__ import annotations

OVERSIGHT = {
    "month.invalid": {
        "en": "{value!r} is not a month in the form YYYY-MM",
        "id": "{value!r} bukan bulan dengan format TTTT-BB",
    },
    "months.order": {
        "en": "from ({first}) must not be after to ({last})",
        "id": "from ({first}) tidak boleh sesudah to ({last})",
    },
    "months.too_many": {
        "en": "a range covers at most {most} months",
        "id": "rentang paling banyak {most} bulan",
    },
}
