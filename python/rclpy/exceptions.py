"""rclpy's exceptions (rclpy.exceptions), the parameter ones raised by rclite's C++ core."""
import _rclite

ParameterException = _rclite.ParameterException
ParameterNotDeclaredException = _rclite.ParameterNotDeclaredException
ParameterAlreadyDeclaredException = _rclite.ParameterAlreadyDeclaredException
InvalidParameterTypeException = _rclite.InvalidParameterTypeException
InvalidParameterValueException = _rclite.InvalidParameterValueException
ParameterImmutableException = _rclite.ParameterImmutableException
ParameterUninitializedException = _rclite.ParameterUninitializedException
InvalidParameterException = _rclite.InvalidParametersException

# A service call's end other than its reply (rclite's guarantees: no call waits forever).
ServiceError = _rclite.ServiceError
ServiceTimeoutError = _rclite.ServiceTimeoutError
ServiceUnavailableError = _rclite.ServiceUnavailableError
RequestCancelledError = _rclite.RequestCancelledError
ShutdownError = _rclite.ShutdownError
MalformedResponseError = _rclite.MalformedResponseError


class NotInitializedException(Exception):
    """Raised when the context is used before rclpy.init()."""

    def __init__(self, *args):
        super().__init__('rclpy.init() has not been called', *args)


class InvalidHandle(Exception):
    """Raised when a destroyed entity is used."""


class ROSInterruptException(Exception):
    """Raised when a wait is interrupted by shutdown."""
