"""The Python face against the C++ client, in one run (issue #12's targets): sequential AddTwoInts
round trips to one C++ server, by the C++ client (build/bin/add_two_ints_latency) and by rclite's
rclpy in the tutorial client's pattern (call_async + spin_until_future_complete) and with call();
then the start-up time of a Python client, from `import rclpy` to its first answered call.

    /usr/bin/python3 bench/python_bench.py [build]     (make bench runs it)

Rounds alternate between the clients so that each sees the same machine. DDS stays on loopback
(rclite's default discovery range, LOCALHOST) in a domain of its own.
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'build'))
BIN = os.path.join(BUILD, 'bin')
sys.path[:0] = [os.path.join(BUILD, 'python'), os.path.join(ROOT, 'python')]
os.environ['PYTHONPATH'] = os.pathsep.join([os.path.join(BUILD, 'python'), os.path.join(ROOT, 'python')])
os.environ.setdefault('ROS_DOMAIN_ID', '231')
os.environ.pop('ROS_AUTOMATIC_DISCOVERY_RANGE', None)
os.environ.pop('CYCLONEDDS_URI', None)

ROUNDS = 5
CALLS = 1000  # per client and round
WARMUP = 100
STARTUPS = 10

STARTUP_SCRIPT = r'''
import time
start = time.perf_counter()
import rclpy
from rclpy.node import Node
from example_interfaces.srv import AddTwoInts
rclpy.init()
node = Node('startup_probe')
client = node.create_client(AddTwoInts, 'add_two_ints')
client.wait_for_service(timeout_sec=30)
future = client.call_async(AddTwoInts.Request(a=1, b=2))
rclpy.spin_until_future_complete(node, future, timeout_sec=30)
assert future.result().sum == 3
print((time.perf_counter() - start) * 1e3)
rclpy.shutdown()
'''


def percentiles(samples_ns):
    ordered = sorted(samples_ns)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1e3  # noqa: E731
    return pick(0.5), pick(0.9), pick(0.99)


def cpp_round():
    out = subprocess.run([os.path.join(BIN, 'add_two_ints_latency'), str(CALLS), str(WARMUP)], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return [int(line) for line in out.split()]


def python_rounds(node, client, AddTwoInts, rclpy, use_call):
    times = []
    request = AddTwoInts.Request()
    for i in range(WARMUP + CALLS):
        request.a, request.b = i, 1
        start = time.perf_counter_ns()
        if use_call:
            response = client.call(request, timeout_sec=10)
        else:
            future = client.call_async(request)
            rclpy.spin_until_future_complete(node, future, timeout_sec=10)
            response = future.result()
        elapsed = time.perf_counter_ns() - start
        assert response.sum == i + 1
        if i >= WARMUP:
            times.append(elapsed)
    return times


def main():
    server = subprocess.Popen([os.path.join(BIN, 'add_two_ints_server')], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        import rclpy
        from rclpy.node import Node
        from example_interfaces.srv import AddTwoInts
        rclpy.init()
        node = Node('python_bench')
        client = node.create_client(AddTwoInts, 'add_two_ints')
        assert client.wait_for_service(timeout_sec=30), 'no server'
        results = {'C++ client (async_send_request + spin_until_future_complete)': [],
                   'rclpy on rclite: call_async + spin_until_future_complete': [],
                   'rclpy on rclite: call()': []}
        names = list(results)
        for _ in range(ROUNDS):
            results[names[0]] += cpp_round()
            results[names[1]] += python_rounds(node, client, AddTwoInts, rclpy, use_call=False)
            results[names[2]] += python_rounds(node, client, AddTwoInts, rclpy, use_call=True)
        rclpy.shutdown()

        print(f'Sequential AddTwoInts round trips to a C++ server, {ROUNDS} rounds x {CALLS} calls per client, '
              f'interleaved (us):')
        base_p50 = percentiles(results[names[0]])[0]
        for name in names:
            p50, p90, p99 = percentiles(results[name])
            print(f'  {name:62s} p50 {p50:7.1f}  p90 {p90:7.1f}  p99 {p99:7.1f}  p50/C++ {p50 / base_p50:4.2f}x')

        startups = []
        for _ in range(STARTUPS):
            out = subprocess.run([sys.executable, '-c', STARTUP_SCRIPT], check=True, stdout=subprocess.PIPE,
                                 text=True).stdout
            startups.append(float(out.split()[-1]))
        print(f'Start-up of a Python client, `import rclpy` to its first answered call, {STARTUPS} runs (ms): '
              f'median {statistics.median(startups):.1f}, min {min(startups):.1f}, max {max(startups):.1f}')
    finally:
        server.terminate()
        server.wait()


if __name__ == '__main__':
    main()
