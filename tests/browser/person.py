"""One person at a browser: goes to pages, fills fields by label, clicks buttons."""

from __future__ import annotations

from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.web.accounts import PASSWORD

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


class Person:
    """What a user does and sees; every step goes through the real page."""

    def __init__(self, driver, base: str):
        self.driver, self.base = driver, base

    def go(self, path: str) -> None:
        self.driver.get(self.base + path)

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.go("/")
        self.fill("Nama pengguna", username)
        self.fill("Kata sandi", password)
        self.press("Masuk")

    def field(self, label: str, within=None):
        """The input a visible label names (the way a screen reader finds it)."""
        scope = within or self.driver
        xpath = f".//label[normalize-space(text())='{label}']"
        try:
            found = scope.find_element(By.XPATH, xpath)
        except NoSuchElementException:
            page = f"{self.path()}:\n{self.text()}"
            raise AssertionError(f"no field {label!r} on {page}") from None
        return self.driver.find_element(By.ID, found.get_attribute("for"))

    def fill(self, label: str, value: str, within=None) -> None:
        box = self.field(label, within)
        box.clear()
        box.send_keys(value)

    def fill_named(self, name: str, value: str) -> None:
        box = self.driver.find_element(By.NAME, name)
        if box.tag_name == "select":
            Select(box).select_by_value(value)
        else:
            box.clear()
            box.send_keys(value)

    def choose(self, label: str, option_text: str, within=None) -> None:
        Select(self.field(label, within)).select_by_visible_text(option_text)

    def press(self, text: str) -> None:
        """Click the button (or link) with this text and wait for the next page."""
        xpath = (
            f"//button[normalize-space(.)='{text}'] | //a[normalize-space(.)='{text}']"
        )
        self._navigating(self.driver.find_element(By.XPATH, xpath).click)

    def _navigating(self, action) -> None:
        """Run `action`, then wait until the page it leads to has loaded."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        action()
        wait = WebDriverWait(self.driver, 15)
        wait.until(lambda _driver: _replaced(page))
        wait.until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def tick(self, value: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, f"input[value='{value}']").click()

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def link(self, text: str) -> None:
        self._navigating(self.driver.find_element(By.PARTIAL_LINK_TEXT, text).click)

    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.base)

    def shot(self, name: str) -> None:
        """Screenshots at desktop and phone width, under var/screenshots."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        for width in (1280, 360):
            self.driver.set_window_size(width, 900)
            self.driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
        self.driver.set_window_size(1280, 900)


def _replaced(element) -> bool:
    """True once the page that held `element` is gone (Chromium may say so in
    two ways: a stale reference, or a node that no longer belongs to it)."""
    try:
        element.is_enabled()
    except WebDriverException:  # StaleElementReferenceException is one
        return True
    return False
