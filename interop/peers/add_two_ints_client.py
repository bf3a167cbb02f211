"""An AddTwoInts client written against rclpy's API, for `make interop` (runs on real rclpy and on
rclite's Python face). Calls the service COUNT times with (a, b + i) and prints `sum=<last sum>`;
exits 1 with the reason when the service never appears or a sum is wrong.
    add_two_ints_client.py A B [--count N] [--service NAME]
"""
import argparse
import sys

import rclpy
from example_interfaces.srv import AddTwoInts


def main():
    args = rclpy.utilities.remove_ros_args(sys.argv)
    parser = argparse.ArgumentParser()
    parser.add_argument('a', type=int)
    parser.add_argument('b', type=int)
    parser.add_argument('--count', type=int, default=1)
    parser.add_argument('--service', default='add_two_ints')
    options = parser.parse_args(args[1:])

    rclpy.init()
    node = rclpy.create_node('add_two_ints_client')
    client = node.create_client(AddTwoInts, options.service)
    try:
        if not client.wait_for_service(timeout_sec=30.0):
            print(f'no service {options.service} after 30 s', file=sys.stderr)
            return 1
        total = None
        for i in range(options.count):
            request = AddTwoInts.Request(a=options.a, b=options.b + i)
            future = client.call_async(request)
            rclpy.spin_until_future_complete(node, future, timeout_sec=30.0)
            if not future.done():
                print(f'call {i} not answered in 30 s', file=sys.stderr)
                return 1
            total = future.result().sum
            if total != request.a + request.b:
                print(f'call {i}: sum {total}, expected {request.a + request.b}', file=sys.stderr)
                return 1
        print(f'sum={total}', flush=True)
        return 0
    finally:
        node.destroy_node()
        rclpy.try_shutdown()


if __name__ == '__main__':
    sys.exit(main())
