"""Nodes: names, remapping, the graph, logging and init/shutdown (rclpy's test_node.py, test_init_shutdown.py)."""
import re
import textwrap

import pytest
from conftest import PATIENCE_SEC, eventually, run_python

import rclpy
from rclpy.exceptions import NotInitializedException
from rclpy.signals import SignalHandlerOptions


def test_names(make_node):
    node = make_node('my_node', namespace='/my_ns')
    assert node.get_name() == 'my_node'
    assert node.get_namespace() == '/my_ns'
    assert node.get_fully_qualified_name() == '/my_ns/my_node'
    assert make_node('plain').get_namespace() == '/'


def test_invalid_node_name_is_rejected(context):
    with pytest.raises(Exception):
        rclpy.create_node('not a valid name!', context=context)


def test_remapping_through_node_cli_args(make_node):
    node = make_node('original', cli_args=['--ros-args', '-r', '__node:=renamed', '-r', '__ns:=/moved',
                                           '-r', 'chatter:=/other/chatter'])
    assert node.get_name() == 'renamed'
    assert node.get_namespace() == '/moved'
    assert node.resolve_topic_name('chatter') == '/other/chatter'
    assert node.resolve_topic_name('free') == '/moved/free'


def test_remapping_through_init_args():
    rclpy.init(args=['prog', '--ros-args', '-r', '__node:=global_name'], signal_handler_options=SignalHandlerOptions.NO)
    try:
        node = rclpy.create_node('local_name')
        assert node.get_name() == 'global_name'
        node.destroy_node()
        unaffected = rclpy.create_node('local_name', use_global_arguments=False)
        assert unaffected.get_name() == 'local_name'
        unaffected.destroy_node()
    finally:
        rclpy.shutdown()


def test_another_node_is_seen_in_the_graph(make_node):
    observer = make_node('observer')
    make_node('seen', namespace='/graph_test')
    assert eventually(lambda: ('seen', '/graph_test') in observer.get_node_names_and_namespaces())
    assert 'seen' in observer.get_node_names()


def test_service_names_and_types(make_node, unique):
    from std_srvs.srv import Trigger
    observer = make_node('observer')
    server = make_node('server')
    server.create_service(Trigger, unique('trigger'), lambda request, response: response)
    assert eventually(lambda: (unique('trigger'), ['std_srvs/srv/Trigger']) in
                      [(n, list(t)) for n, t in observer.get_service_names_and_types()])
    assert eventually(lambda: unique('trigger') in
                      [n for n, _ in observer.get_service_names_and_types_by_node('server', '/')])


def test_a_node_describes_the_types_of_its_entities(make_node, background):
    """~/get_type_description answers for the types a Python node's entities use, as rclpy's does."""
    from example_interfaces.srv import AddTwoInts
    from std_msgs.msg import String
    from type_description_interfaces.srv import GetTypeDescription
    described = make_node('described')
    described.create_service(AddTwoInts, 'add', lambda request, response: response)
    described.create_publisher(String, 'chatter', 10)
    background(described)
    asker = make_node('asker')
    client = asker.create_client(GetTypeDescription, '/described/get_type_description')
    background(asker)
    assert client.wait_for_service(timeout_sec=PATIENCE_SEC)
    for type_name, hash_, top in (
            ('example_interfaces/srv/AddTwoInts',
             'RIHS01_e118de6bf5eeb66a2491b5bda11202e7b68f198d6f67922cf30364858239c81a', 'example_interfaces/srv/AddTwoInts'),
            ('std_msgs/msg/String',
             'RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18', 'std_msgs/msg/String')):
        response = client.call(GetTypeDescription.Request(type_name=type_name, type_hash=hash_,
                                                           include_type_sources=True), timeout_sec=PATIENCE_SEC)
        assert response.successful, response.failure_reason
        assert response.type_description.type_description.type_name == top
        assert response.type_sources[0].type_name == top


def test_node_without_init_raises():
    with pytest.raises(NotInitializedException):
        rclpy.create_node('too_early')


def test_init_twice_and_shutdown_twice():
    rclpy.init(args=['prog'], signal_handler_options=SignalHandlerOptions.NO)
    try:
        assert rclpy.ok()
        with pytest.raises(RuntimeError):
            rclpy.init(args=['prog'], signal_handler_options=SignalHandlerOptions.NO)
    finally:
        rclpy.shutdown()
    assert not rclpy.ok()
    with pytest.raises(RuntimeError):
        rclpy.shutdown()
    rclpy.try_shutdown()  # harmless


def test_on_shutdown_callback(context):
    called = []
    context.on_shutdown(lambda: called.append(True))
    rclpy.shutdown()
    assert called == [True]


def test_remove_ros_args():
    assert rclpy.remove_ros_args(['prog', '--ros-args', '-p', 'x:=1', '--', 'rest']) == ['prog', 'rest']


def test_node_as_context_manager(context):
    with rclpy.create_node('scoped', context=context) as node:
        assert node.get_name() == 'scoped'
    assert node.handle_or_none() is None


_LOGGING_CHILD = textwrap.dedent('''
    import rclpy
    from rclpy.signals import SignalHandlerOptions
    rclpy.init(args=['child'], signal_handler_options=SignalHandlerOptions.NO)
    node = rclpy.create_node('log_child')
    for i in range(3):
        node.get_logger().info(f'repeated {i}', once=True)
    node.get_logger().info('plain message')
    node.get_logger().warning('a warning')
    node.get_logger().debug('hidden debug')
    rclpy.logging.get_logger('named.child').error('from a named logger')
    node.destroy_node()
    rclpy.shutdown()
''')


def test_logging_output_format():
    done = run_python(_LOGGING_CHILD)
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    stamp = r'\[\d+\.\d{9}\]'
    assert re.search(r'^\[INFO\] ' + stamp + r' \[log_child\]: plain message$', output, re.M), output
    assert re.search(r'^\[WARN\] ' + stamp + r' \[log_child\]: a warning$', output, re.M), output
    assert re.search(r'^\[ERROR\] ' + stamp + r' \[named\.child\]: from a named logger$', output, re.M), output
    assert 'hidden debug' not in output
    assert output.count('repeated') == 1 and 'repeated 0' in output


def test_logger_levels(node):
    from rclpy.logging import LoggingSeverity
    logger = node.get_logger()
    assert logger.get_effective_level() == LoggingSeverity.INFO
    assert not logger.debug('not shown')
    logger.set_level(LoggingSeverity.DEBUG)
    assert logger.is_enabled_for(LoggingSeverity.DEBUG)
    logger.set_level(LoggingSeverity.INFO)
    assert logger.info('shown')
    assert [logger.info('only once', once=True) for _ in range(2)] == [True, False]
    child = logger.get_child('sub')
    assert child.name == logger.name + '.sub'


def test_skip_first_and_throttle(node):
    logger = node.get_logger()
    results = [logger.info('skipped first', skip_first=True) for _ in range(3)]
    assert results == [False, True, True]
    throttled = [logger.info('throttled', throttle_duration_sec=3600) for _ in range(3)]
    assert throttled == [True, False, False]


_TWO_CONTEXTS_CHILD = textwrap.dedent('''
    import gc
    import rclpy
    from example_interfaces.srv import AddTwoInts
    from rclpy.context import Context
    from rclpy.executors import SingleThreadedExecutor
    from rclpy.signals import SignalHandlerOptions

    def add(request, response):
        response.sum = request.a + request.b
        return response

    first = Context()
    first.init(['first'], signal_handler_options=SignalHandlerOptions.NO)
    first_node = rclpy.create_node('first', context=first)  # its participant makes the DDS domain
    second = Context()
    second.init(['second'], signal_handler_options=SignalHandlerOptions.NO)
    node = rclpy.create_node('second', context=second)
    first_node.destroy_node()
    first.shutdown()
    del first_node, first
    gc.collect()  # the first context goes while the second lives on
    node.create_service(AddTwoInts, '/two_contexts/add', add)
    client = node.create_client(AddTwoInts, '/two_contexts/add')
    assert client.wait_for_service(timeout_sec=20)
    executor = SingleThreadedExecutor(context=second)
    executor.add_node(node)
    future = client.call_async(AddTwoInts.Request(a=1, b=2))
    executor.spin_until_future_complete(future, timeout_sec=20)
    assert future.result().sum == 3
    print('second context works')
''')


def test_a_context_outlives_an_earlier_one_on_the_same_domain():
    done = run_python(_TWO_CONTEXTS_CHILD)  # a child: the failure may abort the interpreter
    assert done.returncode == 0 and 'second context works' in done.stdout, done.stdout + done.stderr


def test_relative_namespace_gets_a_leading_slash(make_node):
    assert make_node('relative', namespace='ns').get_namespace() == '/ns'


def test_wait_for_service_returns_false_after_shutdown(context, node, unique):
    from std_srvs.srv import Empty
    client = node.create_client(Empty, unique('none'))
    rclpy.shutdown(context=context)
    assert not client.wait_for_service(timeout_sec=PATIENCE_SEC)
