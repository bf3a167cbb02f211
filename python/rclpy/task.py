"""Futures and tasks (rclpy.task): a service call's result, a coroutine run by an executor."""
import inspect
import sys
import threading
from typing import Any, Callable, List, Optional


class Future:
    """The result of something still running (rclpy's Future): a service call, a task.

    Done callbacks run in the thread that completes the future (for a service call: the executor
    spinning the client's node), or at once when added to a done future.
    """

    def __init__(self, *, executor=None) -> None:
        self._lock = threading.Lock()
        self._done = False
        self._cancelled = False
        self._result: Any = None
        self._exception: Optional[BaseException] = None
        self._callbacks: List[Callable[['Future'], None]] = []
        self._executor = executor
        self._on_cancel: Optional[Callable[[], None]] = None  # what cancel() undoes (a pending request)

    def __del__(self) -> None:
        if self._exception is not None and not getattr(self, '_exception_fetched', True):
            print('The following exception was never retrieved: ' + str(self._exception), file=sys.stderr)

    def __await__(self):
        # A task sees the yielded future and resumes when it is done (see Task).
        while not self._done:
            yield self
        return self.result()

    def cancel(self) -> None:
        """Cancel: no result will come (a pending service request is dropped)."""
        with self._lock:
            if self._done:
                return
            self._cancelled = True
            self._done = True
            on_cancel, self._on_cancel = self._on_cancel, None
        if on_cancel is not None:
            on_cancel()
        self._schedule_callbacks()

    def cancelled(self) -> bool:
        """True when cancel() ended it."""
        return self._cancelled

    def done(self) -> bool:
        """True once it has a result, an exception, or was cancelled."""
        return self._done

    def result(self) -> Any:
        """The result; raises the exception it ended with (None while not done)."""
        self._exception_fetched = True
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self) -> Optional[BaseException]:
        """The exception it ended with, or None."""
        self._exception_fetched = True
        return self._exception

    def set_result(self, result: Any) -> None:
        """Complete it with `result` (ignored after cancel())."""
        with self._lock:
            if self._done:
                return
            self._result = result
            self._done = True
        self._schedule_callbacks()

    def set_exception(self, exception: BaseException) -> None:
        """Complete it with `exception` (ignored after cancel())."""
        with self._lock:
            if self._done:
                return
            self._exception = exception
            self._exception_fetched = False
            self._done = True
        self._schedule_callbacks()

    def add_done_callback(self, callback: Callable[['Future'], None]) -> None:
        """Call `callback(future)` once done (now, if it already is)."""
        with self._lock:
            if not self._done:
                self._callbacks.append(callback)
                return
        callback(self)

    def remove_done_callback(self, callback: Callable[['Future'], None]) -> bool:
        """Forget a callback not called yet; False when it is unknown."""
        with self._lock:
            try:
                self._callbacks.remove(callback)
                return True
            except ValueError:
                return False

    def _set_executor(self, executor) -> None:
        self._executor = executor

    def _schedule_callbacks(self) -> None:
        with self._lock:
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)


class Task(Future):
    """A callable or coroutine run by an executor; its return value is the task's result.

    A coroutine runs until it awaits a future that is not done; it resumes, on the executor
    spinning `node`, once that future is done.
    """

    def __init__(self, handler, args=None, kwargs=None, executor=None, *, node=None) -> None:
        super().__init__(executor=executor)
        self._handler = handler
        self._args = args or ()
        self._kwargs = kwargs or {}
        self._node = node
        self._coroutine = None
        self._executing = False
        self._task_lock = threading.Lock()

    def __call__(self) -> None:
        """Run the task, or its coroutine up to its next wait."""
        if self._done:
            return
        with self._task_lock:
            if self._executing:
                return
            self._executing = True
        try:
            if self._coroutine is None:
                result = self._handler(*self._args, **self._kwargs)
                if inspect.iscoroutine(result):
                    self._coroutine = result
                else:
                    self.set_result(result)
                    return
            self._step()
        except BaseException as error:  # noqa: B902 - the task holds what its handler raised
            self.set_exception(error)
        finally:
            with self._task_lock:
                self._executing = False

    def _run_in_executor(self) -> None:
        """Run as an executor's callback: what the task raises propagates out of spin, as in rclpy
        (whose executors re-raise a task's exception), besides being held by the task."""
        was_done = self._done
        self()
        if not was_done and self._done and self._exception is not None:
            self._exception_fetched = True
            raise self._exception

    def _step(self) -> None:
        try:
            awaited = self._coroutine.send(None)
        except StopIteration as stop:
            self.set_result(stop.value)
            return
        if isinstance(awaited, Future):
            awaited.add_done_callback(self._resume)
        else:
            self._resume(None)  # a bare `yield` (asyncio.sleep(0)): run again later

    def _resume(self, _future) -> None:
        if self._node is not None:
            self._node._post(self._run_in_executor)
        else:
            self()

    def executing(self) -> bool:
        """True while the task runs."""
        return self._executing
