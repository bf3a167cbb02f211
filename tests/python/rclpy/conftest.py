"""Fixtures of the rclpy suite: a DDS domain of the process's own, a context and nodes per test.

The domain is taken as tests/support/test_context.hpp takes it (an flock on
/tmp/rclite-test-domain-<id>.lock, ids 100-219), so that this suite and the C++ tests running in
parallel never see each other's nodes; DDS stays on loopback (rclite's default LOCALHOST range).
"""
import gc
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

PATIENCE_SEC = 30.0  # a failure backstop for conditions that must come true, never a wait in itself

_REPO = Path(__file__).resolve().parents[3]
_BIN = Path(os.environ.get('RCLITE_BIN_DIR', _REPO / 'build' / 'bin'))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'support'))
from rclite_test_support import Child, isolate_process  # noqa: E402 - what the tutorial suite uses too

os.environ.pop('ROS_LOCALHOST_ONLY', None)
DOMAIN_ID = isolate_process()  # before any test imports rclpy and makes a context

import rclpy  # noqa: E402 - after the domain is set
from rclpy.executors import MultiThreadedExecutor, SingleThreadedExecutor  # noqa: E402
from rclpy.signals import SignalHandlerOptions  # noqa: E402


def executable(name: str, variable: str) -> str:
    """The path of a built executable: from `variable` (set by ctest), else build/bin/<name>."""
    path = os.environ.get(variable) or str(_BIN / name)
    if not os.access(path, os.X_OK):
        pytest.skip(f'{name} is not built ({path}); set {variable}')
    return path


def eventually(predicate, timeout_sec: float = PATIENCE_SEC, step=None) -> bool:
    """True once `predicate()` holds, False after `timeout_sec` (a backstop).

    `step()` is the bounded work between checks (e.g. spinning an executor once with a short
    timeout); without it the check is repeated every 10 ms, as support/test_context.hpp does.
    """
    deadline = time.monotonic() + timeout_sec
    while not predicate():
        if time.monotonic() > deadline:
            return False
        if step is not None:
            step()
        else:
            time.sleep(0.01)
    return True


def spin_until(executor, predicate, timeout_sec: float = PATIENCE_SEC) -> bool:
    """Spin `executor` (once at a time, 50 ms at most each) until `predicate()` holds."""
    return eventually(predicate, timeout_sec, step=lambda: executor.spin_once(timeout_sec=0.05))


@pytest.fixture
def context():
    """The default context, initialized for this test only (no signal handlers)."""
    rclpy.init(args=['test_rclpy'], signal_handler_options=SignalHandlerOptions.NO)
    yield rclpy.get_default_context()
    rclpy.try_shutdown()
    # The test's context goes now, not when the collector happens to free its last holder during a
    # later test: each test starts with the contexts of the earlier ones gone.
    gc.collect()


@pytest.fixture
def make_node(context, request):
    """make_node(name, **options): a node destroyed after the test; names are unique per test."""
    nodes = []

    def make(name: str = 'node', **options):
        node = rclpy.create_node(name, context=context, **options)
        nodes.append(node)
        return node

    yield make
    for node in reversed(nodes):
        node.destroy_node()


@pytest.fixture
def node(make_node):
    return make_node('test_node')


@pytest.fixture
def unique(request):
    """A name no other test uses (for services and topics): /<test>/<base>."""
    test = ''.join(c if c.isalnum() else '_' for c in request.node.name)

    def name(base: str) -> str:
        return f'/{test}/{base}'

    return name


@pytest.fixture
def child_processes():
    """spawn(argv) -> Child (the shared test support's: its output is read as it comes), each
    killed after the test."""
    children = []

    def spawn(argv, env=None) -> Child:
        child = Child(argv, env)
        children.append(child)
        return child

    yield spawn
    for child in children:
        child.stop()


def run_python(code: str, *args: str, timeout_sec: float = PATIENCE_SEC) -> subprocess.CompletedProcess:
    """Run `code` in a child Debian python3 with this environment (the same PYTHONPATH and domain)."""
    return subprocess.run([sys.executable, '-c', code, *args], capture_output=True, text=True,
                          timeout=timeout_sec, env=dict(os.environ))


# --- Executors the suites share ---------------------------------------------------------------------
@pytest.fixture
def executor(context):
    executor = SingleThreadedExecutor(context=context)
    yield executor
    executor.shutdown()


@pytest.fixture
def background(context):
    """A MultiThreadedExecutor spinning in another thread: background(node) adds a node to it."""
    executor = MultiThreadedExecutor(num_threads=3, context=context)
    thread = threading.Thread(target=executor.spin, daemon=True)
    thread.start()
    yield executor.add_node
    executor.shutdown()
    thread.join(PATIENCE_SEC)
    assert not thread.is_alive()
