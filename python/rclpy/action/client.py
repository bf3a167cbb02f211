"""Action clients (rclpy.action.client)."""
import threading
import time
import uuid
from typing import Callable, Dict, Optional

from action_msgs.msg import GoalStatus
from action_msgs.srv import CancelGoal
from unique_identifier_msgs.msg import UUID

from rclpy.qos import QoSProfile, qos_profile_action_status_default, qos_profile_services_default
from rclpy.task import Future


class ClientGoalHandle:
    """A goal sent by an ActionClient: whether it was accepted, its status, its result."""

    def __init__(self, action_client: 'ActionClient', goal_id: UUID, goal_response) -> None:
        self._action_client = action_client
        self._goal_id = goal_id
        self._goal_response = goal_response
        self._status = GoalStatus.STATUS_UNKNOWN

    def __eq__(self, other) -> bool:
        return isinstance(other, ClientGoalHandle) and bytes(self._goal_id.uuid) == bytes(other._goal_id.uuid)

    def __hash__(self) -> int:
        return hash(bytes(self._goal_id.uuid))

    def __repr__(self) -> str:
        return f'ClientGoalHandle <id={bytes(self._goal_id.uuid).hex()}, accepted={self.accepted}, status={self.status}>'

    @property
    def goal_id(self) -> UUID:
        return self._goal_id

    @property
    def stamp(self):
        return self._goal_response.stamp

    @property
    def accepted(self) -> bool:
        return self._goal_response.accepted

    @property
    def status(self) -> int:
        return self._status

    def cancel_goal(self):
        """Cancel and wait for the answer (CancelGoal.Response); needs no executor."""
        return self._action_client._cancel_client.call(self._action_client._cancel_request(self._goal_id))

    def cancel_goal_async(self) -> Future:
        """Cancel; the future completes with the CancelGoal.Response."""
        return self._action_client._cancel_goal_async(self)

    def get_result(self):
        """Wait for the result (GetResult.Response: status and result); needs no executor."""
        return self._action_client._result_client.call(self._action_client._result_request(self._goal_id))

    def get_result_async(self) -> Future:
        """The future of the result (GetResult.Response: status and result)."""
        return self._action_client._get_result_async(self)


class ActionClient:
    """rclpy's ActionClient for `action_type` on `action_name`."""

    def __init__(self, node, action_type, action_name: str, *, callback_group=None,
                 goal_service_qos_profile: QoSProfile = qos_profile_services_default,
                 result_service_qos_profile: QoSProfile = qos_profile_services_default,
                 cancel_service_qos_profile: QoSProfile = qos_profile_services_default,
                 feedback_sub_qos_profile: QoSProfile = QoSProfile(depth=10),
                 status_sub_qos_profile: QoSProfile = qos_profile_action_status_default) -> None:
        self._node = node
        self._action_type = action_type
        # Resolved once with the node's remapping rules, as rcl_action does; the services and topics
        # are derived from it.
        action_name = node.resolve_topic_name(action_name)
        self._action_name = action_name
        self._lock = threading.Lock()
        self._feedback_callbacks: Dict[bytes, Callable] = {}
        self._goal_handles: Dict[bytes, ClientGoalHandle] = {}
        prefix = action_name + '/_action/'
        impl = action_type.Impl
        self._goal_client = node.create_client(impl.SendGoalService, prefix + 'send_goal',
                                               qos_profile=goal_service_qos_profile, callback_group=callback_group)
        self._cancel_client = node.create_client(impl.CancelGoalService, prefix + 'cancel_goal',
                                                 qos_profile=cancel_service_qos_profile,
                                                 callback_group=callback_group)
        self._result_client = node.create_client(impl.GetResultService, prefix + 'get_result',
                                                 qos_profile=result_service_qos_profile,
                                                 callback_group=callback_group)
        self._feedback_subscription = node.create_subscription(impl.FeedbackMessage, prefix + 'feedback',
                                                               self._on_feedback, feedback_sub_qos_profile,
                                                               callback_group=callback_group)
        self._status_subscription = node.create_subscription(impl.GoalStatusMessage, prefix + 'status',
                                                             self._on_status, status_sub_qos_profile,
                                                             callback_group=callback_group)

    def _clients(self):
        return (self._goal_client, self._cancel_client, self._result_client)

    def server_is_ready(self) -> bool:
        """True when the server's three services are matched."""
        return all(client.service_is_ready() for client in self._clients())

    def wait_for_server(self, timeout_sec: Optional[float] = None) -> bool:
        """Wait for the server (None: forever); False on timeout or shutdown."""
        end = None if timeout_sec is None or timeout_sec < 0 else time.monotonic() + timeout_sec
        for client in self._clients():
            left = None if end is None else max(0.0, end - time.monotonic())
            if not client.wait_for_service(timeout_sec=left):
                return False
        return True

    def send_goal_async(self, goal, feedback_callback: Optional[Callable] = None,
                        goal_uuid: Optional[UUID] = None) -> Future:
        """Send `goal`; the future completes with its ClientGoalHandle (accepted or not)."""
        request, key = self._goal_request(goal, feedback_callback, goal_uuid)
        goal_future = Future()
        response_future = self._goal_client.call_async(request)

        def on_response(done: Future) -> None:
            if done.exception() is not None:
                with self._lock:
                    self._feedback_callbacks.pop(key, None)
                goal_future.set_exception(done.exception())
                return
            handle = ClientGoalHandle(self, request.goal_id, done.result())
            with self._lock:
                if handle.accepted:
                    self._goal_handles[key] = handle
                else:
                    self._feedback_callbacks.pop(key, None)
            goal_future.set_result(handle)

        response_future.add_done_callback(on_response)
        goal_future._on_cancel = response_future.cancel
        return goal_future

    def send_goal(self, goal, feedback_callback: Optional[Callable] = None, goal_uuid: Optional[UUID] = None):
        """Send `goal` and wait for its result (GetResult.Response); None when it is rejected.
        Feedback callbacks need an executor spinning the node meanwhile."""
        request, key = self._goal_request(goal, feedback_callback, goal_uuid)
        try:
            response = self._goal_client.call(request)
            if not response.accepted:
                return None
            return self._result_client.call(self._result_request(request.goal_id))
        finally:
            with self._lock:
                self._feedback_callbacks.pop(key, None)

    def _goal_request(self, goal, feedback_callback: Optional[Callable], goal_uuid: Optional[UUID]):
        """The SendGoal request of `goal` and its goal id's key; the feedback callback is registered
        now, since feedback may come before the goal's acceptance is answered."""
        request = self._action_type.Impl.SendGoalService.Request()
        request.goal_id = goal_uuid if goal_uuid is not None else UUID(uuid=list(uuid.uuid4().bytes))
        request.goal = goal
        key = bytes(request.goal_id.uuid)
        if feedback_callback is not None:
            with self._lock:
                self._feedback_callbacks[key] = feedback_callback
        return request, key

    def _result_request(self, goal_id: UUID):
        request = self._action_type.Impl.GetResultService.Request()
        request.goal_id = goal_id
        return request

    def _cancel_request(self, goal_id: UUID):
        request = CancelGoal.Request()
        request.goal_info.goal_id = goal_id
        return request

    def _get_result_async(self, goal_handle: ClientGoalHandle) -> Future:
        future = self._result_client.call_async(self._result_request(goal_handle.goal_id))
        key = bytes(goal_handle.goal_id.uuid)

        def ended(done: Future) -> None:
            if done.exception() is None:
                goal_handle._status = done.result().status
            with self._lock:
                self._feedback_callbacks.pop(key, None)
                self._goal_handles.pop(key, None)

        future.add_done_callback(ended)
        return future

    def _cancel_goal_async(self, goal_handle: ClientGoalHandle) -> Future:
        return self._cancel_client.call_async(self._cancel_request(goal_handle.goal_id))

    def _on_feedback(self, message) -> None:
        with self._lock:
            callback = self._feedback_callbacks.get(bytes(message.goal_id.uuid))
        if callback is not None:
            callback(message)

    def _on_status(self, message) -> None:
        with self._lock:
            for status in message.status_list:
                handle = self._goal_handles.get(bytes(status.goal_info.goal_id.uuid))
                if handle is not None:
                    handle._status = status.status

    def destroy(self) -> None:
        for client in self._clients():
            self._node.destroy_client(client)
        self._node.destroy_subscription(self._feedback_subscription)
        self._node.destroy_subscription(self._status_subscription)
