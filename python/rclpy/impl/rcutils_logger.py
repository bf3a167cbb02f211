"""Named loggers (rclpy.impl.rcutils_logger) over rclite's logging: same console format, /rosout."""
import inspect
import threading
import time

import _rclite

from rclpy.impl.logging_severity import LoggingSeverity


class RcutilsLogger:
    """rclpy's logger: `node.get_logger().info('...')`, with once / skip_first / throttle_duration_sec."""

    def __init__(self, name: str = '', *, core=None) -> None:
        self._core = core if core is not None else _rclite.Logger(name)
        self.name = self._core.name
        self._lock = threading.Lock()
        self._seen = {}  # call site -> (calls, last time logged)

    def get_child(self, name: str) -> 'RcutilsLogger':
        if not name:
            raise ValueError('Child logger name must not be empty.')
        return RcutilsLogger(core=self._core.get_child(name))

    def set_level(self, level) -> None:
        _rclite.set_logger_level(self.name, _rclite.Severity(int(LoggingSeverity(level))))

    def get_effective_level(self) -> LoggingSeverity:
        return LoggingSeverity(int(_rclite.get_logger_effective_level(self.name)))

    def is_enabled_for(self, severity) -> bool:
        return self._core.is_enabled_for(_rclite.Severity(int(LoggingSeverity(severity))))

    def log(self, message, severity, **kwargs) -> bool:
        """Log `message` at `severity`; True when it was written."""
        severity = LoggingSeverity(severity)
        unsupported = set(kwargs) - {'once', 'skip_first', 'throttle_duration_sec', 'throttle_time_source_type',
                                     'name'}
        if unsupported:
            raise TypeError('unexpected logging arguments: ' + ', '.join(sorted(unsupported)))
        frame = inspect.currentframe().f_back
        while frame is not None and frame.f_code.co_filename == __file__:
            frame = frame.f_back
        if not self._should_log(frame, kwargs):
            return False
        if not self._core.is_enabled_for(_rclite.Severity(int(severity))):
            return False
        file, function, line = ('', '', 0) if frame is None else \
            (frame.f_code.co_filename, frame.f_code.co_name, frame.f_lineno)
        self._core.log(_rclite.Severity(int(severity)), str(message), file, function, line)
        return True

    def _should_log(self, frame, kwargs) -> bool:
        if not kwargs:
            return True
        site = None if frame is None else (frame.f_code.co_filename, frame.f_lineno)
        with self._lock:
            calls, last = self._seen.get(site, (0, None))
            calls += 1
            now = time.monotonic()
            allowed = True
            if kwargs.get('once') and calls > 1:
                allowed = False
            if kwargs.get('skip_first') and calls == 1:
                allowed = False
            throttle = kwargs.get('throttle_duration_sec')
            if allowed and throttle is not None and last is not None and now - last < throttle:
                allowed = False
            self._seen[site] = (calls, now if allowed else last)
        return allowed

    def debug(self, message, **kwargs) -> bool:
        return self.log(message, LoggingSeverity.DEBUG, **kwargs)

    def info(self, message, **kwargs) -> bool:
        return self.log(message, LoggingSeverity.INFO, **kwargs)

    def warning(self, message, **kwargs) -> bool:
        return self.log(message, LoggingSeverity.WARN, **kwargs)

    warn = warning

    def error(self, message, **kwargs) -> bool:
        return self.log(message, LoggingSeverity.ERROR, **kwargs)

    def fatal(self, message, **kwargs) -> bool:
        return self.log(message, LoggingSeverity.FATAL, **kwargs)
