"""Parameters (rclpy.parameter, Node's parameter API), as rclpy's test_parameter.py / test_node.py use them."""
import os
import subprocess
import threading

import pytest
from conftest import PATIENCE_SEC, executable
from rcl_interfaces.msg import ParameterDescriptor, SetParametersResult

import rclpy
from rclpy.exceptions import (ParameterAlreadyDeclaredException, ParameterImmutableException,
                              ParameterNotDeclaredException)
from rclpy.executors import SingleThreadedExecutor
from rclpy.parameter import Parameter
from rclpy.signals import SignalHandlerOptions


def test_declare_get_set_has(node):
    assert not node.has_parameter('speed')
    declared = node.declare_parameter('speed', 1.5)
    assert declared.value == 1.5 and declared.type_ == Parameter.Type.DOUBLE
    assert node.has_parameter('speed')
    assert node.get_parameter('speed').value == 1.5
    results = node.set_parameters([Parameter('speed', value=2.5)])
    assert results[0].successful
    assert node.get_parameter('speed').value == 2.5


def test_parameter_types_round_trip(node):
    values = {'b': True, 'i': -3, 'd': 0.25, 's': 'text', 'ia': [1, 2, 3], 'da': [0.5, 1.5],
              'sa': ['x', 'y'], 'ba': [True, False]}
    for name, value in values.items():
        node.declare_parameter(name, value)
    for name, value in values.items():
        assert list(node.get_parameter(name).value) == value if isinstance(value, list) else \
            node.get_parameter(name).value == value


def test_declare_twice_and_undeclared_access_raise(node):
    node.declare_parameter('once', 1)
    with pytest.raises(ParameterAlreadyDeclaredException):
        node.declare_parameter('once', 2)
    with pytest.raises(ParameterNotDeclaredException):
        node.get_parameter('never')
    assert node.get_parameter_or('never', Parameter('never', value=7)).value == 7


def test_wrong_type_and_read_only_are_rejected(node):
    node.declare_parameter('count', 1)
    results = node.set_parameters([Parameter('count', value='one')])
    assert not results[0].successful
    assert node.get_parameter('count').value == 1
    node.declare_parameter('fixed', 5, ParameterDescriptor(read_only=True))
    result = node.set_parameters([Parameter('fixed', value=6)])[0]
    assert not result.successful
    assert node.get_parameter('fixed').value == 5


def test_on_set_parameters_callback_rejects(node):
    node.declare_parameter('limit', 10)
    seen = []

    def validate(parameters):
        seen.extend(parameters)
        ok = all(p.value <= 100 for p in parameters if p.name == 'limit')
        return SetParametersResult(successful=ok, reason='' if ok else 'limit must be <= 100')

    node.add_on_set_parameters_callback(validate)
    assert node.set_parameters([Parameter('limit', value=50)])[0].successful
    rejected = node.set_parameters([Parameter('limit', value=500)])[0]
    assert not rejected.successful and 'limit must be <= 100' in rejected.reason
    assert node.get_parameter('limit').value == 50
    assert [p.value for p in seen] == [50, 500]
    node.remove_on_set_parameters_callback(validate)
    assert node.set_parameters([Parameter('limit', value=500)])[0].successful
    with pytest.raises(ValueError):
        node.remove_on_set_parameters_callback(validate)


def test_set_parameters_atomically(node):
    node.declare_parameters('', [('x', 1), ('y', 2)])
    assert node.set_parameters_atomically([Parameter('x', value=10), Parameter('y', value=20)]).successful
    failed = node.set_parameters_atomically([Parameter('x', value=11), Parameter('y', value='bad')])
    assert not failed.successful
    assert [p.value for p in node.get_parameters(['x', 'y'])] == [10, 20]


def test_parameters_by_prefix_and_declare_parameters(node):
    node.declare_parameters('motor', [('left', 1), ('right', 2)])
    assert {k: p.value for k, p in node.get_parameters_by_prefix('motor').items()} == {'left': 1, 'right': 2}


def test_parameter_overrides(make_node):
    node = make_node('overridden', parameter_overrides=[Parameter('gain', value=3.0)])
    assert node.declare_parameter('gain', 1.0).value == 3.0
    ignored = make_node('ignored', parameter_overrides=[Parameter('gain', value=3.0)])
    assert ignored.declare_parameter('gain', 1.0, ignore_override=True).value == 1.0


def test_automatically_declare_parameters_from_overrides(make_node):
    node = make_node('auto', parameter_overrides=[Parameter('p', value='v')],
                     automatically_declare_parameters_from_overrides=True)
    assert node.has_parameter('p') and node.get_parameter('p').value == 'v'


def test_allow_undeclared_parameters(make_node):
    node = make_node('lenient', allow_undeclared_parameters=True)
    assert node.set_parameters([Parameter('free', value=4)])[0].successful
    assert node.get_parameter('free').value == 4


def test_ros_args_parameter_through_init():
    rclpy.init(args=['prog', '--ros-args', '-p', 'x:=3', '-p', 'name:=hello'],
               signal_handler_options=SignalHandlerOptions.NO)
    try:
        node = rclpy.create_node('from_args')
        try:
            assert node.declare_parameter('x', 0).value == 3
            assert node.declare_parameter('name', '').value == 'hello'
        finally:
            node.destroy_node()
    finally:
        rclpy.shutdown()


def test_node_cli_args_parameter(make_node):
    node = make_node('cli', cli_args=['-p', 'depth:=7'])
    assert node.declare_parameter('depth', 1).value == 7


def test_parameter_class():
    assert Parameter('a', value=1).type_ == Parameter.Type.INTEGER
    assert Parameter('a', value=[1.0]).type_ == Parameter.Type.DOUBLE_ARRAY
    assert Parameter('a').type_ == Parameter.Type.NOT_SET
    with pytest.raises(ValueError):
        Parameter('a', Parameter.Type.INTEGER, 'not an int')
    with pytest.raises(TypeError):
        Parameter('a', value=object())
    message = Parameter('a', value='s').to_parameter_msg()
    assert Parameter.from_parameter_msg(message) == Parameter('a', value='s')


def test_undeclare_and_immutable(node):
    # rclite undeclares only dynamically typed parameters (rclcpp's rule; rclpy has none)
    node.declare_parameter('temporary', 1, ParameterDescriptor(dynamic_typing=True))
    node.undeclare_parameter('temporary')
    assert not node.has_parameter('temporary')
    node.declare_parameter('constant', 1, ParameterDescriptor(read_only=True))
    with pytest.raises(ParameterImmutableException):
        node.undeclare_parameter('constant')


def test_declare_with_a_type_is_not_implemented(node):
    with pytest.raises(NotImplementedError, match='declare_parameter'):
        node.declare_parameter('typed', Parameter.Type.INTEGER)


def test_dynamic_typing_descriptor(node):
    node.declare_parameter('any', 1, ParameterDescriptor(dynamic_typing=True))
    assert node.set_parameters([Parameter('any', value='now a string')])[0].successful
    assert node.get_parameter('any').value == 'now a string'


def test_parameter_set_from_outside_with_the_cli(context, make_node):
    cli = executable('rclite', 'RCLITE_CLI')
    node = make_node('tunable')
    node.declare_parameter('gain', 1)
    node.declare_parameter('mode', 'slow')
    executor = SingleThreadedExecutor(context=context)
    executor.add_node(node)
    thread = threading.Thread(target=executor.spin)
    thread.start()
    try:
        for name, text, expected in (('gain', '42', 42), ('mode', 'fast', 'fast')):
            done = subprocess.run([cli, 'param', 'set', '/tunable', name, text], capture_output=True, text=True,
                                  timeout=PATIENCE_SEC, env=dict(os.environ))
            assert done.returncode == 0, done.stdout + done.stderr
            assert 'Set parameter successful' in done.stdout
            assert node.get_parameter(name).value == expected
        got = subprocess.run([cli, 'param', 'get', '/tunable', 'gain'], capture_output=True, text=True,
                             timeout=PATIENCE_SEC, env=dict(os.environ))
        assert '42' in got.stdout, got.stdout + got.stderr
    finally:
        executor.shutdown()
        thread.join(PATIENCE_SEC)
