"""Guard conditions, Future/Task, Time/Duration/Clock and what rclite does not implement
(rclpy's test_guard_condition.py, test_task.py, test_time.py, test_clock.py)."""
import threading

import pytest
from builtin_interfaces.msg import Duration as DurationMsg
from builtin_interfaces.msg import Time as TimeMsg
from conftest import PATIENCE_SEC, spin_until
from std_msgs.msg import String

import rclpy
from rclpy.clock import Clock, ClockType, ROSClock
from rclpy.context import Context
from rclpy.duration import Duration
from rclpy.node import Node
from rclpy.task import Future, Task
from rclpy.time import Time


@pytest.fixture
def executor(executor, node):
    """conftest's executor, spinning `node`."""
    executor.add_node(node)
    return executor


# --- Guard conditions ---------------------------------------------------------------------------
def test_guard_condition_runs_once_per_trigger(node, executor):
    calls = []
    guard = node.create_guard_condition(lambda: calls.append(1))
    guard.trigger()
    assert spin_until(executor, lambda: len(calls) == 1)
    guard.trigger()
    guard.trigger()
    assert spin_until(executor, lambda: len(calls) == 3)


def test_guard_condition_triggered_from_another_thread(node, executor):
    called = threading.Event()
    guard = node.create_guard_condition(called.set)
    threading.Thread(target=guard.trigger).start()
    assert spin_until(executor, called.is_set)


def test_destroyed_guard_condition_does_not_run(node, executor):
    calls = []
    guard = node.create_guard_condition(lambda: calls.append(1))
    assert node.destroy_guard_condition(guard)
    guard.trigger()
    executor.spin_once(timeout_sec=0.05)
    assert calls == []


# --- Future and Task ----------------------------------------------------------------------------
def test_future_result_and_done_callbacks():
    future = Future()
    seen = []
    future.add_done_callback(lambda f: seen.append(f.result()))
    assert not future.done() and future.result() is None
    future.set_result('value')
    assert future.done() and not future.cancelled()
    assert seen == ['value']
    future.add_done_callback(lambda f: seen.append('late'))  # runs at once on a done future
    assert seen == ['value', 'late']
    future.set_result('ignored')
    assert future.result() == 'value'


def test_future_exception():
    future = Future()
    future.set_exception(ValueError('bad'))
    assert isinstance(future.exception(), ValueError)
    with pytest.raises(ValueError, match='bad'):
        future.result()


def test_future_cancel_and_remove_done_callback():
    future = Future()
    seen = []

    def callback(f):
        seen.append(f)

    future.add_done_callback(callback)
    assert future.remove_done_callback(callback)
    assert not future.remove_done_callback(callback)
    future.cancel()
    assert future.cancelled() and future.done()
    future.set_result(1)
    assert future.result() is None and seen == []


def test_task_of_a_function_and_of_a_coroutine():
    task = Task(lambda a, b: a * b, args=(6, 7))
    task()
    assert task.done() and task.result() == 42

    async def coroutine():
        return 'awaited'

    coroutine_task = Task(coroutine)
    coroutine_task()
    assert coroutine_task.result() == 'awaited'


def test_task_resumes_after_the_awaited_future():
    inner = Future()

    async def waiting():
        return await inner + 1

    task = Task(waiting)
    task()
    assert not task.done()
    inner.set_result(1)  # without a node, the task resumes in the thread completing the future
    assert task.done() and task.result() == 2


def test_rclpy_spin_once_runs_one_callback(context, node):
    calls = []
    node.create_timer(0.01, lambda: calls.append(1))
    rclpy.spin_once(node, timeout_sec=PATIENCE_SEC)
    assert calls == [1]


# --- Time, Duration, Clock ----------------------------------------------------------------------
def test_time_and_duration_arithmetic():
    t = Time(seconds=10, nanoseconds=5)
    d = Duration(seconds=2, nanoseconds=1)
    assert (t + d).nanoseconds == 12_000_000_006
    assert (d + t).nanoseconds == 12_000_000_006
    assert (t - d).nanoseconds == 8_000_000_004
    assert t - Time(seconds=9) == Duration(nanoseconds=1_000_000_005)
    assert Time(seconds=1) < Time(seconds=2)
    assert Duration(seconds=1) > Duration(nanoseconds=5)
    assert t.seconds_nanoseconds() == (10, 5)
    with pytest.raises(TypeError):
        Time(clock_type=ClockType.ROS_TIME) - Time(clock_type=ClockType.STEADY_TIME)
    with pytest.raises(TypeError):
        Time() < Time(clock_type=ClockType.STEADY_TIME)


def test_time_and_duration_messages():
    t = Time(seconds=3, nanoseconds=4)
    assert t.to_msg() == TimeMsg(sec=3, nanosec=4)
    assert Time.from_msg(TimeMsg(sec=3, nanosec=4)) == Time(seconds=3, nanoseconds=4, clock_type=ClockType.ROS_TIME)
    assert Duration(seconds=-1).to_msg() == DurationMsg(sec=-1, nanosec=0)
    assert Duration.from_msg(DurationMsg(sec=1, nanosec=2)).nanoseconds == 1_000_000_002


def test_time_and_duration_ranges():
    with pytest.raises(ValueError):
        Time(seconds=-1)
    with pytest.raises(OverflowError):
        Duration(seconds=2**63)


def test_clocks():
    steady = Clock(clock_type=ClockType.STEADY_TIME)
    first, second = steady.now(), steady.now()
    assert second >= first
    assert Clock().now().clock_type == ClockType.SYSTEM_TIME
    with pytest.raises(TypeError):
        Clock(clock_type='steady')
    assert ROSClock().clock_type == ClockType.ROS_TIME


def test_node_clock_is_ros_time(node):
    now = node.get_clock().now()
    assert now.clock_type == ClockType.ROS_TIME
    assert now.nanoseconds > 0
    assert not node.get_clock().ros_time_is_active


def test_clock_sleep_for(context):
    clock = Clock(clock_type=ClockType.STEADY_TIME)
    start = clock.now()
    assert clock.sleep_for(Duration(seconds=0.05), context=context)
    assert clock.now() - start >= Duration(seconds=0.05)


# --- What rclite does not implement: NotImplementedError naming it ------------------------------
def test_not_implemented_features_are_named(node, unique, context):
    with pytest.raises(NotImplementedError, match='create_rate'):
        node.create_rate(10)
    with pytest.raises(NotImplementedError, match='raw'):
        node.create_subscription(String, unique('raw'), lambda m: None, 10, raw=True)
    with pytest.raises(NotImplementedError, match='domain_id'):
        Context().init(['prog'], domain_id=5)
    with pytest.raises(NotImplementedError, match='time_since_last_call'):
        node.create_timer(1.0, lambda: None).time_since_last_call()
    with pytest.raises(NotImplementedError, match='assert_liveliness'):
        node.create_publisher(String, unique('p'), 10).assert_liveliness()
    with pytest.raises(NotImplementedError, match='enable_logger_service'):
        Node('with_logger_service', context=context, enable_logger_service=True)
    with pytest.raises(NotImplementedError, match='add_post_set_parameters_callback'):
        node.add_post_set_parameters_callback(lambda parameters: None)
