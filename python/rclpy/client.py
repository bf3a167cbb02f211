"""Service clients (rclpy.client)."""
import threading
import time
from typing import Dict, Optional

import _rclite

from rclpy.exceptions import ShutdownError
from rclpy.task import Future


class Client:
    """A client of `srv_type` for the service `srv_name`.

    Replies reach their futures on the executor spinning the node (as in rclpy); call() waits
    without an executor, so it works from a callback of a single-threaded executor too.
    """

    def __init__(self, node, srv_type, srv_name: str, qos_profile, callback_group) -> None:
        self.srv_type = srv_type
        self.qos_profile = qos_profile
        self.callback_group = callback_group
        self._node = node
        self._lock = threading.Lock()
        self._pending: Dict[int, Future] = {}
        self._destroyed = False
        group = callback_group._for_node(node) if callback_group is not None else None
        self._core = _rclite.Client(node.handle, srv_type, srv_name, group)
        self.srv_name = self._core.service_name

    @property
    def service_name(self) -> str:
        return self.srv_name

    def call_async(self, request) -> Future:
        """Send `request`; the Future completes with the response (or the call's error)."""
        if not isinstance(request, self.srv_type.Request):
            raise TypeError(f'Expected a {self.srv_type.Request.__name__}, got {type(request).__name__}')
        future = Future()

        def on_reply(response, error) -> None:
            with self._lock:
                self._pending.pop(sequence_box[0], None)
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(response)

        sequence_box = [0]
        with self._lock:
            sequence = self._core.call_async(request, on_reply)
            sequence_box[0] = sequence
            if not future.done():
                self._pending[sequence] = future
        future._on_cancel = lambda: self._cancel(sequence)
        return future

    def configure_introspection(self, clock, service_event_qos_profile, introspection_state) -> None:
        """Publish REQUEST_SENT and RESPONSE_RECEIVED events on "<service>/_service_event"
        (ServiceIntrospectionState: OFF, METADATA, CONTENTS). The events are stamped with the system
        time; `clock` is accepted for rclpy's signature."""
        del clock
        self._core.configure_introspection(service_event_qos_profile._to_core(), int(introspection_state))

    def _cancel(self, sequence: int) -> None:
        # A destroyed client has nothing pending any more: cancelling one of its futures only ends it.
        if not self._destroyed:
            self._core.cancel(sequence)

    def call(self, request, timeout_sec: Optional[float] = None):
        """Send `request` and wait for the response; TimeoutError after timeout_sec."""
        if not isinstance(request, self.srv_type.Request):
            raise TypeError(f'Expected a {self.srv_type.Request.__name__}, got {type(request).__name__}')
        if timeout_sec is not None and not self._core.service_is_ready():
            # rclite's core refuses a request no server can receive (ServiceUnavailableError at
            # once); rclpy's call() waits out its timeout and raises TimeoutError: give a server
            # that long to appear, and send the request with what is left.
            start = time.monotonic()
            if not self._core.wait_for_service(timeout_sec):
                raise TimeoutError(f'no server for {self.srv_name} within {timeout_sec} s')
            timeout_sec = max(0.0, timeout_sec - (time.monotonic() - start))
        return self._core.call(request, timeout_sec)

    def remove_pending_request(self, future: Future) -> None:
        """Forget a pending request (its reply, if one comes, is dropped)."""
        with self._lock:
            for sequence, pending in list(self._pending.items()):
                if pending is future:
                    del self._pending[sequence]
                    self._cancel(sequence)

    def service_is_ready(self) -> bool:
        """True when a server is matched."""
        return self._core.service_is_ready()

    def wait_for_service(self, timeout_sec: Optional[float] = None) -> bool:
        """Wait for a server (None: forever); False on timeout or shutdown."""
        return self._core.wait_for_service(timeout_sec)

    def destroy(self) -> None:
        """Remove the client; its pending calls end with ShutdownError (rclite's C++ futures do too,
        where rclpy would leave them pending forever)."""
        self._destroyed = True
        self._core.destroy()
        with self._lock:
            pending, self._pending = self._pending, {}
        for future in pending.values():
            future.set_exception(ShutdownError(f'the client of {self.srv_name} was destroyed'))
