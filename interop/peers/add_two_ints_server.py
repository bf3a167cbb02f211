"""An AddTwoInts server written against rclpy's API, for `make interop`.

The same file runs on real rclpy (`python3`) and on rclite's Python face (`rclite-python`), so one
peer serves both directions of a check. Prints READY once the service exists and SERVING when a
request arrives (before answering), so that the runner knows when a call is in its hands.
    add_two_ints_server.py [--service NAME] [--delay SECONDS] [--introspection] [--ros-args ...]
"""
import time

import rclpy
from example_interfaces.srv import AddTwoInts
from peer import options, serve


def main():
    args = options(('--service', {'default': 'add_two_ints'}), ('--delay', {'type': float, 'default': 0.0}),
                   ('--introspection', {'action': 'store_true'}))
    rclpy.init()
    node = rclpy.create_node('add_two_ints_server')

    def add(request, response):
        print('SERVING', flush=True)
        time.sleep(args.delay)
        response.sum = request.a + request.b
        node.get_logger().info(f'Incoming request a: {request.a} b: {request.b}')
        return response

    service = node.create_service(AddTwoInts, args.service, add)
    if args.introspection:
        from rclpy.qos import qos_profile_system_default
        from rclpy.service_introspection import ServiceIntrospectionState
        service.configure_introspection(node.get_clock(), qos_profile_system_default,
                                        ServiceIntrospectionState.CONTENTS)
    node.get_logger().info('Ready to add two ints.')
    serve(node)


if __name__ == '__main__':
    main()
