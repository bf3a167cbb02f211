"""Logging (rclpy.logging): named loggers and their levels."""
import _rclite

from rclpy.impl.logging_severity import LoggingSeverity
from rclpy.impl.rcutils_logger import RcutilsLogger

__all__ = ['LoggingSeverity', 'RcutilsLogger', 'get_logger', 'set_logger_level', 'get_logger_effective_level']


def get_logger(name: str) -> RcutilsLogger:
    """The logger `name`."""
    if not name:
        raise ValueError('Logger name must not be empty.')
    return RcutilsLogger(name)


def set_logger_level(name: str, level, detailed_error: bool = False) -> None:
    """Set `name`'s level (a LoggingSeverity)."""
    _rclite.set_logger_level(name, _rclite.Severity(int(LoggingSeverity(level))))


def get_logger_effective_level(name: str) -> LoggingSeverity:
    """The level `name` logs at (its own, an ancestor's or the default)."""
    return LoggingSeverity(int(_rclite.get_logger_effective_level(name)))


def initialize() -> None:
    """rclpy initializes logging in rclpy.init; rclite's logging needs nothing."""


def shutdown() -> None:
    """Nothing to release."""


def get_logging_directory() -> str:
    raise NotImplementedError('rclpy.logging.get_logging_directory(): rclite logs to the console and /rosout only')
