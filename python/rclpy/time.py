"""Points in time (rclpy.time)."""
import builtin_interfaces.msg

from rclpy.clock_type import ClockType
from rclpy.duration import Duration

CONVERSION_CONSTANT = 10 ** 9


class Time:
    """Nanoseconds since the epoch of a clock type."""

    def __init__(self, *, seconds=0, nanoseconds: int = 0, clock_type: ClockType = ClockType.SYSTEM_TIME) -> None:
        if not isinstance(clock_type, ClockType):
            raise TypeError('Clock type must be a ClockType enum')
        if seconds < 0:
            raise ValueError('Seconds value must not be negative')
        if nanoseconds < 0:
            raise ValueError('Nanoseconds value must not be negative')
        total = int(seconds * CONVERSION_CONSTANT) + int(nanoseconds)
        if total >= 2**63:
            raise OverflowError('Total nanoseconds value is too large to store in C time point.')
        self._nanoseconds = total
        self._clock_type = clock_type

    @property
    def nanoseconds(self) -> int:
        return self._nanoseconds

    @property
    def clock_type(self) -> ClockType:
        return self._clock_type

    def seconds_nanoseconds(self):
        return divmod(self._nanoseconds, CONVERSION_CONSTANT)

    def __repr__(self) -> str:
        return f'Time(nanoseconds={self._nanoseconds}, clock_type={self._clock_type.name})'

    def __add__(self, other):
        if isinstance(other, Duration):
            return Time(nanoseconds=self._nanoseconds + other.nanoseconds, clock_type=self._clock_type)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, Time):
            if other.clock_type != self._clock_type:
                raise TypeError("Can't subtract times with different clock types")
            return Duration(nanoseconds=self._nanoseconds - other.nanoseconds)
        if isinstance(other, Duration):
            return Time(nanoseconds=self._nanoseconds - other.nanoseconds, clock_type=self._clock_type)
        return NotImplemented

    def _compare(self, other):
        if not isinstance(other, Time):
            raise TypeError("Can't compare time with object of type: ", type(other))
        if other.clock_type != self._clock_type:
            raise TypeError("Can't compare times with different clock types")
        return self._nanoseconds - other.nanoseconds

    def __eq__(self, other) -> bool:
        return self._compare(other) == 0

    def __ne__(self, other) -> bool:
        return self._compare(other) != 0

    def __lt__(self, other) -> bool:
        return self._compare(other) < 0

    def __le__(self, other) -> bool:
        return self._compare(other) <= 0

    def __gt__(self, other) -> bool:
        return self._compare(other) > 0

    def __ge__(self, other) -> bool:
        return self._compare(other) >= 0

    def __hash__(self) -> int:
        return hash((self._nanoseconds, self._clock_type))

    def to_msg(self) -> builtin_interfaces.msg.Time:
        seconds, nanoseconds = self.seconds_nanoseconds()
        return builtin_interfaces.msg.Time(sec=seconds, nanosec=nanoseconds)

    @classmethod
    def from_msg(cls, msg, clock_type: ClockType = ClockType.ROS_TIME) -> 'Time':
        return cls(seconds=msg.sec, nanoseconds=msg.nanosec, clock_type=clock_type)
