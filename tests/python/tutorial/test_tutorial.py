"""The ROS 2 tutorial's rclpy scripts, unchanged, on rclite: against each other, against the C++
pair, and through the rclite CLI, compared with what real ROS 2 Jazzy printed for the same lesson
(data/jazzy_rclpy_server_console.txt)."""
import os
import re

import pytest

from rclite_test_support import Child, run

HERE = os.path.dirname(os.path.abspath(__file__))
LAUNCHER = os.environ['RCLITE_PYTHON_LAUNCHER']  # build/bin/rclite-python
BIN = os.environ['RCLITE_BIN_DIR']
SERVER = os.path.join(HERE, 'service_server.py')
CLIENT = os.path.join(HERE, 'service_client.py')

STAMP = r'\[\d+\.\d{9}\]'


def captured_block(command: str) -> str:
    """The output Jazzy printed for `command` (a line of the capture, without its `$ `); the last
    one when the capture ran it more than once (the earlier ones carry the capture's comments)."""
    with open(os.path.join(HERE, 'data', 'jazzy_rclpy_server_console.txt')) as capture:
        blocks = capture.read().split('\n$ ')
    outputs = [block.partition('\n')[2] for block in blocks if block.partition('\n')[0] == command]
    if not outputs:
        raise KeyError(command)
    return outputs[-1]


@pytest.fixture
def python_server():
    server = Child([LAUNCHER, SERVER])
    yield server
    server.stop()


# Attempts at reading the graph with the CLI: each run waits for discovery to settle first, so
# this bounds the work, not the time.
GRAPH_ATTEMPTS = 60


def wait_until_served(server: Child) -> None:
    """Until `rclite service find` sees the server's service."""
    for _ in range(GRAPH_ATTEMPTS):
        result = run([os.path.join(BIN, 'rclite'), 'service', 'find', 'example_interfaces/srv/AddTwoInts'])
        if result.stdout.strip() == '/add_two_ints':
            return
    raise AssertionError('the Python server never appeared:\n' + server.output)


def test_the_python_client_gets_its_answer_from_the_python_server(python_server):
    client = Child([LAUNCHER, CLIENT])
    assert client.wait() == 0, client.output
    assert re.search(rf'^\[INFO\] {STAMP} \[my_service_client\]: Result of add_two_ints: for 41 \+ 1 = 42$',
                     client.output, re.MULTILINE), client.output
    python_server.wait_for(rf'^\[INFO\] {STAMP} \[my_service_server\]: Incoming request\na: 41 b: 1\n'
                           rf'\[INFO\] {STAMP} \[my_service_server\]: Sending back response: 42$')


def test_the_cpp_client_gets_its_answer_from_the_python_server(python_server):
    client = Child([os.path.join(BIN, 'add_two_ints_client'), '2', '3'])
    assert client.wait() == 0, client.output
    assert 'Result of add_two_ints: for 2 + 3 = 5' in client.output
    python_server.wait_for(r'Incoming request\na: 2 b: 3')


def test_the_python_client_gets_its_answer_from_the_cpp_server():
    server = Child([os.path.join(BIN, 'add_two_ints_server')])
    try:
        client = Child([LAUNCHER, CLIENT])
        assert client.wait() == 0, client.output
        assert re.search(r'\[my_service_client\]: Result of add_two_ints: for 41 \+ 1 = 42$', client.output,
                         re.MULTILINE), client.output
    finally:
        server.stop()


def test_rclite_service_call_prints_what_ros2_service_call_printed(python_server):
    wait_until_served(python_server)
    result = run([os.path.join(BIN, 'rclite'), 'service', 'call', '/add_two_ints',
                  'example_interfaces/srv/AddTwoInts', '{a: 2, b: 3}'])
    assert result.returncode == 0, result.stdout
    expected = captured_block('ros2 service call /add_two_ints example_interfaces/srv/AddTwoInts "{a: 2, b: 3}"')
    assert result.stdout.rstrip('\n') == expected.rstrip('\n')
    python_server.wait_for(r'Sending back response: 5$')


@pytest.mark.parametrize('command, capture', [
    (['node', 'info', '/my_service_server'], 'ros2 node info /my_service_server --no-daemon'),
    (['service', 'list', '-t'], 'ros2 service list -t --no-daemon'),
    (['param', 'list'], 'ros2 param list --no-daemon'),
    (['param', 'get', '/my_service_server', 'use_sim_time'], 'ros2 param get /my_service_server use_sim_time'),
])
def test_the_python_server_looks_like_rclpys_in_the_graph(python_server, command, capture):
    wait_until_served(python_server)
    expected = captured_block(capture).rstrip('\n')
    # The graph fills in as discovery goes on: read again until it matches.
    for _ in range(GRAPH_ATTEMPTS):
        result = run([os.path.join(BIN, 'rclite')] + command)
        if result.stdout.rstrip('\n') == expected:
            return
    assert result.stdout.rstrip('\n') == expected


def test_ctrl_c_ends_rclpy_spin_with_keyboard_interrupt(python_server):
    wait_until_served(python_server)
    python_server.interrupt()
    code = python_server.wait()
    # As with rclpy: spin() raises KeyboardInterrupt, which the lesson's script does not catch.
    assert code in (-2, 130), python_server.output
    assert 'KeyboardInterrupt' in python_server.output


EXAMPLES = os.path.join(HERE, '..', '..', '..', 'examples', 'python')


def test_the_python_fibonacci_action_pair():
    # The ROS 2 action tutorial's pair in rclpy's API (examples/python): goal 10, nine feedbacks a
    # second apart, the result printed as rclpy prints an int32[] (an array.array).
    server = Child([LAUNCHER, os.path.join(EXAMPLES, 'fibonacci_action_server.py')])
    try:
        client = Child([LAUNCHER, os.path.join(EXAMPLES, 'fibonacci_action_client.py')])
        assert client.wait() == 0, client.output + server.output
        assert re.search(r'\[fibonacci_action_client\]: Goal accepted :\)$', client.output, re.MULTILINE)
        assert len(re.findall(r'\[fibonacci_action_client\]: Received feedback: array\(\'i\', ', client.output)) == 9
        assert re.search(r"\[fibonacci_action_client\]: Result: array\('i', \[0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55\]\)$",
                         client.output, re.MULTILINE), client.output
        server.wait_for(r'\[fibonacci_action_server\]: Executing goal\.\.\.$')
    finally:
        server.stop()


def test_the_cpp_action_client_reaches_the_python_action_server():
    server = Child([LAUNCHER, os.path.join(EXAMPLES, 'fibonacci_action_server.py')])
    try:
        client = Child([os.path.join(BIN, 'fibonacci_action_client'), '3'])
        assert client.wait() == 0, client.output + server.output
        assert re.search(r'\[fibonacci_action_client\]: Result received: 0 1 1 2 $', client.output, re.MULTILINE), \
            client.output
    finally:
        server.stop()
