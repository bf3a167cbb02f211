"""Timers (rclpy.timer), as rclpy's test_timer.py uses them."""
import pytest
from conftest import spin_until



@pytest.fixture
def executor(executor, node):
    """conftest's executor, spinning `node`."""
    executor.add_node(node)
    return executor


def test_timer_calls_its_callback_repeatedly(node, executor):
    calls = []
    timer = node.create_timer(0.01, lambda: calls.append(1))
    assert timer.timer_period_ns == 10_000_000
    assert spin_until(executor, lambda: len(calls) >= 5)
    assert not timer.is_canceled()


def test_cancel_stops_and_reset_restarts(node, executor):
    calls = []
    timer = node.create_timer(0.01, lambda: calls.append(1))
    assert spin_until(executor, lambda: len(calls) >= 1)
    timer.cancel()
    assert timer.is_canceled()
    assert timer.time_until_next_call() is None
    count = len(calls)
    for _ in range(5):  # a canceled 10 ms timer does not run during 5 x 20 ms of spinning
        executor.spin_once(timeout_sec=0.02)
    assert len(calls) == count
    timer.reset()
    assert not timer.is_canceled()
    assert spin_until(executor, lambda: len(calls) > count)


def test_autostart_false_creates_a_canceled_timer(node, executor):
    calls = []
    timer = node.create_timer(0.01, lambda: calls.append(1), autostart=False)
    assert timer.is_canceled()
    executor.spin_once(timeout_sec=0.05)
    assert calls == []
    timer.reset()
    assert spin_until(executor, lambda: len(calls) >= 1)


def test_time_until_next_call_is_within_the_period(node):
    timer = node.create_timer(10.0, lambda: None)
    left = timer.time_until_next_call()
    assert 0 < left <= 10_000_000_000


def test_destroyed_timer_stops(node, executor):
    calls = []
    timer = node.create_timer(0.01, lambda: calls.append(1))
    assert spin_until(executor, lambda: len(calls) >= 1)
    assert node.destroy_timer(timer)
    count = len(calls)
    for _ in range(5):
        executor.spin_once(timeout_sec=0.02)
    assert len(calls) == count
    assert list(node.timers) == []


def test_timer_callback_may_cancel_its_own_timer(node, executor):
    calls = []

    def once():
        calls.append(1)
        timer.cancel()

    timer = node.create_timer(0.01, once)
    assert spin_until(executor, lambda: len(calls) >= 1)
    for _ in range(5):
        executor.spin_once(timeout_sec=0.02)
    assert calls == [1]
