"""A generator run in a second process: its items, its errors, its death."""

from __future__ import annotations

import gc
import os

import pytest

from workflow.background import BackgroundError, in_background, rarely_collecting


def squares(n):
    for i in range(n):
        yield {"i": i, "square": i * i, "pid": os.getpid()}


def test_items_arrive_in_order_from_another_process():
    items = list(in_background(squares(50)))
    assert [item["square"] for item in items] == [i * i for i in range(50)]
    assert {item["pid"] for item in items} != {os.getpid()}


def test_an_error_in_the_generator_is_raised_where_the_items_are_taken():
    def failing():
        yield 1
        raise ValueError("row 7: not a date")

    taken = []
    with pytest.raises(ValueError, match="row 7: not a date"):
        for item in in_background(failing()):
            taken.append(item)
    assert taken == [1]


def test_a_process_that_dies_without_a_word_is_reported():
    def dying():
        yield 1
        os._exit(3)

    with pytest.raises(BackgroundError, match="ended with code 3"):
        list(in_background(dying()))


def test_cycles_are_collected_rarely_for_a_while_then_as_before():
    before = gc.get_threshold()
    with rarely_collecting():
        assert gc.get_threshold()[0] >= 100_000
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
