"""Clocks (rclpy.clock): system, steady, and a node's ROS clock (simulated time under use_sim_time)."""
import time as _time

from rclpy.clock_type import ClockType
from rclpy.time import Time

__all__ = ['Clock', 'ROSClock', 'ClockType']


class Clock:
    """A clock of `clock_type`; now() reads it."""

    def __init__(self, *, clock_type: ClockType = ClockType.SYSTEM_TIME) -> None:
        if not isinstance(clock_type, ClockType):
            raise TypeError('Clock type must be a ClockType enum')
        if clock_type == ClockType.UNINITIALIZED:
            raise ValueError('Clock type must not be UNINITIALIZED')
        self._clock_type = clock_type

    @property
    def clock_type(self) -> ClockType:
        return self._clock_type

    def __repr__(self) -> str:
        return f'Clock(clock_type={self._clock_type.name})'

    def _now_ns(self) -> int:
        if self._clock_type == ClockType.STEADY_TIME:
            return _time.monotonic_ns()
        return _time.time_ns()

    def now(self) -> Time:
        return Time(nanoseconds=self._now_ns(), clock_type=self._clock_type)

    def sleep_for(self, rel_time, context=None) -> bool:
        """Sleep `rel_time` (a Duration) on this clock; False when ROS shuts down first."""
        return self.sleep_until(self.now() + rel_time, context)

    def sleep_until(self, until: Time, context=None) -> bool:
        """Sleep until `until` on this clock; False when ROS shuts down first."""
        from rclpy.utilities import get_default_context
        context = get_default_context() if context is None else context
        while context.ok():
            left = until.nanoseconds - self._now_ns()
            if left <= 0:
                return True
            _time.sleep(min(left / 1e9, 0.05))  # bounded: shutdown is noticed within 50 ms
        return False

    def create_jump_callback(self, *args, **kwargs):
        raise NotImplementedError('Clock.create_jump_callback() is not available in rclite\'s Python face yet')


class ROSClock(Clock):
    """A node's clock: system time, or /clock while its use_sim_time parameter is true."""

    def __init__(self, node=None) -> None:
        super().__init__(clock_type=ClockType.ROS_TIME)
        self._node = node

    def _now_ns(self) -> int:
        if self._node is None:
            return _time.time_ns()
        return self._node.handle.now_ns()

    @property
    def ros_time_is_active(self) -> bool:
        return self._node is not None and self._node.handle.ros_time_is_active()

    def _set_ros_time_is_active(self, enabled: bool) -> None:
        raise NotImplementedError('ROSClock._set_ros_time_is_active(): set the use_sim_time parameter instead')

