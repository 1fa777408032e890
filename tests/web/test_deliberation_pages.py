"""The operator changes a Musdes's decisions before the camat has them, also
after the camat returned the minutes; a stale page changes nothing."""

from __future__ import annotations

import re

import pytest

from tests.support import family_of_three
from tests.web.test_pages import proposal_form

KK, MEMBERS = family_of_three()


@pytest.fixture
def minutes(browse):
    """The operator's session, and the page of minutes approving one proposal."""
    operator = browse()
    operator.sign_in("operator")
    operator.get("/usulan/baru/add")
    assert operator.post("/usulan/baru/add", proposal_form()).status_code == 302
    operator.get("/musyawarah/baru")
    proposal_id = operator.html.split('name="proposal_id" value="')[1].split('"')[0]
    response = operator.post(
        "/musyawarah/baru",
        {
            "minutes_number": "BA/MUSDES/007/2026",
            "held_on": "2026-11-05",
            "chaired_by": "H. Ahmad Sholeh",
            "attendees": "30",
            "proposal_id": proposal_id,
            f"outcome.{proposal_id}": "approve",
        },
    )
    assert response.status_code == 302, operator.html
    operator.proposal_id, operator.minutes = proposal_id, response.location
    return operator


def decisions_table(html: str) -> str:
    """The text of the decisions table on a deliberation page."""
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", table).split())


def revise(operator, outcome: str, note: str, page: str | None = None):
    """Send the edit form (as `page` carried it, default the last page) with one
    decision."""
    if page is not None:
        operator.html = page
    pid = operator.proposal_id
    data = {"proposal_id": pid, f"outcome.{pid}": outcome, f"note.{pid}": note}
    data["version"] = _version(operator.html)
    return operator.post(f"{operator.minutes}/ubah", data)


def test_the_operator_changes_a_decision_and_the_camat_sees_the_change(minutes, browse):
    minutes.get(minutes.minutes)
    assert "Ubah keputusan" in minutes.html
    minutes.get(f"{minutes.minutes}/ubah")
    assert 'value="approve" selected' in minutes.html  # the decision held now
    response = revise(minutes, "reject", "Belum memenuhi syarat domisili")
    assert response.status_code == 302, minutes.html
    minutes.get(minutes.minutes)
    assert "Tolak Belum memenuhi syarat domisili" in decisions_table(minutes.html)
    minutes.get(minutes.minutes)
    minutes.post(f"{minutes.minutes}/kirim", {"version": _version(minutes.html)})

    camat = browse()
    camat.sign_in("camat")
    camat.get(minutes.minutes)
    assert "Tolak Belum memenuhi syarat domisili" in decisions_table(camat.html)


def test_a_stale_edit_page_changes_nothing_and_says_why(minutes):
    minutes.get(f"{minutes.minutes}/ubah")
    stale = minutes.html  # one tab keeps the form open; another saves first
    minutes.get(f"{minutes.minutes}/ubah")
    assert revise(minutes, "reject", "Pindah domisili").status_code == 302

    response = revise(minutes, "approve", "Dari halaman lama", page=stale)
    assert response.status_code == 409
    assert "sudah berubah sejak halaman dibuka" in minutes.html
    minutes.get(minutes.minutes)
    table = decisions_table(minutes.html)
    assert "Pindah domisili" in table and "Dari halaman lama" not in table


def test_returned_minutes_are_revised_and_sent_again(minutes, browse):
    minutes.get(minutes.minutes)
    minutes.post(f"{minutes.minutes}/kirim", {"version": _version(minutes.html)})
    minutes.get(f"{minutes.minutes}/ubah", follow_redirects=True)
    assert "tidak dapat diubah lagi" in minutes.html  # with the camat now
    camat = browse()
    camat.sign_in("camat")
    camat.get(minutes.minutes)
    note = "Usulan ini belum diverifikasi RT; tolak dulu"
    data = {"decision": "return", "note": note, "version": _version(camat.html)}
    assert camat.post(f"{minutes.minutes}/putusan", data).status_code == 302

    minutes.get(f"{minutes.minutes}/ubah")
    assert note in minutes.html  # the camat's note beside the form
    assert revise(minutes, "reject", "Belum diverifikasi RT").status_code == 302
    minutes.get(minutes.minutes)
    response = minutes.post(
        f"{minutes.minutes}/kirim", {"version": _version(minutes.html)}
    )
    assert response.status_code == 302
    camat.get(minutes.minutes)
    assert "Keputusan camat" in camat.html  # the camat may decide again
    assert "Belum diverifikasi RT" in decisions_table(camat.html)


def test_only_the_operator_may_open_the_edit_form(minutes, browse):
    camat = browse()
    camat.sign_in("camat")
    response = camat.get(f"{minutes.minutes}/ubah")
    assert response.status_code == 302 and response.location.endswith(minutes.minutes)


def _version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)
