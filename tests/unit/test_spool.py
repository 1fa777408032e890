"""Spool folders: where large data waits between processes, and who cleans up."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from pathlib import Path

from events.bulk import spool


def hold_a_folder(report, seconds: float) -> None:
    report.send(spool.folder("dtks-test-"))
    time.sleep(seconds)
    os._exit(0)  # killed outright, as far as clean-up goes: none runs


def folder_held_by(context, seconds: float):
    here, there = context.Pipe()
    holder = context.Process(target=hold_a_folder, args=(there, seconds))
    holder.start()
    made = Path(here.recv())
    (made / "0").write_bytes(b"a batch nobody took")
    return holder, made


def test_a_folder_is_removed_once_every_process_holding_it_is_gone():
    context = multiprocessing.get_context("fork")
    living, kept = folder_held_by(context, 60)
    killed, left = folder_held_by(context, 0)
    killed.join()
    try:
        mine = Path(spool.folder("dtks-test-"))
        assert mine.is_dir() and mine.name.startswith("dtks-test-")
        assert not left.exists()
        assert (kept / "0").exists()  # its process may still read it
    finally:
        living.kill()
        living.join()
        spool.remove(str(mine))
    assert not mine.exists()
    spool.remove(spool.folder("dtks-test-"))  # the living one's is abandoned now
    assert not kept.exists()


def test_a_file_taken_is_read_once_and_gone():
    made = spool.folder("dtks-test-")
    try:
        path = os.path.join(made, "0")
        Path(path).write_bytes(b"group 1")
        assert spool.taken(path) == b"group 1"
        assert not os.path.exists(path)
    finally:
        spool.remove(made)


def test_spool_files_go_to_the_temp_folder_when_memory_has_no_room(monkeypatch):
    # a container's /dev/shm is often 64 MB, less than an import keeps in flight
    statvfs = os.statvfs

    def small_shm(path):
        found = statvfs(path)
        if str(path) != spool.MEMORY:
            return found
        return os.statvfs_result((*found[:4], 16_000, *found[5:]))  # 64 MB free

    monkeypatch.setattr(os, "statvfs", small_shm)
    made = spool.folder("dtks-test-")
    try:
        assert Path(made).parent == Path(tempfile.gettempdir())
    finally:
        spool.remove(made)
