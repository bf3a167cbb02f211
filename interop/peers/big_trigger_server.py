"""A std_srvs-free large-sample server for `make interop`: example_interfaces/srv/Trigger whose
response message is SIZE bytes of a known pattern (runs on real rclpy and on rclite's Python face).
    big_trigger_server.py SIZE [--service NAME]
"""
import argparse
import sys

import rclpy
from example_interfaces.srv import Trigger


def pattern(size):
    """The text both sides expect: a counter pattern, so that a shifted or cut byte shows."""
    unit = ''.join(chr(ord('a') + i % 26) for i in range(997))  # 997: prime, so no 2^k alignment hides a shift
    return (unit * (size // len(unit) + 1))[:size]


def main():
    args = rclpy.utilities.remove_ros_args(sys.argv)
    parser = argparse.ArgumentParser()
    parser.add_argument('size', type=int)
    parser.add_argument('--service', default='big_trigger')
    options = parser.parse_args(args[1:])

    rclpy.init()
    node = rclpy.create_node('big_trigger_server')
    message = pattern(options.size)

    def answer(request, response):
        response.success = True
        response.message = message
        return response

    node.create_service(Trigger, options.service, answer)
    print('READY', flush=True)
    try:
        rclpy.spin(node)
    except KeyboardInterrupt:
        pass
    finally:
        node.destroy_node()
        rclpy.try_shutdown()


if __name__ == '__main__':
    main()
