"""Running a generator in a second process, to use a second core.

The process is forked, so the generator and everything it reads are already
there; only the items it yields travel back, pickled, through a bounded queue.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import queue
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
AHEAD = 4  # items the second process may prepare before this one takes them


class BackgroundError(RuntimeError):
    """The second process stopped without finishing or saying why."""


def in_background(items: Iterator[T]) -> Iterator[T]:
    """The items of a not yet started generator, produced in a forked process.

    An exception in the generator is raised here, where the items are taken.
    """
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=AHEAD)

    def produce() -> None:
        rare_collections()
        try:
            for item in items:
                channel.put(("item", item))
            channel.put(("end", None))
        except BaseException as error:  # handed to the parent, which raises it
            channel.put(("error", error))
        channel.close()
        channel.join_thread()

    process = context.Process(target=produce, name="dtks-prepare", daemon=True)
    process.start()
    try:
        while True:
            try:
                kind, item = channel.get(timeout=1)
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
            yield item
    finally:
        if process.is_alive():
            process.terminate()
        process.join()


def rare_collections() -> None:
    """Collect reference cycles rarely, for a process that makes millions of objects.

    By default Python looks for cycles every 700 new objects and now and then
    walks every live object, which made the import 15% slower; the import makes
    no cycles to speak of, so looking every 100,000 is plenty.
    """
    gc.freeze()  # what exists already is never garbage: leave it out of the walks
    gc.set_threshold(100_000, 50, 50)


@contextlib.contextmanager
def rarely_collecting() -> Iterator[None]:
    """`rare_collections` for a while."""
    thresholds = gc.get_threshold()
    rare_collections()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
