"""Processes and environments for `make interop`: rclite's programs and real ROS 2's side by side.

Every process gets the same DDS settings: rmw_cyclonedds_cpp, discovery on this host only
(LOCALHOST; ROS_LOCALHOST_ONLY=1 for Humble, which predates the range), and a domain of the run's
own, so that nothing leaves loopback and nothing else on the machine joins.
"""
import difflib
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / 'build' / 'bin'
PEERS = ROOT / 'interop' / 'peers'
PYTHON = '/usr/bin/python3'  # Debian's: the interpreter ROS 2 was built for, not the one first on PATH
PATIENCE = 30.0  # seconds; only a real failure waits this long


class CheckFailed(Exception):
    """A check's expectation did not hold; the message says what was seen."""


def dds_environment(distro, domain):
    env = dict(os.environ)
    env.update(RMW_IMPLEMENTATION='rmw_cyclonedds_cpp', ROS_AUTOMATIC_DISCOVERY_RANGE='LOCALHOST',
               ROS_DOMAIN_ID=str(domain), PYTHONUNBUFFERED='1')
    if distro == 'humble':
        env['ROS_LOCALHOST_ONLY'] = '1'
    else:
        env.pop('ROS_LOCALHOST_ONLY', None)  # deprecated since Jazzy, and it would override the range
    for name in ('ROS_SECURITY_KEYSTORE', 'ROS_SECURITY_ENABLE', 'ROS_SECURITY_STRATEGY', 'ROS_SECURITY_ENCLAVE_OVERRIDE'):
        env.pop(name, None)  # the security checks set them where they mean to
    return env


class Peer:
    """A program running for the length of a check; its stdout and stderr read as they come."""

    def __init__(self, argv, env):
        self.argv = [str(a) for a in argv]
        self._lines = []
        self._changed = threading.Condition()
        self.process = subprocess.Popen(self.argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, text=True, errors='replace', start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.process.stdout:
            with self._changed:
                self._lines.append(line.rstrip('\n'))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def output(self):
        with self._changed:
            return '\n'.join(self._lines)

    def wait_for(self, text, timeout=PATIENCE):
        """Waits until a line contains `text`; fails with the output so far if the program ends first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                if any(text in line for line in self._lines):
                    return
                if self.process.poll() is not None and not self._reader.is_alive():
                    raise CheckFailed(f'{self.name} ended (exit {self.process.returncode}) before printing '
                                      f'{text!r}: {self.tail()}')
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CheckFailed(f'{self.name} did not print {text!r} within {timeout:.0f} s: {self.tail()}')
                self._changed.wait(min(left, 0.5))

    def wait_exit(self, timeout=PATIENCE):
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise CheckFailed(f'{self.name} still running after {timeout:.0f} s: {self.tail()}') from None

    def tail(self, lines=6):
        with self._changed:
            return ' | '.join(self._lines[-lines:]) or '(no output)'

    @property
    def name(self):
        return Path(self.argv[0]).name if self.argv[0] != PYTHON else Path(self.argv[1]).name

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        """Ctrl-C, as a user would; SIGKILL if that is not enough."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._reader.join(5)


class Peers:
    """Starts programs for one check and stops them all when it ends, whatever happened."""

    def __init__(self, env):
        self.env = env
        self._running = []

    def start(self, argv, env=None, ready=None):
        peer = Peer(argv, env or self.env)
        self._running.append(peer)
        if ready:
            peer.wait_for(ready)
        return peer

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for peer in reversed(self._running):
            peer.stop()


def run(argv, env, timeout=PATIENCE * 2):
    """Runs a command to its end: (exit code, stdout, stderr)."""
    try:
        done = subprocess.run([str(a) for a in argv], env=env, capture_output=True, text=True, errors='replace',
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f'`{" ".join(map(str, argv))}` did not end within {timeout:.0f} s') from None
    return done.returncode, done.stdout, done.stderr


def expect_success(argv, env, contains=None, timeout=PATIENCE * 2):
    code, out, err = run(argv, env, timeout)
    if code != 0 or (contains and contains not in out + err):  # loggers write to stderr
        raise CheckFailed(f'`{shown(argv)}` exited {code}' + (f', expected {contains!r} in its output' if contains else '')
                          + f': {clip(out + err)}')
    return out


CYCLONE_LOG_LINE = re.compile(r'^\d+\.\d+ \[\d+\] .*\n?', re.M)  # Cyclone's own: "<time> [<domain>] <thread>: ..."


def same_output(ros2_argv, rclite_argv, env, normalize=lambda text: text, attempts=3):
    """Runs ros2's command and rclite's twin; both streams and the exit code must be equal.

    Discovery on a graph that just started may still be under way for one of the two: a
    difference is tried again (at most `attempts` times) before it counts.
    """
    # Cyclone writes some warnings itself (Humble's ros2 on a loopback without multicast: "selected
    # interface "lo" is not multicast-capable"): they are the DDS library's, not the tools' output.
    for attempt in range(attempts):
        ours = run(rclite_argv, env)
        theirs = run(ros2_argv, env)
        ours = (ours[0], normalize(ours[1]), normalize(CYCLONE_LOG_LINE.sub('', ours[2])))
        theirs = (theirs[0], normalize(theirs[1]), normalize(CYCLONE_LOG_LINE.sub('', theirs[2])))
        if ours == theirs:
            return f'equal ({len(theirs[1].splitlines())} lines, exit {theirs[0]})'
        time.sleep(1.0)
    parts = []
    if ours[0] != theirs[0]:
        parts.append(f'exit {ours[0]} (rclite) vs {theirs[0]} (ros2)')
    for label, index in (('stdout', 1), ('stderr', 2)):
        if ours[index] != theirs[index]:
            diff = difflib.unified_diff(theirs[index].splitlines(), ours[index].splitlines(), 'ros2', 'rclite', lineterm='', n=1)
            parts.append(f'{label}: ' + clip(' / '.join(list(diff)[2:]), 600))
    raise CheckFailed('; '.join(parts))


def shown(argv):
    return ' '.join(Path(a).name if i == 0 else a for i, a in enumerate(map(str, argv)))


def clip(text, limit=400):
    text = ' '.join(text.split())
    return text if len(text) <= limit else text[:limit] + ' ...'
