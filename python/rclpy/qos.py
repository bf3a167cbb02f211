"""Quality of service (rclpy.qos): profiles, policies and the presets rclpy offers."""
from enum import Enum, IntEnum
from typing import Optional

from rclpy.duration import Duration


class HistoryPolicy(IntEnum):
    SYSTEM_DEFAULT = 0
    KEEP_LAST = 1
    KEEP_ALL = 2
    UNKNOWN = 3


class ReliabilityPolicy(IntEnum):
    SYSTEM_DEFAULT = 0
    RELIABLE = 1
    BEST_EFFORT = 2
    UNKNOWN = 3
    BEST_AVAILABLE = 4


class DurabilityPolicy(IntEnum):
    SYSTEM_DEFAULT = 0
    TRANSIENT_LOCAL = 1
    VOLATILE = 2
    UNKNOWN = 3
    BEST_AVAILABLE = 4


class LivelinessPolicy(IntEnum):
    SYSTEM_DEFAULT = 0
    AUTOMATIC = 1
    MANUAL_BY_TOPIC = 3
    UNKNOWN = 4
    BEST_AVAILABLE = 5


# rclpy's older names
QoSHistoryPolicy = HistoryPolicy
QoSReliabilityPolicy = ReliabilityPolicy
QoSDurabilityPolicy = DurabilityPolicy
QoSLivelinessPolicy = LivelinessPolicy


class InvalidQoSProfileException(Exception):
    """A QoS profile that cannot be used."""


class QoSProfile:
    """rclpy's QoSProfile: history and depth are required (a depth alone means KEEP_LAST)."""

    def __init__(self, *, history=None, depth: Optional[int] = None, reliability=ReliabilityPolicy.RELIABLE,
                 durability=DurabilityPolicy.VOLATILE, lifespan=None, deadline=None,
                 liveliness=LivelinessPolicy.SYSTEM_DEFAULT, liveliness_lease_duration=None,
                 avoid_ros_namespace_conventions: bool = False) -> None:
        if history is None:
            if depth is None:
                raise InvalidQoSProfileException('QoSProfile needs history and/or depth')
            history = HistoryPolicy.KEEP_LAST
        if history == HistoryPolicy.KEEP_LAST and depth is None:
            raise InvalidQoSProfileException('KEEP_LAST history needs a depth')
        self.history = HistoryPolicy(history)
        self.depth = 0 if depth is None else int(depth)
        self.reliability = ReliabilityPolicy(reliability)
        self.durability = DurabilityPolicy(durability)
        self.lifespan = lifespan if lifespan is not None else Duration()
        self.deadline = deadline if deadline is not None else Duration()
        self.liveliness = LivelinessPolicy(liveliness)
        self.liveliness_lease_duration = liveliness_lease_duration if liveliness_lease_duration is not None \
            else Duration()
        self.avoid_ros_namespace_conventions = avoid_ros_namespace_conventions

    def _to_core(self) -> dict:
        """The form rclite's core takes."""
        profile = {'depth': self.depth if self.depth > 0 else 1}
        if self.history == HistoryPolicy.KEEP_ALL:
            profile['history'] = 'keep_all'
        profile['reliability'] = 'best_effort' if self.reliability == ReliabilityPolicy.BEST_EFFORT else 'reliable'
        profile['durability'] = 'transient_local' if self.durability == DurabilityPolicy.TRANSIENT_LOCAL \
            else 'volatile'
        return profile

    def __eq__(self, other) -> bool:
        if not isinstance(other, QoSProfile):
            return False
        return (self.history, self.depth, self.reliability, self.durability) == \
            (other.history, other.depth, other.reliability, other.durability)

    def __repr__(self) -> str:
        return (f'QoSProfile(history={self.history!r}, depth={self.depth}, reliability={self.reliability!r}, '
                f'durability={self.durability!r})')


def qos_profile_from(value) -> QoSProfile:
    """A QoSProfile from rclpy's accepted forms: a profile or a history depth."""
    if isinstance(value, QoSProfile):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return QoSProfile(depth=value)
    raise TypeError('qos_profile must be a QoSProfile or a history depth (int)')


qos_profile_system_default = QoSProfile(history=HistoryPolicy.SYSTEM_DEFAULT, depth=0,
                                        reliability=ReliabilityPolicy.SYSTEM_DEFAULT,
                                        durability=DurabilityPolicy.SYSTEM_DEFAULT)
qos_profile_sensor_data = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=5,
                                     reliability=ReliabilityPolicy.BEST_EFFORT, durability=DurabilityPolicy.VOLATILE)
qos_profile_services_default = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=10,
                                          reliability=ReliabilityPolicy.RELIABLE,
                                          durability=DurabilityPolicy.VOLATILE)
qos_profile_parameters = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=1000,
                                    reliability=ReliabilityPolicy.RELIABLE, durability=DurabilityPolicy.VOLATILE)
qos_profile_parameter_events = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=1000,
                                          reliability=ReliabilityPolicy.RELIABLE,
                                          durability=DurabilityPolicy.VOLATILE)
qos_profile_rosout_default = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=1000,
                                        reliability=ReliabilityPolicy.RELIABLE,
                                        durability=DurabilityPolicy.TRANSIENT_LOCAL)
qos_profile_action_status_default = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=1,
                                               reliability=ReliabilityPolicy.RELIABLE,
                                               durability=DurabilityPolicy.TRANSIENT_LOCAL)


class QoSPresetProfiles(Enum):
    SYSTEM_DEFAULT = qos_profile_system_default
    SENSOR_DATA = qos_profile_sensor_data
    SERVICES_DEFAULT = qos_profile_services_default
    PARAMETERS = qos_profile_parameters
    PARAMETER_EVENTS = qos_profile_parameter_events
    ACTION_STATUS_DEFAULT = qos_profile_action_status_default
    ROSOUT_DEFAULT = qos_profile_rosout_default

    @classmethod
    def get_from_short_key(cls, name: str) -> QoSProfile:
        return cls[name.upper()].value
