"""Action servers (rclpy.action.server): rcl_action's goal state machine and status array, result
caching for `result_timeout`, cancel by goal id, by time stamp and all, on rclpy's services and topics.
"""
import inspect
import threading
import time
from enum import Enum
from typing import Callable, Dict, Optional

from action_msgs.msg import GoalInfo, GoalStatus, GoalStatusArray
from action_msgs.srv import CancelGoal

from rclpy.qos import QoSProfile, qos_profile_action_status_default, qos_profile_services_default
from rclpy.task import Future, Task


class GoalResponse(Enum):
    """What goal_callback answers."""

    REJECT = 1
    ACCEPT = 2


class CancelResponse(Enum):
    """What cancel_callback answers."""

    REJECT = 1
    ACCEPT = 2


def default_goal_callback(goal_request) -> GoalResponse:
    return GoalResponse.ACCEPT


def default_handle_accepted_callback(goal_handle) -> None:
    goal_handle.execute()


def default_cancel_callback(cancel_request) -> CancelResponse:
    return CancelResponse.REJECT


_ACTIVE = (GoalStatus.STATUS_ACCEPTED, GoalStatus.STATUS_EXECUTING, GoalStatus.STATUS_CANCELING)
_TERMINAL = (GoalStatus.STATUS_SUCCEEDED, GoalStatus.STATUS_CANCELED, GoalStatus.STATUS_ABORTED)
# rcl_action's transitions: (from, event) -> to
_TRANSITIONS = {
    (GoalStatus.STATUS_ACCEPTED, 'execute'): GoalStatus.STATUS_EXECUTING,
    (GoalStatus.STATUS_ACCEPTED, 'cancel_goal'): GoalStatus.STATUS_CANCELING,
    (GoalStatus.STATUS_EXECUTING, 'cancel_goal'): GoalStatus.STATUS_CANCELING,
    (GoalStatus.STATUS_EXECUTING, 'succeed'): GoalStatus.STATUS_SUCCEEDED,
    (GoalStatus.STATUS_EXECUTING, 'abort'): GoalStatus.STATUS_ABORTED,
    (GoalStatus.STATUS_CANCELING, 'succeed'): GoalStatus.STATUS_SUCCEEDED,
    (GoalStatus.STATUS_CANCELING, 'abort'): GoalStatus.STATUS_ABORTED,
    (GoalStatus.STATUS_CANCELING, 'canceled'): GoalStatus.STATUS_CANCELED,
}


class ServerGoalHandle:
    """One accepted goal on the server side."""

    def __init__(self, action_server: 'ActionServer', goal_info: GoalInfo, goal_request) -> None:
        self._action_server = action_server
        self._goal_info = goal_info
        self._goal_request = goal_request
        self._status = GoalStatus.STATUS_ACCEPTED
        self._lock = threading.Lock()
        self._result_future = Future()  # the GetResult response, once the goal ends
        self._ended_at: Optional[float] = None

    @property
    def request(self):
        return self._goal_request

    @property
    def goal_id(self):
        return self._goal_info.goal_id

    @property
    def status(self) -> int:
        return self._status

    @property
    def is_active(self) -> bool:
        return self._status in _ACTIVE

    @property
    def is_cancel_requested(self) -> bool:
        return self._status == GoalStatus.STATUS_CANCELING

    def _update_state(self, event: str) -> None:
        with self._lock:
            new_status = _TRANSITIONS.get((self._status, event))
            if new_status is None:
                raise RuntimeError(f"goal {bytes(self.goal_id.uuid).hex()}: cannot '{event}' in state "
                                   f'{_status_name(self._status)}')
            self._status = new_status
            if new_status in _TERMINAL:
                self._ended_at = time.monotonic()
        self._action_server._publish_status()

    def execute(self, execute_callback: Optional[Callable] = None) -> None:
        """Start executing (ACCEPTED -> EXECUTING): runs the server's execute callback as a task."""
        if self._status == GoalStatus.STATUS_ACCEPTED:
            self._update_state('execute')
        self._action_server._run_execute(self, execute_callback)

    def publish_feedback(self, feedback) -> None:
        """Publish `feedback` (the action's Feedback) for this goal."""
        message = self._action_server._action_type.Impl.FeedbackMessage()
        message.goal_id = self.goal_id
        message.feedback = feedback
        self._action_server._publish(self._action_server._feedback_publisher, message)

    def succeed(self) -> None:
        self._update_state('succeed')

    def abort(self) -> None:
        self._update_state('abort')

    def canceled(self) -> None:
        self._update_state('canceled')

    def _cancel(self) -> None:
        self._update_state('cancel_goal')

    def destroy(self) -> None:
        """Forget the goal (its result is no longer available)."""
        self._action_server._forget(self)


def _status_name(status: int) -> str:
    names = {GoalStatus.STATUS_UNKNOWN: 'UNKNOWN', GoalStatus.STATUS_ACCEPTED: 'ACCEPTED',
             GoalStatus.STATUS_EXECUTING: 'EXECUTING', GoalStatus.STATUS_CANCELING: 'CANCELING',
             GoalStatus.STATUS_SUCCEEDED: 'SUCCEEDED', GoalStatus.STATUS_CANCELED: 'CANCELED',
             GoalStatus.STATUS_ABORTED: 'ABORTED'}
    return names.get(status, str(status))


def _stamp_ns(stamp) -> int:
    return stamp.sec * 10**9 + stamp.nanosec


class ActionServer:
    """rclpy's ActionServer: `execute_callback(goal_handle)` returns the Result (may be `async def`)."""

    def __init__(self, node, action_type, action_name: str, execute_callback: Callable, *,
                 callback_group=None, goal_callback: Callable = default_goal_callback,
                 handle_accepted_callback: Callable = default_handle_accepted_callback,
                 cancel_callback: Callable = default_cancel_callback,
                 goal_service_qos_profile: QoSProfile = qos_profile_services_default,
                 result_service_qos_profile: QoSProfile = qos_profile_services_default,
                 cancel_service_qos_profile: QoSProfile = qos_profile_services_default,
                 feedback_pub_qos_profile: QoSProfile = QoSProfile(depth=10),
                 status_pub_qos_profile: QoSProfile = qos_profile_action_status_default,
                 result_timeout: int = 900) -> None:
        self._node = node
        self._action_type = action_type
        # Resolved once with the node's remapping rules, as rcl_action does; the services and topics
        # are derived from it.
        action_name = node.resolve_topic_name(action_name)
        self._action_name = action_name
        self._execute_callback = execute_callback
        self._goal_callback = goal_callback
        self._handle_accepted_callback = handle_accepted_callback
        self._cancel_callback = cancel_callback
        self._result_timeout = result_timeout
        self._goals: Dict[bytes, ServerGoalHandle] = {}
        self._lock = threading.RLock()
        self._destroyed = False  # set under _lock: nothing is published or called back afterwards
        prefix = action_name + '/_action/'
        impl = action_type.Impl
        self._send_goal_service = node.create_service(impl.SendGoalService, prefix + 'send_goal', self._on_send_goal,
                                                      qos_profile=goal_service_qos_profile,
                                                      callback_group=callback_group)
        self._cancel_service = node.create_service(impl.CancelGoalService, prefix + 'cancel_goal',
                                                   self._on_cancel_goal, qos_profile=cancel_service_qos_profile,
                                                   callback_group=callback_group)
        self._result_service = node.create_service(impl.GetResultService, prefix + 'get_result',
                                                   self._on_get_result, qos_profile=result_service_qos_profile,
                                                   callback_group=callback_group)
        self._feedback_publisher = node.create_publisher(impl.FeedbackMessage, prefix + 'feedback',
                                                         feedback_pub_qos_profile)
        self._status_publisher = node.create_publisher(impl.GoalStatusMessage, prefix + 'status',
                                                       status_pub_qos_profile)

    # --- the three services --------------------------------------------------------------------
    def _on_send_goal(self, request, response):
        key = bytes(request.goal_id.uuid)
        with self._lock:
            self._expire_results()
            duplicate = key in self._goals
        accepted = not duplicate and self._goal_callback(request.goal) == GoalResponse.ACCEPT
        response.accepted = accepted
        response.stamp = self._node.get_clock().now().to_msg()
        if duplicate:
            self._node.get_logger().warning(f'{self._action_name}: a goal with this id exists already; rejected')
        if not accepted:
            return response
        handle = ServerGoalHandle(self, GoalInfo(goal_id=request.goal_id, stamp=response.stamp), request.goal)
        with self._lock:
            self._goals[key] = handle
        self._publish_status()
        # After the response is sent (rclpy calls it once the acceptance is answered).
        self._node._post(lambda: None if self._destroyed else self._handle_accepted_callback(handle))
        return response

    def _on_cancel_goal(self, request, response):
        wanted = request.goal_info
        wanted_key = bytes(wanted.goal_id.uuid)
        by_id = any(wanted.goal_id.uuid)
        stamp = _stamp_ns(wanted.stamp)
        with self._lock:
            self._expire_results()
            candidates = []
            for key, handle in self._goals.items():
                if (not by_id and stamp == 0) or (by_id and key == wanted_key) or \
                        (stamp != 0 and _stamp_ns(handle._goal_info.stamp) <= stamp):
                    candidates.append(handle)
        canceling = []
        for handle in candidates:
            if handle.status not in (GoalStatus.STATUS_ACCEPTED, GoalStatus.STATUS_EXECUTING):
                continue
            if self._cancel_callback(handle) == CancelResponse.ACCEPT:
                handle._cancel()
                canceling.append(handle._goal_info)
        response.goals_canceling = canceling
        if canceling:
            response.return_code = CancelGoal.Response.ERROR_NONE
        elif by_id and stamp == 0 and not candidates:
            response.return_code = CancelGoal.Response.ERROR_UNKNOWN_GOAL_ID
        elif by_id and stamp == 0 and candidates[0].status in _TERMINAL + (GoalStatus.STATUS_CANCELING,):
            response.return_code = CancelGoal.Response.ERROR_GOAL_TERMINATED
        else:
            response.return_code = CancelGoal.Response.ERROR_REJECTED
        return response

    async def _on_get_result(self, request, response):
        with self._lock:
            self._expire_results()
            handle = self._goals.get(bytes(request.goal_id.uuid))
        if handle is None:
            response.status = GoalStatus.STATUS_UNKNOWN
            return response
        return await handle._result_future  # answered when the goal ends (at once if it has)

    # --- execution ---------------------------------------------------------------------------------
    def _run_execute(self, handle: ServerGoalHandle, execute_callback: Optional[Callable]) -> None:
        callback = execute_callback or self._execute_callback

        async def execute():
            if self._destroyed:
                return  # posted before the server was destroyed
            result = callback(handle)
            if inspect.isawaitable(result):
                result = await result
            if handle.is_active:
                self._node.get_logger().warning(
                    f'{self._action_name}: goal state not set by the execute callback, assuming aborted')
                handle._status = GoalStatus.STATUS_ABORTED
                handle._ended_at = time.monotonic()
                self._publish_status()
            self._finish(handle, result)

        task = Task(execute, node=self._node)
        self._node._post(task._run_in_executor)

    def _finish(self, handle: ServerGoalHandle, result) -> None:
        response = self._action_type.Impl.GetResultService.Response()
        response.status = handle.status
        if result is not None:
            response.result = result
        handle._result_future.set_result(response)

    # --- status and result expiry -----------------------------------------------------------------
    def _publish_status(self) -> None:
        message = GoalStatusArray()
        with self._lock:
            message.status_list = [GoalStatus(goal_info=h._goal_info, status=h.status) for h in self._goals.values()]
            self._publish(self._status_publisher, message)

    def _publish(self, publisher, message) -> None:
        """Publish unless the server was destroyed: goal handles a task or thread still holds go on
        changing state without telling anyone (rclite's C++ server does the same)."""
        with self._lock:
            if not self._destroyed:
                publisher.publish(message)

    def _expire_results(self) -> None:
        if self._result_timeout is None or self._result_timeout < 0:
            return
        now = time.monotonic()
        expired = [key for key, handle in self._goals.items()
                   if handle._ended_at is not None and handle._result_future.done() and
                   now - handle._ended_at >= self._result_timeout]
        for key in expired:
            del self._goals[key]

    def _forget(self, handle: ServerGoalHandle) -> None:
        with self._lock:
            self._goals.pop(bytes(handle.goal_id.uuid), None)

    def destroy(self) -> None:
        with self._lock:
            self._destroyed = True
        for entity, destroy in ((self._send_goal_service, self._node.destroy_service),
                                (self._cancel_service, self._node.destroy_service),
                                (self._result_service, self._node.destroy_service),
                                (self._feedback_publisher, self._node.destroy_publisher),
                                (self._status_publisher, self._node.destroy_publisher)):
            destroy(entity)
