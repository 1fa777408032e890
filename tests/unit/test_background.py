"""A generator run in a second process: its items, its errors, its death."""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from workflow.background import (
    LARGE,
    BackgroundError,
    in_background,
    rarely_collecting,
    spool_folder,
    spool_parent,
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


def test_a_producer_stops_once_the_process_taking_its_items_is_gone():
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
    assert not list(spool().glob(f"dtks-items-{taker.pid}-*"))


def test_cycles_are_collected_rarely_for_a_while_then_as_before():
    before = gc.get_threshold()
    with rarely_collecting():
        assert gc.get_threshold()[0] >= 100_000
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def spool() -> Path:
    return Path(spool_parent())


def pages(n):
    for i in range(n):
        yield {"i": i, "text": f"page {i} " * (LARGE // 4)}


def test_large_items_arrive_whole_and_leave_no_file_behind():
    before = set(spool().glob("dtks-items-*"))
    items = list(in_background(pages(5)))
    assert [item["i"] for item in items] == list(range(5))
    assert all(
        item["text"] == f"page {i} " * (LARGE // 4) for i, item in enumerate(items)
    )
    assert set(spool().glob("dtks-items-*")) == before


def test_the_spool_folder_of_a_process_killed_outright_is_removed_later():
    context = multiprocessing.get_context("fork")
    killed, living = (context.Process(target=time.sleep, args=(60,)) for _ in "ab")
    killed.start()
    living.start()
    killed.kill()
    killed.join()
    left, kept = (
        spool() / f"dtks-test-{killed.pid}-x",
        spool() / f"dtks-test-{living.pid}-x",
    )
    for folder in (left, kept):
        folder.mkdir()
        (folder / "0").write_bytes(b"a batch nobody took")
    try:
        mine = Path(spool_folder("dtks-test-"))
        assert mine.is_dir() and mine.name.startswith(f"dtks-test-{os.getpid()}-")
        assert not left.exists()
        assert (kept / "0").exists()  # its process may still read it
    finally:
        living.kill()
        living.join()
        for folder in (left, kept, mine):
            shutil.rmtree(folder, ignore_errors=True)


def test_spool_files_go_to_the_temp_folder_when_memory_has_no_room(monkeypatch):
    # a container's /dev/shm is often 64 MB, less than an import keeps in flight
    statvfs = os.statvfs

    def small_shm(path):
        found = statvfs(path)
        if str(path) != "/dev/shm":
            return found
        return os.statvfs_result((*found[:4], 16_000, *found[5:]))  # 64 MB free

    monkeypatch.setattr(os, "statvfs", small_shm)
    folder = Path(spool_folder("dtks-test-"))
    try:
        assert folder.parent == Path(tempfile.gettempdir())
    finally:
        shutil.rmtree(folder)
