"""Spool folders: files that pass large data from one process to another.

A folder is in memory (Linux's /dev/shm) when there is room there, else in the
temp folder. Its maker holds a lock on a file inside it for as long as it
lives; once it is gone the lock is free, and the next sweep (every new folder
starts with one) removes the abandoned folder. A process killed outright
therefore leaves nothing behind for long, and a lock, unlike a process id,
means the same in every container that shares the folder.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

# Used when it has ROOM to spare: an import keeps ~200 MB in its spool folders,
# and a container's /dev/shm is often only 64 MB.
MEMORY = "/dev/shm"
ROOM = 1 << 30
OWNER = ".owner"  # the file whose lock says the folder is in use
_held: dict[str, int] = {}  # folders made here: the descriptor holding the lock


def folder(prefix: str) -> str:
    """A new spool folder, its name starting with `prefix`; `remove` it when done.

    Abandoned folders of the same prefix are removed first.
    """
    sweep(prefix)
    # Made under a hidden name and renamed once locked, so that no one sees it
    # unlocked and takes it for abandoned.
    making = tempfile.mkdtemp(prefix=f".{prefix}", dir=parent())
    lock = os.open(os.path.join(making, OWNER), os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    made = os.path.join(os.path.dirname(making), os.path.basename(making)[1:])
    os.rename(making, made)
    _held[made] = lock
    return made


def sweep(prefix: str) -> None:
    """Remove the folders of this prefix that no process holds any more."""
    for place in {MEMORY, tempfile.gettempdir()}:
        for left in Path(place).glob(f"{prefix}*"):
            if _abandoned(left):
                shutil.rmtree(left, ignore_errors=True)


def disown() -> None:
    """In a forked process: let the folders of the process it was forked from
    be abandoned with that process, not held on by this one too."""
    for lock in _held.values():
        os.close(lock)  # the maker's own descriptor still holds the lock
    _held.clear()


def remove(spool: str) -> None:
    """Remove a spool folder and whatever is still in it."""
    shutil.rmtree(spool, ignore_errors=True)
    lock = _held.pop(spool, None)
    if lock is not None:
        os.close(lock)


def parent() -> str:
    """Where spool folders go: in memory when there is room, else the temp folder."""
    try:
        room = os.statvfs(MEMORY)
    except OSError:  # no such folder: not Linux
        return tempfile.gettempdir()
    if os.access(MEMORY, os.W_OK) and room.f_bavail * room.f_frsize >= ROOM:
        return MEMORY
    return tempfile.gettempdir()


def taken(path: str) -> bytes:
    """The content of a file in a spool folder, which is removed."""
    with open(path, "rb") as file:
        content = file.read()
    os.unlink(path)
    return content


def _abandoned(spool: Path) -> bool:
    """Whether no process holds the folder's lock any more."""
    try:
        lock = os.open(spool / OWNER, os.O_RDWR)
    except OSError:  # not a spool folder, or one being removed
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: in use
        return False
    finally:
        os.close(lock)
    return True
