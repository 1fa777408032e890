"""Every page for every role: no serious axe-core violation, usable by keyboard."""

from __future__ import annotations

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.support import (
    DESA,
    add_body,
    deliberate,
    family_of_three,
    make_actors,
    walk_to_ratified,
)
from tests.web.accounts import PAGES


@pytest.fixture
def seed():
    """Proposals waiting at every desk, so each page shows its table and forms."""

    def waiting(ledger):
        actors = make_actors(ledger)
        ids = []
        for serial in (1, 3, 5):
            kk, members = family_of_three(serial)
            body = add_body(kk, members, DESA)
            ids.append(str(ledger.submit_proposal(actors["operator"], body).id))
        walk_to_ratified(ledger, actors, ids[:1])
        deliberate(ledger, actors, ids[1:2])

    return waiting


def serious(driver) -> list[str]:
    axe = Axe(driver)
    axe.inject()
    found = axe.run()["violations"]
    return [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_no_page_of_any_role_has_a_serious_accessibility_violation(chromium):
    problems = {}
    anyone = chromium()
    anyone.go("/masuk")
    problems["/masuk"] = serious(anyone.driver)
    for username, paths in PAGES.items():
        person = chromium()
        person.sign_in(username)
        for path in paths:
            person.go(path)
            for width in (1280, 360):
                person.driver.set_window_size(width, 900)
                problems[f"{username} {path} {width}"] = serious(person.driver)
            person.driver.set_window_size(1280, 900)
        person.driver.quit()
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_first_tab_offers_a_skip_link_to_the_content(chromium):
    operator = chromium()
    operator.sign_in("operator")
    operator.go("/usulan/baru/add")
    body = operator.driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = operator.driver.switch_to.active_element
    assert focused.text == "Langsung ke isi"
    focused.send_keys(Keys.ENTER)
    assert operator.driver.current_url.endswith("#main")
