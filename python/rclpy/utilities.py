"""The default context and argument helpers (rclpy.utilities)."""
import sys
from typing import List, Optional

from rclpy.context import Context

_default_context = Context()


def get_default_context(*, shutting_down: bool = False) -> Context:
    """The context used when none is given."""
    return _default_context


def ok(*, context: Optional[Context] = None) -> bool:
    """True while `context` (the default one when None) is initialized and not shut down."""
    context = get_default_context() if context is None else context
    return context.ok()


def try_shutdown(*, context: Optional[Context] = None) -> None:
    """Shut `context` down unless it already is."""
    context = get_default_context() if context is None else context
    context.try_shutdown()


def remove_ros_args(args: Optional[List[str]] = None) -> List[str]:
    """`args` (sys.argv when None) without the ROS arguments (--ros-args ... [--])."""
    import _rclite
    return _rclite.remove_ros_arguments(list(sys.argv if args is None else args))


def get_rmw_implementation_identifier() -> str:
    """The middleware rclite speaks: the identifier of ROS 2's Cyclone DDS layer."""
    return 'rmw_cyclonedds_cpp'
