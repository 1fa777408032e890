"""A generator run in a second process: its items, its errors, its death."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from events.bulk import background, spool
from events.bulk.background import (
    LARGE,
    BackgroundError,
    in_background,
    rarely_collecting,
)


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


def doubled(items):
    for item in items:
        yield {**item, "double": 2 * item["square"], "by": os.getpid()}


def test_a_pipeline_of_processes_keeps_the_order_and_uses_one_process_a_stage():
    items = list(in_background(doubled(in_background(squares(30)))))
    assert [item["double"] for item in items] == [2 * i * i for i in range(30)]
    stages = {item["pid"] for item in items} | {item["by"] for item in items}
    assert len(stages) == 2 and os.getpid() not in stages


def endless():
    while True:
        yield os.getpid()


def take_one_then_die(report) -> None:
    items = in_background(endless())  # kept: its clean-up would stop the producer
    report.send(next(items))
    time.sleep(0.5)  # the producer fills the channel and waits
    os._exit(0)  # without a word: no clean-up runs


def gone(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def test_a_producer_stops_once_the_process_taking_its_items_is_gone(
    monkeypatch, tmp_path
):
    # a folder of its own: other runs on this machine spool into /dev/shm too
    monkeypatch.setattr(spool, "parent", lambda: str(tmp_path))
    before = spooled()
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe()
    taker = context.Process(target=take_one_then_die, args=(there,))
    taker.start()
    producer = here.recv()
    taker.join()
    deadline = time.monotonic() + 10
    while not gone(producer) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gone(producer), "the producer went on with nobody to take its items"
    # and the folder its large items would have crossed by is not left behind
    assert spooled() <= before


def test_cycles_are_collected_rarely_for_a_while_then_as_before():
    before = gc.get_threshold()
    with rarely_collecting():
        assert gc.get_threshold()[0] >= 100_000
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def spooled() -> set[Path]:
    return set(Path(spool.parent()).glob("dtks-items-*"))


def pages(n):
    for i in range(n):
        yield {"i": i, "text": f"page {i} " * (LARGE // 4)}


def test_large_items_cross_as_files_and_leave_none_behind(monkeypatch):
    read, take = [], spool.taken

    def taken(path):
        read.append(path)
        return take(path)

    monkeypatch.setattr(background.spool, "taken", taken)
    before = spooled()
    items = list(in_background(pages(5)))
    assert [item["i"] for item in items] == list(range(5))
    assert all(
        item["text"] == f"page {i} " * (LARGE // 4) for i, item in enumerate(items)
    )
    assert len(read) == 5 and not any(os.path.exists(path) for path in read)
    assert spooled() <= before


def endless_pages():
    i = 0
    while True:
        yield {"i": i, "square": i * i, "text": "page " * LARGE}
        i += 1


def test_a_pipeline_stopped_early_leaves_no_folder_behind():
    # Stopping the pipeline kills the middle process outright, before it can
    # remove the folder of the stage it reads from; that folder must go anyway,
    # even while the first stage is still winding down.
    before = spooled()
    items = in_background(doubled(in_background(endless_pages())))
    assert next(items)["i"] == 0
    items.close()
    assert spooled() <= before
