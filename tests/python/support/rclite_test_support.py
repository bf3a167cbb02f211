"""What the Python test suites share: a DDS domain of their own (the scheme of
tests/support/test_context.hpp, so that they never see a test running in parallel, C++ or Python),
and child processes whose output can be waited for."""
import fcntl
import os
import re
import signal
import subprocess
import threading
import time
from typing import List, Optional

_held_locks = []  # the domain's lock lives as long as this process


def lock_free_domain(first: int = 100, count: int = 120, start: Optional[int] = None) -> int:
    """The first DDS domain id of first..first+count-1 whose lock file no other process holds."""
    start = os.getpid() if start is None else start
    for i in range(count):
        domain = first + (start + i) % count
        fd = os.open(f'/tmp/rclite-test-domain-{domain}.lock', os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        _held_locks.append(fd)
        return domain
    return first + start % count


def isolate_process() -> int:
    """Give this process (and its children) a domain of its own, on loopback; returns the id."""
    domain = lock_free_domain()
    os.environ['ROS_DOMAIN_ID'] = str(domain)
    os.environ.pop('ROS_AUTOMATIC_DISCOVERY_RANGE', None)  # rclite's default: LOCALHOST
    os.environ.pop('CYCLONEDDS_URI', None)
    os.environ['PYTHONUNBUFFERED'] = '1'
    return domain


# A backstop for waits on conditions: reached only when something is broken, never a pacing.
PATIENCE_SEC = float(os.environ.get('RCLITE_TEST_PATIENCE_SEC', '60'))


class Child:
    """A child process whose stdout and stderr (merged) are collected as it runs."""

    def __init__(self, argv: List[str], env: Optional[dict] = None) -> None:
        self.argv = argv
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        env=env, text=True, bufsize=1)
        self._output: List[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._changed:
                self._output.append(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._changed:
            return ''.join(self._output)

    def wait_for(self, pattern: str, timeout: float = PATIENCE_SEC) -> re.Match:
        """The first match of `pattern` (multiline) in the output; fails when the process ends first."""
        regex = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                match = regex.search(''.join(self._output))
                if match:
                    return match
                if not self._reader.is_alive():
                    raise AssertionError(f'{self.argv[0]} ended without printing {pattern!r}:\n{self.output_unlocked()}')
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f'{self.argv[0]} did not print {pattern!r}:\n{self.output_unlocked()}')
                self._changed.wait(left)

    def output_unlocked(self) -> str:
        return ''.join(self._output)

    def wait(self, timeout: float = PATIENCE_SEC) -> int:
        """Its exit code, once it exits (and all its output was read)."""
        code = self.process.wait(timeout)
        self._reader.join(timeout)
        return code

    def interrupt(self) -> None:
        """Ctrl-C."""
        self.process.send_signal(signal.SIGINT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.wait()


def run(argv: List[str], timeout: float = PATIENCE_SEC) -> subprocess.CompletedProcess:
    """Run a command to its end; stdout and stderr merged."""
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
