"""Indonesian by default, English by choice, and every text has its translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

WEB = Path(__file__).parents[2] / "web"
CATALOGUE = WEB / "translations" / "en" / "LC_MESSAGES"
METHODS = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]


def interface_texts() -> set[str]:
    found = extract_from_dir(
        str(WEB.parent),
        method_map=METHODS,
        keywords={"_": None, "_l": None, "gettext": None},
    )
    return {message for _file, _line, message, _c, _ctx in found}


def test_every_interface_text_has_an_english_translation():
    with open(CATALOGUE / "messages.po", "rb") as po:
        english = {m.id: m.string for m in read_po(po) if m.id}
    missing = sorted(t for t in interface_texts() if not english.get(t))
    assert missing == [], "translate them, then run scripts/translations.sh"


def test_the_compiled_catalogue_matches_its_source():
    with open(CATALOGUE / "messages.po", "rb") as po:
        source = {m.id: m.string for m in read_po(po) if m.id}
    with open(CATALOGUE / "messages.mo", "rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    assert compiled == source, "run scripts/translations.sh"


def test_a_reader_who_chooses_english_keeps_it_on_every_page(browse):
    page = browse()
    page.sign_in("operator")
    page.get("/usulan")
    assert "Usulan baru" in page.html and 'lang="id"' in page.html
    response = page.post("/bahasa", {"lang": "en", "next": "/usulan"})
    assert response.status_code == 302
    page.get("/registri")
    assert "New proposal" in page.html and 'lang="en"' in page.html
    assert "Sign out" in page.html


def test_a_ledger_message_is_shown_in_the_readers_language(site):
    from web.common import words
    from workflow.problems import Problem

    message = Problem("field.required")
    with site.test_request_context("/", headers={"Cookie": "dtks_lang=en"}):
        assert words(message) == "this field is required"
        assert words("plain text") == "plain text"
    with site.test_request_context("/"):
        assert words(message) == "wajib diisi"
