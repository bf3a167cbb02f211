"""Executors, tasks and callback groups (rclpy.executors), as rclpy's test_executor.py uses them."""
import threading
import time

import pytest
from conftest import PATIENCE_SEC, spin_until

import rclpy
from rclpy.callback_groups import MutuallyExclusiveCallbackGroup, ReentrantCallbackGroup
from rclpy.executors import ExternalShutdownException, MultiThreadedExecutor, SingleThreadedExecutor
from rclpy.task import Future

EXECUTORS = [SingleThreadedExecutor, lambda context: MultiThreadedExecutor(num_threads=2, context=context)]


@pytest.fixture(params=EXECUTORS, ids=['single', 'multi'])
def executor(request, context):
    kind = request.param
    executor = kind(context=context) if kind is SingleThreadedExecutor else kind(context)
    yield executor
    executor.shutdown()


def test_add_remove_and_get_nodes(make_node, executor):
    a, b = make_node('a'), make_node('b')
    assert executor.add_node(a)
    assert not executor.add_node(a)
    executor.add_node(b)
    assert executor.get_nodes() == [a, b]
    assert a.executor is executor
    executor.remove_node(a)
    assert executor.get_nodes() == [b]
    assert a.executor is None


def test_a_node_moves_to_the_executor_it_is_added_to(context, node):
    first, second = SingleThreadedExecutor(context=context), SingleThreadedExecutor(context=context)
    first.add_node(node)
    second.add_node(node)
    assert first.get_nodes() == [] and second.get_nodes() == [node]
    first.shutdown()
    second.shutdown()


def test_spin_once_runs_a_ready_timer(node, executor):
    calls = []
    node.create_timer(0.01, lambda: calls.append(1))
    executor.add_node(node)
    assert spin_until(executor, lambda: len(calls) >= 1)


def test_spin_once_times_out_without_work(node, executor):
    executor.add_node(node)
    start = time.monotonic()
    executor.spin_once(timeout_sec=0.1)
    assert time.monotonic() - start >= 0.09


def test_spin_until_future_complete_returns_at_the_timeout(node, executor):
    executor.add_node(node)
    future = Future()
    start = time.monotonic()
    executor.spin_until_future_complete(future, timeout_sec=0.2)
    assert not future.done()
    assert time.monotonic() - start >= 0.19


def test_spin_until_future_complete_returns_when_another_thread_completes_it(node, executor):
    executor.add_node(node)
    future = Future()
    threading.Thread(target=future.set_result, args=('done',)).start()
    executor.spin_until_future_complete(future, timeout_sec=PATIENCE_SEC)
    assert future.result() == 'done'


def test_shutdown_from_another_thread_ends_spin(node, executor):
    executor.add_node(node)
    started = threading.Event()
    node.create_timer(0.01, started.set)
    thread = threading.Thread(target=executor.spin)
    thread.start()
    assert started.wait(PATIENCE_SEC)
    executor.shutdown()
    thread.join(PATIENCE_SEC)
    assert not thread.is_alive()


def test_context_shutdown_ends_spin_with_external_shutdown_exception(context, node):
    executor = SingleThreadedExecutor(context=context)
    executor.add_node(node)
    started = threading.Event()
    raised = []
    node.create_timer(0.01, started.set)

    def spin():
        try:
            executor.spin()
        except ExternalShutdownException as error:
            raised.append(error)

    thread = threading.Thread(target=spin)
    thread.start()
    assert started.wait(PATIENCE_SEC)
    rclpy.shutdown(context=context)
    thread.join(PATIENCE_SEC)
    assert not thread.is_alive()
    assert len(raised) == 1
    executor.shutdown()


def test_create_task_runs_a_coroutine(node, executor):
    executor.add_node(node)
    inner = Future()

    async def coroutine(x):
        value = await inner
        return x + value

    task = executor.create_task(coroutine, 1)
    executor.spin_until_future_complete(task, timeout_sec=0.1)  # it runs up to its await
    assert not task.done()
    inner.set_result(41)
    executor.spin_until_future_complete(task, timeout_sec=PATIENCE_SEC)
    assert task.result() == 42


def test_create_task_before_a_node_is_added(context, node):
    executor = SingleThreadedExecutor(context=context)
    task = executor.create_task(lambda: 'ran')
    executor.add_node(node)
    executor.spin_until_future_complete(task, timeout_sec=PATIENCE_SEC)
    assert task.result() == 'ran'
    executor.shutdown()


def test_task_exception_propagates_out_of_spin_and_is_held(node, executor):
    executor.add_node(node)

    async def failing():
        raise ValueError('no')

    task = executor.create_task(failing)
    with pytest.raises(ValueError):  # rclpy's executors re-raise what a task raised
        executor.spin_until_future_complete(task, timeout_sec=PATIENCE_SEC)
    assert task.done()
    assert isinstance(task.exception(), ValueError)
    with pytest.raises(ValueError):
        task.result()


def test_exception_in_a_timer_callback_propagates_out_of_spin_once(node, executor):
    def broken():
        raise KeyError('timer')

    node.create_timer(0.01, broken)
    executor.add_node(node)
    with pytest.raises(KeyError):
        spin_until(executor, lambda: False, 5.0)


def _overlap(make_node, group) -> bool:
    """Whether two callbacks of `group` ran at the same time on a 2-thread executor.

    The first waits for the second to start (up to 1 s: a reentrant group lets it start at once;
    a mutually exclusive one never does while the first runs).
    """
    node = make_node('grouped')
    first_running, second_started, first_done = threading.Event(), threading.Event(), threading.Event()
    overlapped = []

    def first():
        first_running.set()
        overlapped.append(second_started.wait(1.0))
        first_done.set()

    def second():
        first_running.wait(PATIENCE_SEC)
        second_started.set()

    a = node.create_guard_condition(first, callback_group=group)
    b = node.create_guard_condition(second, callback_group=group)
    executor = MultiThreadedExecutor(num_threads=2, context=node.context)
    executor.add_node(node)
    thread = threading.Thread(target=executor.spin)
    thread.start()
    try:
        a.trigger()
        assert first_running.wait(PATIENCE_SEC)
        b.trigger()
        assert second_started.wait(PATIENCE_SEC)
        assert first_done.wait(PATIENCE_SEC)
    finally:
        executor.shutdown()
        thread.join(PATIENCE_SEC)
    return overlapped[0]


def test_reentrant_callbacks_run_in_parallel(make_node):
    assert _overlap(make_node, ReentrantCallbackGroup())


def test_mutually_exclusive_callbacks_do_not_overlap(make_node):
    assert not _overlap(make_node, MutuallyExclusiveCallbackGroup())


def test_executor_as_context_manager(context, node):
    with SingleThreadedExecutor(context=context) as executor:
        executor.add_node(node)
    assert executor.get_nodes() == []


def test_multithreaded_executor_rejects_no_threads(context):
    with pytest.raises(ValueError):
        MultiThreadedExecutor(num_threads=0, context=context)


def test_spin_once_with_zero_timeout_does_not_block(node, executor):
    executor.add_node(node)
    start = time.monotonic()
    executor.spin_once(timeout_sec=0)
    assert time.monotonic() - start < PATIENCE_SEC / 2


def test_exception_in_a_subscription_callback_propagates(make_node, unique, executor):
    from std_msgs.msg import String

    def broken(message):
        raise ZeroDivisionError(message.data)

    listener = make_node('listener')
    listener.create_subscription(String, unique('t'), broken, 10)
    publisher = make_node('talker').create_publisher(String, unique('t'), 10)
    executor.add_node(listener)

    def step():
        publisher.publish(String(data='boom'))
        executor.spin_once(timeout_sec=0.05)

    with pytest.raises(ZeroDivisionError, match='boom'):
        for _ in range(int(PATIENCE_SEC / 0.05)):
            step()


def test_module_level_spin_returns_on_shutdown_from_another_thread(context, node):
    started = threading.Event()
    node.create_timer(0.01, started.set)
    outcome = []

    def spin():
        try:
            rclpy.spin(node)
            outcome.append('returned')
        except ExternalShutdownException:
            outcome.append('external shutdown')

    thread = threading.Thread(target=spin)
    thread.start()
    assert started.wait(PATIENCE_SEC)
    rclpy.shutdown(context=context)
    thread.join(PATIENCE_SEC)
    assert not thread.is_alive() and len(outcome) == 1


def test_exception_raised_after_an_await_propagates_out_of_spin(node, executor):
    executor.add_node(node)
    inner = Future()

    async def failing_later():
        await inner
        raise LookupError('after the await')

    task = executor.create_task(failing_later)
    executor.spin_until_future_complete(task, timeout_sec=0.1)  # it runs up to its await
    inner.set_result(None)
    with pytest.raises(LookupError, match='after the await'):
        executor.spin_until_future_complete(task, timeout_sec=PATIENCE_SEC)
    assert isinstance(task.exception(), LookupError)
