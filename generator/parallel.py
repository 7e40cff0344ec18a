"""A computation run in a forked process while this one does other work.

The function and what it reads are inherited by the fork (not pickled); only its result comes
back, pickled. Where ``fork`` is not available the function runs in this process, when its
result is asked for.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_CALLS: dict[int, Callable[[], object]] = {}
"""Functions to run, by number (a forked worker finds its own here)."""


def _call(number: int) -> object:
    return _CALLS[number]()


class Background(Generic[T]):
    """``finish(fn())``, ``fn()`` in a forked worker process, started now, ``finish`` here;
    ``result()`` waits for it (and re-raises what it raised). ``finish`` makes what is cheaper
    to make here than to send (e.g. many small objects from a few arrays)."""

    def __init__(self, fn: Callable[[], R], finish: Callable[[R], T] = lambda value: value) -> None:  # type: ignore[assignment,return-value]
        self._fn = fn
        self._finish = finish
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[T] | None = None
        self._number = id(self)
        if "fork" in multiprocessing.get_all_start_methods():
            _CALLS[self._number] = fn
            try:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
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
