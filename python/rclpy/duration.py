"""Durations (rclpy.duration)."""
import builtin_interfaces.msg


class Duration:
    """A signed span of time in nanoseconds."""

    def __init__(self, *, seconds=0, nanoseconds: int = 0) -> None:
        total = int(seconds * 1e9) + int(nanoseconds)
        if not -2**63 <= total < 2**63:
            raise OverflowError('Total nanoseconds value is too large to store in C duration')
        self._nanoseconds = total

    @property
    def nanoseconds(self) -> int:
        return self._nanoseconds

    def __repr__(self) -> str:
        return f'Duration(nanoseconds={self._nanoseconds})'

    def __str__(self) -> str:
        if self._nanoseconds == 2**63 - 1:
            return 'Infinite'
        return f'{self._nanoseconds / 1e9} seconds'

    def __eq__(self, other) -> bool:
        if isinstance(other, Duration):
            return self._nanoseconds == other._nanoseconds
        raise TypeError("Can't compare duration with object of type: ", type(other))

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __lt__(self, other) -> bool:
        if isinstance(other, Duration):
            return self._nanoseconds < other._nanoseconds
        return NotImplemented

    def __le__(self, other) -> bool:
        if isinstance(other, Duration):
            return self._nanoseconds <= other._nanoseconds
        return NotImplemented

    def __gt__(self, other) -> bool:
        if isinstance(other, Duration):
            return self._nanoseconds > other._nanoseconds
        return NotImplemented

    def __ge__(self, other) -> bool:
        if isinstance(other, Duration):
            return self._nanoseconds >= other._nanoseconds
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._nanoseconds)

    def to_msg(self) -> builtin_interfaces.msg.Duration:
        seconds, nanoseconds = divmod(self._nanoseconds, 10**9)
        return builtin_interfaces.msg.Duration(sec=seconds, nanosec=nanoseconds)

    @classmethod
    def from_msg(cls, msg) -> 'Duration':
        return cls(seconds=msg.sec, nanoseconds=msg.nanosec)

    def get_c_duration(self):
        raise NotImplementedError('Duration.get_c_duration(): rclite has no C duration objects')
