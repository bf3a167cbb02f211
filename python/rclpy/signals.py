"""Which signal handlers rclpy.init installs (rclpy.signals)."""
from enum import IntEnum


class SignalHandlerOptions(IntEnum):
    """rclpy's options; rclite installs SIGINT and SIGTERM together (ALL) or none (NO)."""

    NO = 0
    SIGINT = 1
    SIGTERM = 2
    ALL = 3
