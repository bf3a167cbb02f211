"""Timers (rclpy.timer)."""
import _rclite

from rclpy.clock_type import ClockType


class Timer:
    """Calls `callback()` every timer_period_ns on the node's clock (or a steady/system clock)."""

    def __init__(self, node, callback, callback_group, timer_period_ns: int, clock, autostart: bool = True) -> None:
        self.callback = callback
        self.callback_group = callback_group
        self._clock = clock
        steady = clock is not None and clock.clock_type != ClockType.ROS_TIME
        group = callback_group._for_node(node) if callback_group is not None else None
        self._core = _rclite.Timer(node.handle, int(timer_period_ns), self._call, group, autostart, steady)

    def _call(self) -> None:
        self.callback()

    @property
    def clock(self):
        return self._clock

    @property
    def timer_period_ns(self) -> int:
        return self._core.period_ns

    def cancel(self) -> None:
        self._core.cancel()

    def reset(self) -> None:
        self._core.reset()

    def is_canceled(self) -> bool:
        return self._core.is_canceled()

    def is_ready(self) -> bool:
        return self._core.is_ready()

    def time_until_next_call(self):
        """Nanoseconds until the next call; None when canceled."""
        return self._core.time_until_next_call_ns()

    def time_since_last_call(self) -> int:
        raise NotImplementedError('Timer.time_since_last_call() is not available in rclite')

    def destroy(self) -> None:
        self._core.destroy()
