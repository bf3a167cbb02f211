"""The context: one initialized ROS instance (rclpy.context)."""
import sys
import threading
from typing import Callable, List, Optional

import _rclite


class Context:
    """rclpy's Context over rclite's: the DDS participant, the ROS arguments, shutdown."""

    def __init__(self) -> None:
        self.__lock = threading.Lock()
        self.__handle: Optional[_rclite.Context] = None
        self.__callbacks: List[Callable[[], None]] = []
        self.__shutdown_by_user = False

    @property
    def handle(self) -> _rclite.Context:
        """The C++ context; raises if not initialized."""
        if self.__handle is None:
            raise RuntimeError('Context must be initialized before it can be used')
        return self.__handle

    def init(self, args: Optional[List[str]] = None, *, initialize_logging: bool = True,
             domain_id: Optional[int] = None, signal_handler_options=None) -> None:
        """Parse `args` (sys.argv when None) and start the context."""
        from rclpy.signals import SignalHandlerOptions
        if domain_id is not None:
            raise NotImplementedError('rclpy.init(domain_id=...): set ROS_DOMAIN_ID instead with rclite')
        with self.__lock:
            if self.__handle is not None and self.__handle.ok():
                raise RuntimeError('Context.init() must only be called once')
            install = signal_handler_options is None or signal_handler_options != SignalHandlerOptions.NO
            argv = list(sys.argv if args is None else args)
            if not argv or argv[0].startswith('-'):
                argv.insert(0, sys.argv[0] if sys.argv and sys.argv[0] else 'python3')
            self.__handle = _rclite.Context(argv, install)
            self.__shutdown_by_user = False

    def ok(self) -> bool:
        """True while initialized and not shut down."""
        with self.__lock:
            return self.__handle is not None and self.__handle.ok()

    def shutdown(self) -> None:
        """Shut down; raises RuntimeError when not initialized or already shut down."""
        with self.__lock:
            if self.__handle is None:
                raise RuntimeError('Context must be initialized before it can be shutdown')
            if not self.__handle.ok():
                raise RuntimeError('failed to shutdown: rcl_shutdown already called on the given context')
            self.__shutdown_by_user = True
            self.__handle.shutdown()
        self._call_on_shutdown()

    def try_shutdown(self) -> None:
        """Shut down unless already shut down (or never initialized)."""
        with self.__lock:
            if self.__handle is None or not self.__handle.ok():
                return
            self.__shutdown_by_user = True
            self.__handle.shutdown()
        self._call_on_shutdown()

    def on_shutdown(self, callback: Callable[[], None]) -> None:
        """Call `callback` when this context is shut down through it."""
        with self.__lock:
            self.__callbacks.append(callback)

    def _call_on_shutdown(self) -> None:
        with self.__lock:
            callbacks, self.__callbacks = self.__callbacks, []
        for callback in callbacks:
            callback()

    def get_domain_id(self) -> int:
        """The DDS domain (ROS_DOMAIN_ID)."""
        return self.handle.domain_id

    def __enter__(self) -> 'Context':
        self.init()
        return self

    def __exit__(self, *exc) -> None:
        self.try_shutdown()
