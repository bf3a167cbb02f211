"""Service servers (rclpy.service)."""
import inspect

import _rclite

from rclpy.qos import qos_profile_services_default
from rclpy.task import Task


class Service:
    """A server of `srv_type`: `callback(request, response)` returns the response (or is `async def`)."""

    def __init__(self, node, srv_type, srv_name: str, callback, qos_profile, callback_group) -> None:
        self.srv_type = srv_type
        self.callback = callback
        self.callback_group = callback_group
        self.qos_profile = qos_profile
        self._node = node
        group = callback_group._for_node(node) if callback_group is not None else None
        # rclpy's default (KEEP_LAST 10) drops the oldest requests of a busy server without a word;
        # with it, rclite keeps every request (KEEP_ALL, as its C++ services do, bounded by their
        # max_queued_requests default, docs/RELIABILITY.md "Floods and stuck peers"). History is not
        # matched between DDS endpoints, so clients see no difference. Another profile is taken as is.
        core_qos = {} if qos_profile is qos_profile_services_default else qos_profile._to_core()
        self._core = _rclite.Service(node.handle, srv_type, srv_name, self._on_request, core_qos, group)
        self.srv_name = self._core.service_name

    @property
    def service_name(self) -> str:
        return self.srv_name

    def configure_introspection(self, clock, service_event_qos_profile, introspection_state) -> None:
        """Publish REQUEST_RECEIVED and RESPONSE_SENT events on "<service>/_service_event"
        (ServiceIntrospectionState: OFF, METADATA, CONTENTS). The events are stamped with the system
        time; `clock` is accepted for rclpy's signature."""
        del clock
        self._core.configure_introspection(service_event_qos_profile._to_core(), int(introspection_state))

    def _on_request(self, request, responder) -> None:
        # Runs on the executor spinning the node, with the GIL.
        result = self.callback(request, self.srv_type.Response())
        if not inspect.iscoroutine(result):
            responder.send(result)
            return
        task = Task(lambda: result, node=self._node)  # an `async def` callback: answered when it returns

        def answer(done: Task) -> None:
            if done.exception() is None:
                responder.send(done.result())
            else:
                self._node.get_logger().error(f'service callback of {self.srv_name} raised: {done.exception()!r}')

        task.add_done_callback(answer)
        task._run_in_executor()

    def destroy(self) -> None:
        self._core.destroy()
