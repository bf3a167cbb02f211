"""Calls big_trigger_server.py's service and checks the SIZE-byte answer byte for byte (runs on real
rclpy and on rclite's Python face). Prints `OK <size>`, or the first difference and exits 1.
    big_trigger_client.py SIZE [--service NAME]
"""
import rclpy
from big_trigger_server import pattern  # the expectation lives with the server
from example_interfaces.srv import Trigger
from peer import call, options


def main():
    args = options(('size', {'type': int}), ('--service', {'default': 'big_trigger'}))
    rclpy.init()
    node = rclpy.create_node('big_trigger_client')
    try:
        got = call(node, node.create_client(Trigger, args.service), Trigger.Request()).message
        expected = pattern(args.size)
        if got != expected:
            first = next((i for i, (x, y) in enumerate(zip(got, expected)) if x != y), min(len(got), len(expected)))
            raise SystemExit(f'answer differs: {len(got)} bytes, expected {len(expected)}; first difference at {first}')
        print(f'OK {len(got)}', flush=True)
    finally:
        node.destroy_node()
        rclpy.try_shutdown()


if __name__ == '__main__':
    main()
