"""rclpy on rclite: the ROS 2 client library's Python API over rclite's C++ core, without ROS.

The functions here are rclpy's module-level ones (init, shutdown, ok, spin, spin_once,
spin_until_future_complete, create_node, ...). Nodes, executors, futures and the rest live in the
submodules, named as in rclpy. What rclpy has and rclite does not yet raises NotImplementedError
naming it.
"""
from typing import List, Optional, TYPE_CHECKING

import rclpy.logging  # noqa: F401 - rclpy.logging.get_logger() works after `import rclpy`, as in rclpy
from rclpy.context import Context
from rclpy.signals import SignalHandlerOptions
from rclpy.utilities import get_default_context, ok, remove_ros_args, try_shutdown as _try_shutdown_utility

if TYPE_CHECKING:
    from rclpy.node import Node

__all__ = ['init', 'shutdown', 'try_shutdown', 'ok', 'spin', 'spin_once', 'spin_until_future_complete',
           'create_node', 'get_global_executor', 'get_default_context', 'remove_ros_args']

__executor = None


def init(*, args: Optional[List[str]] = None, context: Optional[Context] = None,
         domain_id: Optional[int] = None,
         signal_handler_options: Optional[SignalHandlerOptions] = None) -> None:
    """Initialize ROS communications for `context` (the default one when None)."""
    context = get_default_context() if context is None else context
    context.init(args, domain_id=domain_id, signal_handler_options=signal_handler_options)


def shutdown(*, context: Optional[Context] = None, uninstall_handlers: Optional[bool] = None) -> None:
    """Shut `context` down (the default one when None); raises if it already was.

    As in rclpy, the global executor is shut down with the default context, so that a spin() on it
    (`rclpy.spin(node)`) returns normally, also when shutdown() is called from one of its callbacks.
    """
    context = get_default_context() if context is None else context
    executor = _stopping_global_executor(context)
    try:
        context.shutdown()
    finally:
        _release_global_executor(executor)


def try_shutdown(*, context: Optional[Context] = None, uninstall_handlers: Optional[bool] = None) -> None:
    """Shut `context` down unless it already is."""
    context = get_default_context() if context is None else context
    executor = _stopping_global_executor(context)
    try:
        _try_shutdown_utility(context=context)
    finally:
        _release_global_executor(executor)


def _stopping_global_executor(context: Context):
    # Marked before the context goes, so that its spin ends as a shutdown of its own (returns),
    # not as an external one (ExternalShutdownException).
    if context is not get_default_context() or __executor is None:
        return None
    __executor._is_shutdown = True
    return __executor


def _release_global_executor(executor) -> None:
    global __executor
    if executor is None:
        return
    executor.shutdown()
    if __executor is executor:
        __executor = None


def get_global_executor():
    """The executor spin(), spin_once() and spin_until_future_complete() use by default."""
    global __executor
    if __executor is None:
        from rclpy.executors import SingleThreadedExecutor
        __executor = SingleThreadedExecutor()
    return __executor


def create_node(node_name: str, *, context: Optional[Context] = None, cli_args: Optional[List[str]] = None,
                namespace: Optional[str] = None, use_global_arguments: bool = True,
                enable_rosout: bool = True, start_parameter_services: bool = True,
                parameter_overrides=None, allow_undeclared_parameters: bool = False,
                automatically_declare_parameters_from_overrides: bool = False) -> 'Node':
    """A node (rclpy.node.Node) with these options."""
    from rclpy.node import Node
    return Node(node_name, context=context, cli_args=cli_args, namespace=namespace,
                use_global_arguments=use_global_arguments, enable_rosout=enable_rosout,
                start_parameter_services=start_parameter_services, parameter_overrides=parameter_overrides,
                allow_undeclared_parameters=allow_undeclared_parameters,
                automatically_declare_parameters_from_overrides=automatically_declare_parameters_from_overrides)


def spin_once(node: 'Node', *, executor=None, timeout_sec: Optional[float] = None) -> None:
    """Run one callback of `node` (waiting up to timeout_sec for one; None: forever)."""
    executor = get_global_executor() if executor is None else executor
    try:
        executor.add_node(node)
        executor.spin_once(timeout_sec=timeout_sec)
    finally:
        executor.remove_node(node)


def spin(node: 'Node', executor=None) -> None:
    """Run `node`'s callbacks until the context shuts down (Ctrl-C raises KeyboardInterrupt)."""
    executor = get_global_executor() if executor is None else executor
    try:
        executor.add_node(node)
        executor.spin()
    finally:
        executor.remove_node(node)


def spin_until_future_complete(node: 'Node', future, executor=None, timeout_sec: Optional[float] = None) -> None:
    """Run `node`'s callbacks until `future` is done, the timeout passes or the context shuts down."""
    executor = get_global_executor() if executor is None else executor
    try:
        executor.add_node(node)
        executor.spin_until_future_complete(future, timeout_sec)
    finally:
        executor.remove_node(node)
