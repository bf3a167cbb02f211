"""Executors (rclpy.executors) over rclite's C++ executors.

The C++ executor runs the callbacks (service requests, subscriptions, timers, service replies,
resumed coroutines); it waits without the GIL and takes it only to run Python code. Its cancel()
is the wake-up: a future completed elsewhere, shutdown(), a task to run.
"""
import threading
import time
from typing import List, Optional

import _rclite

from rclpy.task import Task
from rclpy.utilities import get_default_context


class ExternalShutdownException(Exception):
    """The context was shut down while the executor waited (rclpy.shutdown elsewhere, Ctrl-C)."""


class ShutdownException(Exception):
    """The executor was shut down."""


class TimeoutException(Exception):
    """No callback became ready in time."""


class ConditionReachedException(Exception):
    """A wait condition was reached (rclpy's internal signal)."""


class Executor:
    """Runs the callbacks of the nodes added to it."""

    _threads = 1
    _multithreaded = False

    def __init__(self, *, context=None) -> None:
        self._context = get_default_context() if context is None else context
        self._nodes = []
        self._nodes_lock = threading.RLock()
        self._core = None
        self._is_shutdown = False
        self._unscheduled_tasks: List[Task] = []

    @property
    def context(self):
        """The context this executor runs on."""
        return self._context

    def _cpp(self) -> _rclite.Executor:
        if self._core is None:
            self._core = _rclite.Executor(self._context.handle, self._threads, self._multithreaded)
        return self._core

    def wake(self) -> None:
        """Make a wait of this executor return (rclpy triggers its guard condition)."""
        if self._core is not None:
            self._core.cancel()

    def create_task(self, callback, *args, **kwargs) -> Task:
        """Run `callback(*args, **kwargs)` (a function or coroutine) during spin; returns its Task."""
        with self._nodes_lock:
            node = self._nodes[0] if self._nodes else None
            task = Task(callback, args, kwargs, executor=self, node=node)
            if node is None:
                self._unscheduled_tasks.append(task)
                return task
        node._post(task._run_in_executor)
        return task

    def add_node(self, node) -> bool:
        """Add `node` (moving it from another executor); False when it is already here."""
        with self._nodes_lock:
            if node in self._nodes:
                return False
            if node.executor is not None and node.executor is not self:
                node.executor.remove_node(node)
            self._cpp().add_node(node.handle)
            self._nodes.append(node)
            node._executor = self
            tasks, self._unscheduled_tasks = self._unscheduled_tasks, []
        for task in tasks:
            task._node = node
            node._post(task._run_in_executor)
        return True

    def remove_node(self, node) -> None:
        """Stop running `node`'s callbacks here."""
        with self._nodes_lock:
            if node not in self._nodes:
                return
            self._nodes.remove(node)
            if node._executor is self:
                node._executor = None
            if node.handle_or_none() is not None and self._core is not None:
                self._core.remove_node(node.handle)

    def get_nodes(self) -> list:
        """The nodes added."""
        with self._nodes_lock:
            return list(self._nodes)

    def shutdown(self, timeout_sec: Optional[float] = None) -> bool:
        """Stop spinning and let go of every node."""
        self._is_shutdown = True
        self.wake()
        for node in self.get_nodes():
            self.remove_node(node)
        return True

    def _after_wait(self) -> None:
        _rclite.check_signals()  # Ctrl-C: KeyboardInterrupt now, as rclpy raises it
        if self._is_shutdown:
            return
        if not self._context.ok():
            raise ExternalShutdownException()

    def spin(self) -> None:
        """Run callbacks until the context or this executor is shut down."""
        while self._context.ok() and not self._is_shutdown:
            self._cpp().spin()
            self._after_wait()

    def spin_once(self, timeout_sec: Optional[float] = None) -> None:
        """Run one callback, waiting up to timeout_sec (None: forever) for one to be ready."""
        self._cpp().spin_once(timeout_sec)
        self._after_wait()

    def spin_until_future_complete(self, future, timeout_sec: Optional[float] = None) -> None:
        """Run callbacks until `future` is done, the timeout passes or the context shuts down."""
        future.add_done_callback(lambda _: self.wake())
        if timeout_sec is None or timeout_sec < 0:
            while self._context.ok() and not future.done() and not self._is_shutdown:
                self.spin_once()
            return
        end = time.monotonic() + timeout_sec
        while self._context.ok() and not future.done() and not self._is_shutdown:
            left = end - time.monotonic()
            if left <= 0:
                return
            self.spin_once(timeout_sec=left)

    def spin_once_until_future_complete(self, future, timeout_sec: Optional[float] = None) -> None:
        """One spin_once, returning early when `future` completes."""
        future.add_done_callback(lambda _: self.wake())
        if not future.done():
            self.spin_once(timeout_sec)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


class SingleThreadedExecutor(Executor):
    """Runs every callback in the thread that spins."""


class MultiThreadedExecutor(Executor):
    """Runs callbacks in a pool of threads (as callback groups allow)."""

    _multithreaded = True

    def __init__(self, num_threads: Optional[int] = None, *, context=None) -> None:
        super().__init__(context=context)
        if num_threads is None:
            import os
            num_threads = os.cpu_count() or 2
        if num_threads <= 0:
            raise ValueError('num_threads must be positive')
        self._threads = num_threads
