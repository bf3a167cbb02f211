"""The checks of `make interop`: rclite against a sourced, real ROS 2 (rclpy, rclcpp, the ros2 CLI).

Each check starts the programs it needs, asserts what a user would see, stops them, and returns a
one-line detail for the report; it raises CheckFailed (or anything else) when it does not hold.
"""
import re
import time

from harness import BIN, PEERS, PYTHON, CheckFailed, Peers, expect_success, run, same_output

CHECKS = []

ADD_TWO_INTS = 'example_interfaces/srv/AddTwoInts'
ADD_TWO_INTS_HASH = 'RIHS01_e118de6bf5eeb66a2491b5bda11202e7b68f198d6f67922cf30364858239c81a'  # Jazzy's
FIBONACCI = 'example_interfaces/action/Fibonacci'
LARGE = 4 * 1024 * 1024


def check(group, name, distros=None):
    def register(function):
        CHECKS.append((group, name, distros, function))
        return function
    return register


# Programs of each side. The rclpy peers run on real rclpy (PYTHON) and on rclite's Python face.
def rclite_server(*args):
    return [BIN / 'add_two_ints_server', *args]


def rclpy(script, *args):
    return [PYTHON, PEERS / script, *args]


def rclite_python(script, *args):
    return [BIN / 'rclite-python', PEERS / script, *args]


def rclcpp(ctx, program, *args):
    return [ctx.rclcpp_program(program), *args]


def ros2(*args):
    return ['ros2', *args]


def rclite(*args):
    return [BIN / 'rclite', *args]


READY_CPP = 'Ready to add two ints.'  # the C++ twin's log line (on stderr, which Peer reads too)


# --- calls both ways ---------------------------------------------------------------------------

@check('calls', 'ros2 service call -> rclite server: same output as rclite service call')
def ros2_service_call(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclite_server(), ready=READY_CPP)
        call = ('service', 'call', '/add_two_ints', ADD_TWO_INTS, '{a: 2, b: 3}')
        expect_success(ros2(*call), ctx.env, contains='sum=5')
        return same_output(ros2(*call), rclite(*call), ctx.env)


@check('calls', 'rclpy client -> rclite server (100 calls)')
def rclpy_to_rclite(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclite_server(), ready=READY_CPP)
        return expect_success(rclpy('add_two_ints_client.py', '2', '3', '--count', '100'), ctx.env, contains='sum=104').strip()


@check('calls', 'rclcpp client -> rclite server (100 calls)')
def rclcpp_to_rclite(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclite_server(), ready=READY_CPP)
        return expect_success(rclcpp(ctx, 'add_two_ints_client', '2', '3', '--count', '100'), ctx.env,
                              contains='sum=104').strip()


@check('calls', 'rclite client -> rclpy server')
def rclite_to_rclpy(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclpy('add_two_ints_server.py'), ready='READY')
        expect_success([BIN / 'add_two_ints_client', '2', '3'], ctx.env, contains='for 2 + 3 = 5')
        return 'answered: for 2 + 3 = 5'


@check('calls', 'rclite client -> rclcpp server')
def rclite_to_rclcpp(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclcpp(ctx, 'add_two_ints_server'), ready='READY')
        expect_success([BIN / 'add_two_ints_client', '2', '3'], ctx.env, contains='for 2 + 3 = 5')
        return 'answered: for 2 + 3 = 5'


@check('calls', 'rclite Python face client -> rclpy server (100 calls)')
def rclite_python_to_rclpy(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclpy('add_two_ints_server.py'), ready='READY')
        return expect_success(rclite_python('add_two_ints_client.py', '2', '3', '--count', '100'), ctx.env,
                              contains='sum=104').strip()


@check('calls', 'rclpy client -> rclite Python face server (100 calls)')
def rclpy_to_rclite_python(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclite_python('add_two_ints_server.py'), ready='READY')
        return expect_success(rclpy('add_two_ints_client.py', '2', '3', '--count', '100'), ctx.env, contains='sum=104').strip()


@check('calls', 'rclite service call -> rclpy server: same output as ros2 service call')
def rclite_service_call_to_rclpy(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclpy('add_two_ints_server.py'), ready='READY')
        call = ('service', 'call', '/add_two_ints', ADD_TWO_INTS, '{a: 2, b: 3}')
        return same_output(ros2(*call), rclite(*call), ctx.env)


@check('calls', '4 MiB answers: rclpy client -> rclite Python face server, and back')
def large_answers(ctx):
    size = str(LARGE)
    with Peers(ctx.env) as peers:
        peers.start(rclite_python('big_trigger_server.py', size), ready='READY')
        expect_success(rclpy('big_trigger_client.py', size), ctx.env, contains=f'OK {LARGE}')
    with Peers(ctx.env) as peers:
        peers.start(rclpy('big_trigger_server.py', size), ready='READY')
        expect_success(rclite_python('big_trigger_client.py', size), ctx.env, contains=f'OK {LARGE}')
    return f'{LARGE} bytes each way, equal byte for byte'


# --- a server that dies mid-call ----------------------------------------------------------------

def death_of(ctx, server_argv):
    """A call pending on a server SIGKILLed mid-call must fail (not hang) within a second or so."""
    with Peers(ctx.env) as peers:
        server = peers.start(server_argv, ready='READY')
        call = peers.start(rclite('service', 'call', '/slow', ADD_TWO_INTS, '{a: 1, b: 2}'))
        server.wait_for('SERVING')
        killed = time.monotonic()
        server.kill()
        code = call.wait_exit()
        took = time.monotonic() - killed
        if code == 0:
            raise CheckFailed(f'the call succeeded after its server was killed: {call.tail()}')
        if took > 2.0:
            raise CheckFailed(f'the call failed only {took:.2f} s after the kill (expected within 1 s): {call.tail()}')
        return f'the call failed {took * 1000:.0f} ms after SIGKILL: {call.tail(1)}'


@check('server death', 'rclpy server SIGKILLed mid-call: rclite call fails within 1 s')
def rclpy_server_death(ctx):
    return death_of(ctx, rclpy('add_two_ints_server.py', '--service', 'slow', '--delay', '60'))


@check('server death', 'rclcpp server SIGKILLed mid-call: rclite call fails within 1 s')
def rclcpp_server_death(ctx):
    return death_of(ctx, rclcpp(ctx, 'add_two_ints_server', '--service', 'slow', '--delay', '60'))


# --- the ros2 CLI on a mixed graph, and rclite's CLI on it --------------------------------------

MIXED_GRAPH_COMMANDS = [
    ('node', 'list'),
    ('node', 'info', '/add_two_ints_server'),
    ('node', 'info', '/rclpy_server'),
    ('service', 'list'),
    ('service', 'list', '-t'),
    ('service', 'type', '/add_two_ints'),
    ('service', 'type', '/nope'),
    ('service', 'find', ADD_TWO_INTS),
    ('topic', 'list', '-t'),
    ('param', 'list'),
    ('param', 'list', '/add_two_ints_server'),
    ('param', 'list', '/rclpy_server'),
    ('param', 'get', '/add_two_ints_server', 'use_sim_time'),
    ('param', 'get', '/rclpy_server', 'use_sim_time'),
    ('param', 'describe', '/add_two_ints_server', 'use_sim_time'),
    ('param', 'describe', '/add_two_ints_server', 'start_type_description_service'),
    ('param', 'set', '/add_two_ints_server', 'use_sim_time', 'false'),
    ('param', 'set', '/add_two_ints_server', 'no_such_parameter', '1'),
    ('param', 'dump', '/add_two_ints_server'),
]


def mixed_graph(peers):
    """rclite's C++ server and an rclpy server (renamed) on one graph."""
    peers.start(rclite_server(), ready=READY_CPP)
    peers.start(rclpy('add_two_ints_server.py', '--service', 'rclpy_add', '--ros-args', '-r', '__node:=rclpy_server'),
                ready='READY')


def register_cli_checks():
    for command in MIXED_GRAPH_COMMANDS:
        def compare(ctx, command=command):
            with Peers(ctx.env) as peers:
                mixed_graph(peers)
                # ros2's service type/find take no --no-daemon (argparse exits 2 on it).
                verb = command if command[:2] in (('service', 'type'), ('service', 'find')) else (*command, '--no-daemon')
                return same_output(ros2(*verb), rclite(*verb), ctx.env)
        check('cli', f'{" ".join(command)}: ros2 and rclite print the same')(compare)


register_cli_checks()

INTERFACES = [(ADD_TWO_INTS, None), (FIBONACCI, None),
              ('type_description_interfaces/srv/GetTypeDescription', ('jazzy',)),  # new in Jazzy
              ('action_msgs/srv/CancelGoal', None), ('rcl_interfaces/msg/Log', None)]


def register_interface_checks():
    for interface, distros in INTERFACES:
        def compare(ctx, interface=interface):
            return same_output(ros2('interface', 'show', interface), rclite('interface', 'show', interface), ctx.env)
        check('cli', f'interface show {interface}: ros2 and rclite print the same', distros)(compare)


register_interface_checks()


# --- /rosout, type descriptions, introspection ----------------------------------------------------

@check('rosout', "ros2 topic echo /rosout shows rclite's log line")
def rosout_of_rclite(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclite_server(), ready=READY_CPP)
        # /rosout keeps its last 1000 lines for late joiners (transient local): the line logged at
        # start-up reaches an echo started after it.
        echo = peers.start(ros2('topic', 'echo', '/rosout', 'rcl_interfaces/msg/Log'))
        echo.wait_for(f'msg: {READY_CPP}')
        if 'name: add_two_ints_server' not in echo.output:
            raise CheckFailed(f'no log record named add_two_ints_server: {echo.tail()}')
        return 'name: add_two_ints_server, msg: Ready to add two ints.'


@check('rosout', "rclite topic echo /rosout shows rclpy's log line")
def rosout_of_rclpy(ctx):
    with Peers(ctx.env) as peers:
        peers.start(rclpy('add_two_ints_server.py'), ready='READY')
        echo = peers.start(rclite('topic', 'echo', '/rosout', 'rcl_interfaces/msg/Log'))
        echo.wait_for(f'msg: {READY_CPP}')
        return 'msg: Ready to add two ints.'


@check('type descriptions', 'GetTypeDescription with sources: rclite node answers as the rclpy node does',
       distros=('jazzy',))
def type_description(ctx):
    request = f'{{type_name: {ADD_TWO_INTS}, type_hash: {ADD_TWO_INTS_HASH}, include_type_sources: true}}'
    with Peers(ctx.env) as peers:
        mixed_graph(peers)
        calls = [ros2('service', 'call', f'/{node}/get_type_description',
                      'type_description_interfaces/srv/GetTypeDescription', request)
                 for node in ('add_two_ints_server', 'rclpy_server')]
        ours, theirs = (expect_success(call, ctx.env, contains='successful=True') for call in calls)
        # The requester line names the node's service; the answers must be the same.
        answer = lambda text: text.split('response:', 1)[-1]  # noqa: E731
        if answer(ours) != answer(theirs):
            raise CheckFailed(f'answers differ: rclite {answer(ours)[:300]!r} vs rclpy {answer(theirs)[:300]!r}')
        return f'equal answers ({len(answer(ours))} characters)'


def echo_sees_events(ctx, server_argv, service, tool):
    """`tool service echo` on a server publishing its events sees both server-side events of a call
    made with `tool service call`."""
    with Peers(ctx.env) as peers:
        peers.start(server_argv, ready='READY')
        echo = peers.start(tool('service', 'echo', service))
        # An echo cannot say when it has matched the events' writer, and an event published before
        # that is not seen: calls are repeated until one shows, ten at the most.
        for _ in range(10):
            expect_success(tool('service', 'call', service, ADD_TWO_INTS, '{a: 2, b: 3}'), ctx.env, contains='sum=5')
            if 'RESPONSE_SENT' in echo.output:
                break
            time.sleep(0.5)
        for event in ('REQUEST_RECEIVED', 'RESPONSE_SENT'):
            echo.wait_for(f'event_type: {event}')
        return 'REQUEST_RECEIVED and RESPONSE_SENT'


@check('introspection', 'ros2 service echo sees an rclite server\'s events', distros=('jazzy',))
def ros2_echoes_rclite(ctx):
    return echo_sees_events(ctx, [BIN / 'rclite_test_server', '/introspected', '0', 'contents'], '/introspected', ros2)


@check('introspection', 'rclite service echo sees an rclpy server\'s events', distros=('jazzy',))
def rclite_echoes_rclpy(ctx):
    return echo_sees_events(ctx, rclpy('add_two_ints_server.py', '--introspection'), '/add_two_ints', rclite)


# --- actions ------------------------------------------------------------------------------------------

GOAL_ID = re.compile(r'[0-9a-f]{32}')


def start_fibonacci_server(ctx, peers):
    """rclite's Fibonacci server, once the graph shows its action (it prints nothing when ready)."""
    peers.start([BIN / 'fibonacci_action_server'])
    deadline = time.monotonic() + 30
    while '/fibonacci' not in run(rclite('action', 'list'), ctx.env)[1]:
        if time.monotonic() > deadline:
            raise CheckFailed('rclite action list does not show /fibonacci after 30 s')
        time.sleep(0.2)


@check('actions', 'ros2 action send_goal -> rclite server: same output as rclite action send_goal')
def ros2_send_goal(ctx):
    with Peers(ctx.env) as peers:
        start_fibonacci_server(ctx, peers)
        goal = ('action', 'send_goal', '/fibonacci', FIBONACCI, '{order: 3}', '--feedback')
        expect_success(ros2(*goal), ctx.env, contains='SUCCEEDED')
        return same_output(ros2(*goal), rclite(*goal), ctx.env, normalize=lambda text: GOAL_ID.sub('<goal id>', text))


@check('actions', 'rclite action client -> rclpy Fibonacci server')
def rclite_client_to_rclpy_action(ctx):
    with Peers(ctx.env) as peers:
        peers.start([PYTHON, ctx.root / 'examples' / 'python' / 'fibonacci_action_server.py'])
        expect_success([BIN / 'fibonacci_action_client', '3'], ctx.env, contains='Result received: 0 1 1 2')
        return 'Result received: 0 1 1 2'


@check('actions', 'action list -t and action info: ros2 and rclite print the same')
def action_graph(ctx):
    with Peers(ctx.env) as peers:
        start_fibonacci_server(ctx, peers)
        details = [same_output(ros2(*verb), rclite(*verb), ctx.env)
                   for verb in (('action', 'list', '-t'), ('action', 'info', '/fibonacci', '-t'))]
        return '; '.join(details)


# --- SROS2 keystores both ways ------------------------------------------------------------------------

def secure_call(ctx, keystore, server_argv, client_argv, ready):
    env = dict(ctx.env, ROS_SECURITY_KEYSTORE=str(keystore), ROS_SECURITY_ENABLE='true', ROS_SECURITY_STRATEGY='Enforce')
    with Peers(env) as peers:
        peers.start([*server_argv, '--ros-args', '--enclave', '/interop/server'], ready=ready)
        out = expect_success([*client_argv, '--ros-args', '--enclave', '/interop/client'], env)
    return out


def make_keystore(ctx, tool, name):
    keystore = ctx.scratch / name
    expect_success([*tool, 'security', 'create_keystore', keystore], ctx.env)
    for enclave in ('/interop/server', '/interop/client'):
        expect_success([*tool, 'security', 'create_enclave', keystore, enclave], ctx.env)
    return keystore


@check('security', 'keystore from ros2 security: rclpy client -> rclite server')
def sros2_keystore(ctx):
    keystore = make_keystore(ctx, ['ros2'], 'sros2_keystore')
    secure_call(ctx, keystore, rclite_server(), rclpy('add_two_ints_client.py', '2', '3'), READY_CPP)
    return 'answered over DDS Security with the keystore ros2 made'


@check('security', 'keystore from rclite security: rclite client -> rclpy server')
def rclite_keystore(ctx):
    keystore = make_keystore(ctx, [BIN / 'rclite'], 'rclite_keystore')
    secure_call(ctx, keystore, rclpy('add_two_ints_server.py'), rclite_python('add_two_ints_client.py', '2', '3'), 'READY')
    return 'answered over DDS Security with the keystore rclite made'
