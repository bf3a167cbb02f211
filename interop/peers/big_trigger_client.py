"""Calls big_trigger_server.py's service and checks the SIZE-byte answer byte for byte (runs on real
rclpy and on rclite's Python face). Prints `OK <size>` or the first difference and exits 1.
    big_trigger_client.py SIZE [--service NAME]
"""
import argparse
import os
import sys

import rclpy
from example_interfaces.srv import Trigger

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from big_trigger_server import pattern  # noqa: E402  (the expectation lives with the server)


def main():
    args = rclpy.utilities.remove_ros_args(sys.argv)
    parser = argparse.ArgumentParser()
    parser.add_argument('size', type=int)
    parser.add_argument('--service', default='big_trigger')
    options = parser.parse_args(args[1:])

    rclpy.init()
    node = rclpy.create_node('big_trigger_client')
    client = node.create_client(Trigger, options.service)
    try:
        if not client.wait_for_service(timeout_sec=30.0):
            print(f'no service {options.service} after 30 s', file=sys.stderr)
            return 1
        future = client.call_async(Trigger.Request())
        rclpy.spin_until_future_complete(node, future, timeout_sec=60.0)
        if not future.done():
            print('not answered in 60 s', file=sys.stderr)
            return 1
        got, expected = future.result().message, pattern(options.size)
        if got != expected:
            first = next((i for i, (x, y) in enumerate(zip(got, expected)) if x != y), min(len(got), len(expected)))
            print(f'answer differs: {len(got)} bytes, expected {len(expected)}; first difference at {first}',
                  file=sys.stderr)
            return 1
        print(f'OK {len(got)}', flush=True)
        return 0
    finally:
        node.destroy_node()
        rclpy.try_shutdown()


if __name__ == '__main__':
    sys.exit(main())
