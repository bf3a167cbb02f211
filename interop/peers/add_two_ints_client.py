"""An AddTwoInts client written against rclpy's API, for `make interop` (runs on real rclpy and on
rclite's Python face). Calls the service COUNT times with (a, b + i) and prints `sum=<last sum>`;
exits 1 with the reason when the service never appears or a sum is wrong.
    add_two_ints_client.py A B [--count N] [--service NAME]
"""
import rclpy
from example_interfaces.srv import AddTwoInts
from peer import call, options


def main():
    args = options(('a', {'type': int}), ('b', {'type': int}), ('--count', {'type': int, 'default': 1}),
                   ('--service', {'default': 'add_two_ints'}))
    rclpy.init()
    node = rclpy.create_node('add_two_ints_client')
    client = node.create_client(AddTwoInts, args.service)
    try:
        for i in range(args.count):
            request = AddTwoInts.Request(a=args.a, b=args.b + i)
            total = call(node, client, request).sum
            if total != request.a + request.b:
                raise SystemExit(f'call {i}: sum {total}, expected {request.a + request.b}')
        print(f'sum={total}', flush=True)
    finally:
        node.destroy_node()
        rclpy.try_shutdown()


if __name__ == '__main__':
    main()
