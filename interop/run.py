"""`make interop`: rclite against the ROS 2 installation sourced in this shell.

    source /opt/ros/jazzy/setup.bash && make interop            # every check, report in docs/INTEROP.md
    /usr/bin/python3 interop/run.py --only cli --no-report       # checks whose group or name contains 'cli'

Prints PASS/FAIL per check and writes the distro's section of the report (other distros' sections
are kept). Without a sourced ROS 2 it says so and exits 0: nothing here is part of `make test`.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checks import CHECKS  # noqa: E402
from harness import BIN, PYTHON, ROOT, CheckFailed, clip, dds_environment, run  # noqa: E402


class Context:
    """What the checks share: the distro, the DDS environment, a scratch folder, the rclcpp peers."""

    def __init__(self, distro, domain, scratch):
        self.distro = distro
        self.env = dds_environment(distro, domain)
        self.scratch = scratch
        self.root = ROOT
        self._rclcpp_build = scratch / 'rclcpp'
        self._rclcpp_error = None
        self._rclcpp_built = False

    def rclcpp_program(self, name):
        """The rclcpp peers are built once, on first use, against the sourced installation."""
        if not self._rclcpp_built and self._rclcpp_error is None:
            self._rclcpp_error = self._build_rclcpp()
            self._rclcpp_built = self._rclcpp_error is None
        if self._rclcpp_error:
            raise CheckFailed(f'the rclcpp peers did not build: {self._rclcpp_error}')
        return self._rclcpp_build / f'rclcpp_{name}'

    def _build_rclcpp(self):
        for argv in (['cmake', '-S', ROOT / 'interop' / 'rclcpp', '-B', self._rclcpp_build, '-DCMAKE_BUILD_TYPE=Release',
                      f'-DPython3_EXECUTABLE={PYTHON}'],
                     ['cmake', '--build', self._rclcpp_build, '-j2']):
            code, out, err = run(argv, self.env, timeout=900)
            if code != 0:
                return clip((out + err)[-800:], 800)
        return None


def ros2_available():
    """The distro's name, or why there is no usable ROS 2 in this shell."""
    distro = os.environ.get('ROS_DISTRO')
    if not distro:
        return None, 'ROS_DISTRO is not set'
    if not shutil.which('ros2'):
        return None, f'ROS_DISTRO={distro} but no `ros2` command on PATH'
    probe = subprocess.run([PYTHON, '-c', 'from rclpy.impl.implementation_singleton import rclpy_implementation'],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return None, f'{PYTHON} cannot import rclpy: {clip(probe.stderr, 200)}'
    return distro, None


def ros2_versions():
    """The versions of the installed packages the checks talk to, from their package.xml files."""
    found = []
    for package in ('rclpy', 'rclcpp', 'rmw_cyclonedds_cpp', 'ros2cli', 'sros2'):
        for prefix in os.environ.get('AMENT_PREFIX_PATH', '').split(os.pathsep):
            manifest = Path(prefix) / 'share' / package / 'package.xml'
            if manifest.exists():
                version = re.search(r'<version>([^<]+)</version>', manifest.read_text())
                found.append(f'{package} {version.group(1) if version else "?"}')
                break
    return ', '.join(found) or 'package versions unknown'


def describe_rclite():
    """The commit checked, marked dirty when a file other than the report differs from it."""
    commit = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True)
    changed = subprocess.run(['git', '-C', ROOT, 'diff', '--quiet', 'HEAD', '--', '.', ':!docs/INTEROP.md'])
    return (commit.stdout.strip() or 'unknown commit') + ('-dirty' if changed.returncode != 0 else '')


def run_checks(ctx, selected):
    results = []
    for group, name, distros, function in selected:
        if distros and ctx.distro not in distros:
            results.append((group, name, 'N/A', f'not in {ctx.distro} (only {", ".join(distros)})'))
            print(f'N/A   {group}: {name}', flush=True)
            continue
        began = time.monotonic()
        try:
            status, detail = 'PASS', function(ctx)
        except CheckFailed as failure:
            status, detail = 'FAIL', str(failure)
        except Exception as error:  # a bug in the check itself: still a failure, with its place
            status, detail = 'FAIL', f'{type(error).__name__}: {error} ({traceback.extract_tb(error.__traceback__)[-1].lineno})'
        took = time.monotonic() - began
        print(f'{status}  {group}: {name} ({took:.1f} s)\n      {detail}', flush=True)
        results.append((group, name, status, detail))
    return results


def report_section(distro, results, command):
    passed = sum(status == 'PASS' for _, _, status, _ in results)
    failed = sum(status == 'FAIL' for _, _, status, _ in results)
    when = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    lines = [f'<!-- distro:{distro} -->', f'## ROS 2 {distro.capitalize()}', '',
             f'- Run: {when}, `{command}`, rclite {describe_rclite()}, {platform.system()} {platform.machine()},'
             f' RMW_IMPLEMENTATION=rmw_cyclonedds_cpp, ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST.',
             f'- ROS 2 packages: {ros2_versions()}.',
             f'- {passed} passed, {failed} failed, {len(results) - passed - failed} not applicable.', '',
             '| group | check | result | detail |', '|---|---|---|---|']
    for group, name, status, detail in results:
        cell = lambda text: text.replace('|', '\\|').replace('\n', ' ')  # noqa: E731
        lines.append(f'| {group} | {cell(name)} | {status} | {cell(clip(detail, 300))} |')
    lines += ['', f'<!-- end:{distro} -->']
    return '\n'.join(lines)


REPORT_HEAD = """# Interoperability with real ROS 2

Generated by `make interop` (interop/run.py): rclite's programs, its Python face and its CLI
against a ROS 2 installation's rclpy, rclcpp and `ros2` tools over rmw_cyclonedds_cpp, on one
host, discovery on loopback. Each distro's section is rewritten by a run against that distro; the
checks are in interop/checks.py, the peers in interop/peers (rclpy API, run on both sides) and
interop/rclcpp.
"""


def write_report(path, distro, section):
    text = path.read_text() if path.exists() else REPORT_HEAD
    begin, end = f'<!-- distro:{distro} -->', f'<!-- end:{distro} -->'
    if begin in text and end in text:
        text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip('\n') + '\n\n' + section + '\n'
    path.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--only', help='run only checks whose group or name contains this text')
    parser.add_argument('--report', default=str(ROOT / 'docs' / 'INTEROP.md'))
    parser.add_argument('--no-report', action='store_true')
    parser.add_argument('--domain', type=int, default=100 + os.getpid() % 100, help='ROS_DOMAIN_ID of the run')
    options = parser.parse_args()

    distro, missing = ros2_available()
    if not distro:
        print(f'make interop: no ROS 2 installation is sourced ({missing}): nothing checked.\n'
              '  Source one (e.g. `source /opt/ros/jazzy/setup.bash`) and run `make interop` again.')
        return 0
    if not (BIN / 'rclite').exists():
        print(f'make interop: {BIN / "rclite"} is missing: build first (`make build`)', file=sys.stderr)
        return 1

    selected = [c for c in CHECKS if not options.only or options.only in c[0] or options.only in c[1]]
    print(f'make interop: rclite {describe_rclite()} against ROS 2 {distro}, ROS_DOMAIN_ID={options.domain}, '
          f'{len(selected)} checks', flush=True)
    with tempfile.TemporaryDirectory(prefix='rclite-interop-') as scratch:
        results = run_checks(Context(distro, options.domain, Path(scratch)), selected)
    failed = [r for r in results if r[2] == 'FAIL']
    print(f'\n{len(results) - len(failed)} of {len(results)} checks passed or do not apply; {len(failed)} failed.')
    if not options.no_report and not options.only:
        write_report(Path(options.report), distro, report_section(distro, results, 'make interop'))
        print(f'report: {options.report}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
