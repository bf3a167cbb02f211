"""A large-sample server for `make interop`: example_interfaces/srv/Trigger whose response message is
SIZE bytes of a known pattern (runs on real rclpy and on rclite's Python face).
    big_trigger_server.py SIZE [--service NAME]
"""
import rclpy
from example_interfaces.srv import Trigger
from peer import options, serve


def pattern(size):
    """The text both sides expect: a counter pattern, so that a shifted or cut byte shows."""
    unit = ''.join(chr(ord('a') + i % 26) for i in range(997))  # 997: prime, so no 2^k alignment hides a shift
    return (unit * (size // len(unit) + 1))[:size]


def main():
    args = options(('size', {'type': int}), ('--service', {'default': 'big_trigger'}))
    rclpy.init()
    node = rclpy.create_node('big_trigger_server')
    message = pattern(args.size)

    def answer(request, response):
        response.success = True
        response.message = message
        return response

    node.create_service(Trigger, args.service, answer)
    serve(node)


if __name__ == '__main__':
    main()
