"""Actions (rclpy.action) on rclite: Python server and client against each other and against the C++
Fibonacci pair (examples/fibonacci_action_*), as rclpy's test_action_server.py / test_action_client.py
exercise them."""
import threading

from action_msgs.msg import GoalStatus
from action_msgs.srv import CancelGoal
from conftest import PATIENCE_SEC, eventually, executable
from example_interfaces.action import Fibonacci

from rclpy.action import (ActionClient, ActionServer, CancelResponse, GoalResponse,
                          get_action_names_and_types)


def fibonacci(order):
    sequence = [0, 1]
    for i in range(1, order):
        sequence.append(sequence[i] + sequence[i - 1])
    return sequence


def test_a_goal_succeeds_with_feedback_in_order(make_node, unique, background):
    name = unique('fibonacci')
    server_node, client_node = make_node('server'), make_node('client')

    def execute(goal_handle):
        feedback = Fibonacci.Feedback()
        feedback.sequence = [0, 1]
        for i in range(1, goal_handle.request.order):
            feedback.sequence.append(feedback.sequence[i] + feedback.sequence[i - 1])
            goal_handle.publish_feedback(feedback)
        goal_handle.succeed()
        return Fibonacci.Result(sequence=feedback.sequence)

    ActionServer(server_node, Fibonacci, name, execute)
    client = ActionClient(client_node, Fibonacci, name)
    background(server_node)
    background(client_node)
    assert client.wait_for_server(timeout_sec=PATIENCE_SEC)
    feedback = []
    goal_future = client.send_goal_async(Fibonacci.Goal(order=6), feedback_callback=feedback.append)
    assert eventually(goal_future.done)
    goal_handle = goal_future.result()
    assert goal_handle.accepted
    result_future = goal_handle.get_result_async()
    assert eventually(result_future.done)
    response = result_future.result()
    assert response.status == GoalStatus.STATUS_SUCCEEDED
    assert list(response.result.sequence) == fibonacci(6)
    assert eventually(lambda: len(feedback) == 5)
    assert [list(f.feedback.sequence) for f in feedback] == [fibonacci(i) for i in range(2, 7)]
    assert all(bytes(f.goal_id.uuid) == bytes(goal_handle.goal_id.uuid) for f in feedback)
    assert goal_handle.status == GoalStatus.STATUS_SUCCEEDED
    assert (name, ['example_interfaces/action/Fibonacci']) in get_action_names_and_types(client_node)


def test_a_rejected_goal_and_an_aborted_one(make_node, unique, background):
    name = unique('picky')
    node = make_node('picky')

    def execute(goal_handle):
        goal_handle.abort()
        return Fibonacci.Result(sequence=[-1])

    ActionServer(node, Fibonacci, name, execute,
                 goal_callback=lambda goal: GoalResponse.ACCEPT if goal.order > 0 else GoalResponse.REJECT)
    client = ActionClient(node, Fibonacci, name)
    background(node)
    assert client.wait_for_server(timeout_sec=PATIENCE_SEC)
    rejected = client.send_goal_async(Fibonacci.Goal(order=0))
    assert eventually(rejected.done)
    assert not rejected.result().accepted
    accepted = client.send_goal_async(Fibonacci.Goal(order=3))
    assert eventually(accepted.done)
    result = accepted.result().get_result_async()
    assert eventually(result.done)
    assert result.result().status == GoalStatus.STATUS_ABORTED
    assert list(result.result().result.sequence) == [-1]


def test_cancel_while_executing(make_node, unique, background):
    name = unique('cancelable')
    node = make_node('cancelable')
    started = threading.Event()

    def execute(goal_handle):
        started.set()
        assert eventually(lambda: goal_handle.is_cancel_requested)
        goal_handle.canceled()
        return Fibonacci.Result(sequence=[7])

    ActionServer(node, Fibonacci, name, execute, cancel_callback=lambda handle: CancelResponse.ACCEPT)
    client = ActionClient(node, Fibonacci, name)
    background(node)
    assert client.wait_for_server(timeout_sec=PATIENCE_SEC)
    goal = client.send_goal_async(Fibonacci.Goal(order=3))
    assert eventually(goal.done)
    assert started.wait(PATIENCE_SEC)
    cancel = goal.result().cancel_goal_async()
    assert eventually(cancel.done)
    assert cancel.result().return_code == CancelGoal.Response.ERROR_NONE
    assert len(cancel.result().goals_canceling) == 1
    result = goal.result().get_result_async()
    assert eventually(result.done)
    assert result.result().status == GoalStatus.STATUS_CANCELED
    # A second cancel of the ended goal: terminated.
    again = goal.result().cancel_goal_async()
    assert eventually(again.done)
    assert again.result().return_code == CancelGoal.Response.ERROR_GOAL_TERMINATED


def test_send_goal_blocks_for_the_result_without_an_executor(make_node, unique, background):
    name = unique('blocking')
    server_node, client_node = make_node('server'), make_node('client')

    def execute(goal_handle):
        goal_handle.succeed()
        return Fibonacci.Result(sequence=fibonacci(goal_handle.request.order))

    ActionServer(server_node, Fibonacci, name, execute)
    background(server_node)
    client = ActionClient(client_node, Fibonacci, name)  # its node is not spun
    assert client.wait_for_server(timeout_sec=PATIENCE_SEC)
    response = client.send_goal(Fibonacci.Goal(order=4))
    assert response.status == GoalStatus.STATUS_SUCCEEDED
    assert list(response.result.sequence) == fibonacci(4)


def test_the_python_client_reaches_the_cpp_server(make_node, child_processes, unique, background):
    server_path = executable('fibonacci_action_server', 'RCLITE_FIBONACCI_ACTION_SERVER')
    name = unique('fibonacci_cpp')
    child_processes([server_path, '--ros-args', '-r', f'fibonacci:={name}'])
    node = make_node('client')
    client = ActionClient(node, Fibonacci, name)
    background(node)
    assert client.wait_for_server(timeout_sec=PATIENCE_SEC)
    feedback = []
    goal = client.send_goal_async(Fibonacci.Goal(order=2), feedback_callback=feedback.append)
    assert eventually(goal.done)
    assert goal.result().accepted
    result = goal.result().get_result_async()
    assert eventually(result.done)
    assert result.result().status == GoalStatus.STATUS_SUCCEEDED
    assert list(result.result().result.sequence) == fibonacci(2)
    assert [list(f.feedback.sequence) for f in feedback] == [fibonacci(2)]


def test_the_cpp_client_reaches_the_python_server(make_node, child_processes, unique, background):
    client_path = executable('fibonacci_action_client', 'RCLITE_FIBONACCI_ACTION_CLIENT')
    name = unique('fibonacci_py')
    node = make_node('server')

    def execute(goal_handle):
        feedback = Fibonacci.Feedback(sequence=[0, 1])
        for i in range(1, goal_handle.request.order):
            feedback.sequence.append(feedback.sequence[i] + feedback.sequence[i - 1])
            goal_handle.publish_feedback(feedback)
        goal_handle.succeed()
        return Fibonacci.Result(sequence=feedback.sequence)

    ActionServer(node, Fibonacci, name, execute)
    background(node)
    client = child_processes([client_path, '3', '--ros-args', '-r', f'fibonacci:={name}'])
    assert client.process.wait(PATIENCE_SEC) == 0


def test_a_server_destroyed_before_its_accepted_callback_ran_calls_nothing(make_node, unique, executor, background):
    """handle_accepted runs after the acceptance is answered (posted); a server destroyed meanwhile
    neither calls it nor publishes (it raised 'the publisher has been destroyed' out of spin)."""
    name = unique('gone')
    server_node, client_node = make_node('server'), make_node('client')
    answered, accepted_calls = [], []
    server = ActionServer(server_node, Fibonacci, name, lambda goal_handle: Fibonacci.Result(),
                          goal_callback=lambda goal: answered.append(1) or GoalResponse.ACCEPT,
                          handle_accepted_callback=accepted_calls.append)
    client = ActionClient(client_node, Fibonacci, name)
    background(client_node)
    assert client.wait_for_server(timeout_sec=PATIENCE_SEC)
    executor.add_node(server_node)
    client.send_goal_async(Fibonacci.Goal(order=3))
    assert eventually(lambda: executor.spin_once(timeout_sec=0.01) or answered)  # the send_goal callback ran
    server.destroy()
    for _ in range(10):
        executor.spin_once(timeout_sec=0.01)
    assert accepted_calls == []
