"""What the rclpy peers of `make interop` share: their options (ROS arguments left to rclpy) and a
spin that ends quietly on Ctrl-C. Runs on real rclpy and on rclite's Python face alike."""
import argparse
import sys

import rclpy


def options(*arguments):
    """Parses `arguments` (argparse add_argument tuples of (name, keywords)) from the command line."""
    parser = argparse.ArgumentParser()
    for name, keywords in arguments:
        parser.add_argument(name, **keywords)
    return parser.parse_args(rclpy.utilities.remove_ros_args(sys.argv)[1:])


def serve(node, ready='READY'):
    """Prints `ready` (the runner waits for it) and spins until Ctrl-C."""
    print(ready, flush=True)
    try:
        rclpy.spin(node)
    except KeyboardInterrupt:
        pass
    finally:
        node.destroy_node()
        rclpy.try_shutdown()


def call(node, client, request, timeout_sec=60.0):
    """One call, waiting for the service first; the answer, or SystemExit with the reason."""
    if not client.wait_for_service(timeout_sec=30.0):
        raise SystemExit(f'no service {client.srv_name} after 30 s')
    future = client.call_async(request)
    rclpy.spin_until_future_complete(node, future, timeout_sec=timeout_sec)
    if not future.done():
        raise SystemExit(f'{client.srv_name}: not answered in {timeout_sec:.0f} s')
    return future.result()
