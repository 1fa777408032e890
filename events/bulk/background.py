"""Running a generator in another process, to use another core.

The process is forked, so the generator and everything it reads are already
there; only the items it yields travel back, pickled, through a bounded queue.
A large item goes as a file in a spool folder and only its name through the
queue: written through the pipe, it would cross in 64 KiB pieces, each one
waiting for the producing process's main thread to let go of the interpreter.
A generator run this way may itself take its items from another one, which
makes a pipeline of processes.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import queue
from collections.abc import Generator, Iterator
from typing import TypeVar

from events.bulk import spool

T = TypeVar("T")
AHEAD = 4  # items the other process may prepare before this one takes them
PATIENCE = 1.0  # seconds between checks that the other side is still there
LARGE = 64 * 1024  # bytes: a pickled item this large crosses as a file


class BackgroundError(RuntimeError):
    """The other process stopped without finishing or saying why."""


def in_background(items: Iterator[T]) -> Generator[T, None, None]:
    """The items of a not yet started generator, produced in a forked process.

    An exception in the generator is raised here, where the items are taken.
    The process is started when the first item is asked for.
    """
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=AHEAD)
    consumer = os.getpid()
    folder = spool.folder("dtks-items-")
    names = itertools.count()

    def parcel(item: T) -> tuple:
        """The item pickled, or the name of the file that holds it when large."""
        data = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
        if len(data) < LARGE:
            return ("item", data)
        path = os.path.join(folder, str(next(names)))
        with open(path, "wb") as file:
            file.write(data)
        return ("file", path)

    def handed_on(message: tuple) -> bool:
        """Put the message in the channel; False once nobody will take it."""
        while True:
            try:
                channel.put(message, timeout=PATIENCE)
                return True
            except queue.Full:
                if os.getppid() != consumer:  # the taking process is gone
                    return False

    def produce() -> None:
        # A process that lives for one generator makes no garbage cycles worth
        # looking for (its memory goes when it ends); the looking cost a fifth
        # of the encoding process's time.
        gc.disable()
        spool.disown()  # the taking process's folders go when it goes
        try:
            for item in items:
                if not handed_on(parcel(item)):
                    channel.cancel_join_thread()  # what is left is for nobody
                    spool.remove(folder)
                    return
            handed_on(("end", None))
        except BaseException as error:  # handed to the parent, which raises it
            handed_on(("error", error))
        channel.close()
        channel.join_thread()

    # Not a daemon, so that it may start a process of its own.
    process = context.Process(target=produce, name="dtks-prepare", daemon=False)
    try:
        process.start()
        while True:
            try:
                kind, item = channel.get(timeout=PATIENCE)
            except queue.Empty:
                if not process.is_alive():
                    raise BackgroundError(
                        f"the preparing process ended with code {process.exitcode}"
                    ) from None
                continue
            if kind == "end":
                break
            if kind == "error":
                raise item
            yield pickle.loads(spool.taken(item) if kind == "file" else item)
    finally:
        if process.is_alive():
            process.terminate()
        if process.pid is not None:  # it was started
            process.join()
        spool.remove(folder)
        # and the folder the process had for a stage of its own, if it was
        # stopped before it could remove it
        spool.sweep("dtks-items-")


@contextlib.contextmanager
def rarely_collecting() -> Iterator[None]:
    """Collect reference cycles rarely for a while, in a process that makes
    millions of objects.

    By default Python looks for cycles every 700 new objects and now and then
    walks every live object, which made the import 15% slower; the import makes
    no cycles to speak of, so looking every 100,000 is plenty.
    """
    thresholds = gc.get_threshold()
    gc.freeze()  # what exists already is never garbage: leave it out of the walks
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
