"""The one place that makes worker processes, and every threshold that decides when to use them.

Stages never start processes themselves: they call ``fork_map`` (a function over items, in
forked workers that inherit what the caller holds), ``fork_pool`` (for work handed out and
collected by the caller) or ``Background`` (one computation alongside this process's work).
Workers are *forked*: what they read is inherited, not pickled; only results come back.
Where ``fork`` is not available everything runs in this process, with the same results.

``heap_frozen`` and ``gc_paused`` keep the cyclic collector off objects that live to the end of
a build (it would walk them again and again, and in a forked worker every page it writes to is
copied). Why each threshold has its value is in ``benchmarks/README.md``.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Limits:
    """When work goes to worker processes (below a threshold, starting them costs more than it saves)."""

    parse_min: int = 8
    """Fewer sources to parse than this are parsed in this process."""
    parse_chunks: int = 32
    """Sources are handed to each parse worker in about this many chunks."""
    shared_imports_min: int = 64
    """From this many sources to parse, what every worker would load is loaded before forking."""
    overlap_min_hits: int = 64
    """With this many cached sources to read, even one changed source is parsed in a worker meanwhile."""
    background_min_items: int = 5000
    """From this many items, related items are found in a background process."""
    render_min: int = 16
    """Fewer documents to render than this are rendered in this process."""
    render_chunks: int = 32
    """Documents are handed to each render worker in about this many chunks."""
    themes_min: int = 64
    """From this many theme pages to make, each language is made in its own worker."""
    early_themes_max: int = 16
    """With fewer documents than this whose theme parts must be made, theme pages are made before
    the related items are known (while they are being found)."""


LIMITS = Limits()
"""The thresholds in use (one object: a test lowers one with ``monkeypatch.setattr(LIMITS, …)``)."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes (the caller shuts it down, or uses ``with``)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def fork_map(fn: Callable[[T], R], items: Iterable[T], workers: int, chunksize: int = 1) -> list[R]:
    """``[fn(x) for x in items]``, in ``workers`` forked processes when there are several items and
    fork is available (same results, in order)."""
    items = list(items)
    if workers <= 1 or len(items) <= 1 or not can_fork():
        return [fn(x) for x in items]
    with fork_pool(min(workers, len(items))) as pool:
        return list(pool.map(fn, items, chunksize=chunksize))


@contextmanager
def fork_imap(fn: Callable[..., R], workers: int, *columns: list, chunks_per_worker: int = 1) -> Iterator[Iterator[R]]:  # type: ignore[type-arg]
    """``map(fn, *columns)`` started in forked workers on entering the block; the block gets the
    results in order as they arrive (it can do other work first). Items go out in about
    ``chunks_per_worker`` chunks per worker."""
    n = len(columns[0])
    with fork_pool(min(workers, n)) as pool:
        yield pool.map(fn, *columns, chunksize=max(1, n // (workers * chunks_per_worker)))


def chunks(indices: list[int], workers: int, per_worker: int) -> list[list[int]]:
    """``indices`` in about ``workers × per_worker`` consecutive chunks."""
    step = max(1, -(-len(indices) // (workers * per_worker)))
    return [indices[lo : lo + step] for lo in range(0, len(indices), step)]


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off while many long-lived, acyclic objects are made (loading a cache)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Everything alive now moved out of the collector's sight until the block ends (a corpus that
    lives to the end of the build; forked workers inherit it and only read it). Nested: only the
    outermost block unfreezes."""
    outer = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outer:
            gc.unfreeze()


def freeze_more() -> None:
    """Add what was made since to the frozen objects (before forking workers that only read it)."""
    gc.freeze()


_CALLS: dict[int, Callable[[], object]] = {}
"""Functions to run in the background, by number (a forked worker finds its own here)."""


def _call(number: int) -> object:
    return _CALLS[number]()


class Background(Generic[T]):
    """``finish(fn())``, ``fn()`` in a forked worker process, started now, ``finish`` here;
    ``result()`` waits for it (and re-raises what it raised). ``finish`` makes what is cheaper
    to make here than to send (e.g. many small objects from a few arrays). Without fork, ``fn``
    runs here when the result is asked for."""

    def __init__(self, fn: Callable[[], R], finish: Callable[[R], T] = lambda value: value) -> None:  # type: ignore[assignment,return-value]
        self._fn = fn
        self._finish = finish
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[T] | None = None
        self._number = id(self)
        if can_fork():
            _CALLS[self._number] = fn
            try:
                self._pool = fork_pool(1)
                self._future = self._pool.submit(_call, self._number)  # type: ignore[arg-type]
            finally:
                _CALLS.pop(self._number, None)  # the worker was forked by ``submit``

    def result(self) -> T:
        """The function's result (waited for once, then kept)."""
        if self._future is not None:
            try:
                self._value = self._finish(self._future.result())
            finally:
                assert self._pool is not None
                self._pool.shutdown()
                self._future = None
        elif not hasattr(self, "_value"):
            self._value = self._finish(self._fn())
        return self._value


def resolved(value: T | Background[T]) -> T:
    """A value, or the result of the background computation making it."""
    return value.result() if isinstance(value, Background) else value
