"""Services and clients (rclpy.client, rclpy.service), as rclpy's test_client.py / test_service.py use them."""
import signal
import threading

import pytest
from conftest import PATIENCE_SEC, eventually, executable
from example_interfaces.srv import AddTwoInts
from std_srvs.srv import Empty

import rclpy
from rclpy.callback_groups import ReentrantCallbackGroup
from rclpy.exceptions import InvalidHandle, ServiceUnavailableError


def add(request, response):
    response.sum = request.a + request.b
    return response


def request(a, b):
    return AddTwoInts.Request(a=a, b=b)


def test_call_async_and_spin_until_future_complete(node, unique, executor):
    node.create_service(AddTwoInts, unique('add'), add)
    client = node.create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    executor.add_node(node)
    for i in range(5):
        future = client.call_async(request(i, 10 * i))
        executor.spin_until_future_complete(future, timeout_sec=PATIENCE_SEC)
        assert future.done()
        assert future.result().sum == 11 * i


def test_module_level_spin_until_future_complete(node, unique):
    node.create_service(AddTwoInts, unique('add'), add)
    client = node.create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    future = client.call_async(request(2, 3))
    rclpy.spin_until_future_complete(node, future, timeout_sec=PATIENCE_SEC)
    assert future.result().sum == 5


def test_call_with_timeout_while_another_thread_spins(make_node, unique, background):
    server = make_node('server')
    server.create_service(AddTwoInts, unique('add'), add)
    background(server)
    client_node = make_node('client')
    background(client_node)
    client = client_node.create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    assert client.call(request(40, 2), timeout_sec=PATIENCE_SEC).sum == 42


def test_call_without_a_server_raises_timeout_error(node, unique):
    client = node.create_client(AddTwoInts, unique('nobody'))
    with pytest.raises(TimeoutError):
        client.call(request(1, 1), timeout_sec=0.2)


def test_wait_for_service_and_service_is_ready(make_node, unique):
    client_node = make_node('client')
    client = client_node.create_client(AddTwoInts, unique('add'))
    assert not client.service_is_ready()
    assert not client.wait_for_service(timeout_sec=0.1)
    server = make_node('server')
    service = server.create_service(AddTwoInts, unique('add'), add)
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    assert client.service_is_ready()
    assert server.destroy_service(service)
    assert eventually(lambda: not client.service_is_ready())


def test_service_and_client_names_are_resolved(make_node):
    node = make_node('named', namespace='/ns')
    service = node.create_service(Empty, 'relative', lambda request, response: response)
    client = node.create_client(Empty, '~/private')
    assert service.srv_name == '/ns/relative'
    assert client.srv_name == '/ns/named/private'


async def _forward(client, request, response):
    inner = await client.call_async(AddTwoInts.Request(a=request.a, b=request.b))
    response.sum = inner.sum * 10
    return response


def _chained_servers(make_node, unique, group=None):
    """Server A answers by awaiting server B: returns the node whose client calls A."""
    b = make_node('server_b')
    b.create_service(AddTwoInts, unique('b'), add)
    a = make_node('server_a')
    b_client = a.create_client(AddTwoInts, unique('b'), callback_group=group)

    async def callback(request, response):
        return await _forward(b_client, request, response)

    a.create_service(AddTwoInts, unique('a'), callback, callback_group=group)
    assert b_client.wait_for_service(timeout_sec=PATIENCE_SEC)
    return a, b


def test_async_service_callback_awaits_another_service_single_threaded(make_node, unique, executor):
    a, b = _chained_servers(make_node, unique)
    caller = make_node('caller')
    client = caller.create_client(AddTwoInts, unique('a'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    for node in (a, b, caller):
        executor.add_node(node)
    future = client.call_async(request(3, 4))
    executor.spin_until_future_complete(future, timeout_sec=PATIENCE_SEC)
    assert future.result().sum == 70


def test_async_service_callback_awaits_another_service_multi_threaded(make_node, unique, background):
    a, b = _chained_servers(make_node, unique, ReentrantCallbackGroup())
    background(a)
    background(b)
    caller = make_node('caller')
    background(caller)
    client = caller.create_client(AddTwoInts, unique('a'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    futures = [client.call_async(request(i, 1)) for i in range(8)]
    done = threading.Event()
    remaining = [len(futures)]
    lock = threading.Lock()

    def count(_):
        with lock:
            remaining[0] -= 1
            if remaining[0] == 0:
                done.set()

    for future in futures:
        future.add_done_callback(count)
    assert done.wait(PATIENCE_SEC)
    assert [f.result().sum for f in futures] == [10 * (i + 1) for i in range(8)]


def test_exception_in_service_callback_propagates_out_of_spin(node, unique, executor):
    def broken(request, response):
        raise RuntimeError('the callback broke')

    node.create_service(AddTwoInts, unique('broken'), broken)
    client = node.create_client(AddTwoInts, unique('broken'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    executor.add_node(node)
    future = client.call_async(request(1, 2))
    with pytest.raises(RuntimeError, match='the callback broke'):
        executor.spin_until_future_complete(future, timeout_sec=PATIENCE_SEC)


def test_cancelled_future_gets_no_result(make_node, unique, executor):
    server = make_node('server')
    server.create_service(AddTwoInts, unique('add'), add)
    client_node = make_node('client')
    client = client_node.create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    executor.add_node(client_node)  # the server is not spun: the request stays pending
    future = client.call_async(request(1, 1))
    future.cancel()
    assert future.cancelled() and future.done()
    assert future.result() is None
    executor.add_node(server)
    second = client.call_async(request(2, 2))  # the client goes on working
    executor.spin_until_future_complete(second, timeout_sec=PATIENCE_SEC)
    assert second.result().sum == 4
    assert future.result() is None and future.cancelled()


def test_remove_pending_request(make_node, unique, executor):
    server = make_node('server')
    server.create_service(AddTwoInts, unique('add'), add)
    client = make_node('client').create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    future = client.call_async(request(1, 1))
    client.remove_pending_request(future)
    executor.add_node(server)
    executor.add_node(client._node)
    second = client.call_async(request(3, 3))
    executor.spin_until_future_complete(second, timeout_sec=PATIENCE_SEC)
    assert second.result().sum == 6
    assert not future.done() or future.exception() is not None


def test_destroy_client_service_and_node(make_node, unique):
    node = make_node('doomed')
    service = node.create_service(AddTwoInts, unique('add'), add)
    client = node.create_client(AddTwoInts, unique('add'))
    assert client in list(node.clients) and service in list(node.services)
    assert node.destroy_client(client)
    assert not node.destroy_client(client)  # already gone
    assert node.destroy_service(service)
    assert list(node.clients) == [] and list(node.services) == []
    node.destroy_node()
    with pytest.raises(InvalidHandle):
        node.create_client(AddTwoInts, unique('add'))
    node.destroy_node()  # twice is harmless


def test_destroyed_server_is_no_longer_counted(make_node, unique):
    server = make_node('server')
    observer = make_node('observer')
    service = server.create_service(AddTwoInts, unique('add'), add)
    assert eventually(lambda: observer.count_services(unique('add')) == 1)
    server.destroy_service(service)
    assert eventually(lambda: observer.count_services(unique('add')) == 0)


def test_wrong_request_type_raises_type_error(node, unique):
    client = node.create_client(AddTwoInts, unique('add'))
    with pytest.raises(TypeError):
        client.call_async(Empty.Request())
    with pytest.raises(TypeError):
        client.call(AddTwoInts.Response(), timeout_sec=0.1)


def test_out_of_range_request_field_raises_overflow_error_naming_it(node, unique):
    node.create_service(AddTwoInts, unique('add'), add)
    client = node.create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    too_big = AddTwoInts.Request()
    too_big._a = 2**63  # past the generated setter's check
    with pytest.raises(OverflowError, match='a'):
        client.call_async(too_big)
    too_big._a = 0
    too_big._b = 'not a number'
    with pytest.raises(TypeError, match='b'):
        client.call_async(too_big)


def test_pending_call_fails_when_the_server_process_is_killed(node, child_processes, unique, executor):
    server_path = executable('add_two_ints_server', 'RCLITE_ADD_TWO_INTS_SERVER')
    name = unique('add')
    server = child_processes([server_path, '--ros-args', '-r', f'add_two_ints:={name}',
                              '-r', '__node:=doomed_server'])
    client = node.create_client(AddTwoInts, name)
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    assert client.call(request(1, 2), timeout_sec=PATIENCE_SEC).sum == 3
    server.process.send_signal(signal.SIGSTOP)  # it can no longer answer: the next call stays pending
    future = client.call_async(request(5, 6))
    executor.add_node(node)
    executor.spin_until_future_complete(future, timeout_sec=0.2)
    assert not future.done()
    server.process.kill()
    executor.spin_until_future_complete(future, timeout_sec=PATIENCE_SEC)
    assert future.done()
    assert isinstance(future.exception(), ServiceUnavailableError)
    with pytest.raises(ServiceUnavailableError):
        future.result()


def test_exception_in_an_async_service_callback_propagates_out_of_spin(node, unique, executor):
    async def broken(request, response):
        raise RuntimeError('the coroutine broke')

    node.create_service(AddTwoInts, unique('broken'), broken)
    client = node.create_client(AddTwoInts, unique('broken'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    executor.add_node(node)
    future = client.call_async(request(1, 2))
    with pytest.raises(RuntimeError, match='the coroutine broke'):
        executor.spin_until_future_complete(future, timeout_sec=PATIENCE_SEC)


def test_call_from_a_callback_of_a_single_threaded_executor(make_node, unique, background, executor):
    server = make_node('server')
    server.create_service(AddTwoInts, unique('add'), add)
    background(server)
    caller = make_node('caller')
    client = caller.create_client(AddTwoInts, unique('add'))
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    sums = []
    caller.create_guard_condition(lambda: sums.append(client.call(request(20, 22), timeout_sec=PATIENCE_SEC).sum)) \
        .trigger()
    executor.add_node(caller)
    executor.spin_once(timeout_sec=PATIENCE_SEC)
    assert sums == [42]


def test_a_server_not_spun_meanwhile_keeps_every_request(make_node, unique, executor):
    # rclpy's default service QoS (KEEP_LAST 10) would drop the oldest of these without a word;
    # rclite keeps every request, as its C++ services do (found by test_lifecycle_model.py).
    server, client_node = make_node('patient_server'), make_node('eager_client')
    name = unique('patient')
    server.create_service(AddTwoInts, name, add)
    client = client_node.create_client(AddTwoInts, name)
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    futures = [client.call_async(request(i, 1)) for i in range(25)]
    executor.add_node(server)
    executor.add_node(client_node)
    assert eventually(lambda: all(f.done() for f in futures), step=lambda: executor.spin_once(timeout_sec=0.05))
    assert [f.result().sum for f in futures] == [i + 1 for i in range(25)]


def test_destroying_a_client_ends_its_pending_calls(node, unique):
    from rclpy.exceptions import ShutdownError
    client = node.create_client(AddTwoInts, unique('unserved'))
    node.create_service(AddTwoInts, unique('unserved'), lambda request, response: None)  # never spun
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    future = client.call_async(request(1, 2))
    node.destroy_client(client)
    assert future.done()
    assert isinstance(future.exception(), ShutdownError)


def test_service_introspection_publishes_the_four_events_of_a_call(make_node, unique, background):
    from rclpy.qos import qos_profile_system_default
    from rclpy.service_introspection import ServiceIntrospectionState
    server = make_node('server')
    service = server.create_service(AddTwoInts, unique('add'), add)
    client_node = make_node('client')
    client = client_node.create_client(AddTwoInts, unique('add'))
    echo = make_node('echo')
    events = []
    lock = threading.Lock()

    def on_event(event):
        with lock:
            events.append(event)
    subscription = echo.create_subscription(AddTwoInts.Event, unique('add') + '/_service_event', on_event, 100)
    for node in (server, client_node, echo):
        background(node)
    service.configure_introspection(server.get_clock(), qos_profile_system_default,
                                    ServiceIntrospectionState.CONTENTS)
    client.configure_introspection(client_node.get_clock(), qos_profile_system_default,
                                   ServiceIntrospectionState.METADATA)
    assert eventually(lambda: subscription.get_publisher_count() == 2)
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    assert client.call(request(40, 2), timeout_sec=PATIENCE_SEC).sum == 42
    assert eventually(lambda: len(events) == 4)
    with lock:
        by_type = {event.info.event_type: event for event in events}
    # REQUEST_SENT 0, REQUEST_RECEIVED 1, RESPONSE_SENT 2, RESPONSE_RECEIVED 3 (service_msgs).
    assert sorted(by_type) == [0, 1, 2, 3]
    assert len({event.info.sequence_number for event in by_type.values()}) == 1
    # The service shows contents, the client (METADATA) none.
    assert [(r.a, r.b) for r in by_type[1].request] == [(40, 2)]
    assert [r.sum for r in by_type[2].response] == [42]
    assert list(by_type[0].request) == [] and list(by_type[3].response) == []

    service.configure_introspection(server.get_clock(), qos_profile_system_default, ServiceIntrospectionState.OFF)
    assert eventually(lambda: subscription.get_publisher_count() == 1)
    with pytest.raises(ValueError):
        client.configure_introspection(client_node.get_clock(), qos_profile_system_default, 7)
