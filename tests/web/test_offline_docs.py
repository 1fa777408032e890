"""The API docs work with no internet: every file they load comes from the app."""

from __future__ import annotations

from tests.web.offline import foreign, references


def test_api_docs_load_swagger_ui_from_the_app_itself(api):
    page = api.http.get("/api/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert foreign(html) == []
    scripts = [ref for ref in references(html) if ref.endswith((".js", ".css"))]
    assert len(scripts) == 3
    for ref in scripts:
        asset = api.http.get(ref)
        assert asset.status_code == 200, ref
        assert len(asset.data) > 1000, ref


def test_api_docs_do_not_ask_an_outside_validator(api):
    html = api.http.get("/api/docs").get_data(as_text=True)
    assert '"validatorUrl": null' in html


def test_a_page_naming_another_origin_is_caught():
    html = '<link href="https://cdn.example/x.css"><script src="/static/a.js">'
    assert foreign(html) == ["https://cdn.example/x.css"]
    assert foreign('<img src="//cdn.example/a.png">') == ["//cdn.example/a.png"]
