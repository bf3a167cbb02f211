"""The randomized lifecycle model of the Python face (the twin of tests/node/lifecycle_model_test.cpp):
seeded random sequences of create / destroy / spin / call / cancel / throw on nodes, services, clients,
timers and two executors (one spun here, one in a background thread), with invariants checked as
they go and at the end. RCLITE_MODEL_SEEDS=<n> runs more seeds (tests/soak has the C++ one's runner).
"""
import os
import random
import threading

import pytest
from conftest import PATIENCE_SEC, eventually
from example_interfaces.srv import AddTwoInts

from rclpy.exceptions import ServiceError
from rclpy.executors import MultiThreadedExecutor, SingleThreadedExecutor

SEEDS = int(os.environ.get('RCLITE_MODEL_SEEDS', '4'))
STEPS = 200
THROW = 1  # a request with b == THROW makes its service callback raise


class ModelError(Exception):
    """What a service callback raises on purpose; it must come out of the spin that ran it."""


class Model:
    def __init__(self, seed: int, context, names) -> None:
        self.random = random.Random(seed)
        self.context = context
        self.names = [names(f's{i}') for i in range(3)]
        self.nodes = []
        self.services = []   # [node, service, destroyed flag (a list, shared with the callback)]
        self.clients = []    # [node, client]
        self.timers = []     # [node, timer, destroyed flag]
        self.pending = []    # (future, a, b, client entry)
        self.violations = []
        self.log = []
        self.here = SingleThreadedExecutor(context=context)
        self.there = MultiThreadedExecutor(num_threads=2, context=context)
        self.thread = threading.Thread(target=self._spin_there, daemon=True)
        self.there_errors = []
        self.thread.start()

    def _spin_there(self) -> None:
        while self.context.ok():
            try:
                self.there.spin()
                return
            except ModelError:
                self.there_errors.append(1)  # a thrown callback ends spin(); spin again, as a user would

    # --- steps ---------------------------------------------------------------------------------
    def step(self) -> None:
        steps = [(8, self.create_node), (2, self.destroy_node), (8, self.create_service),
                 (3, self.destroy_service), (8, self.create_client), (3, self.destroy_client),
                 (25, self.call), (3, self.cancel), (3, self.call_blocking), (12, self.spin_here),
                 (8, self.move_node), (3, self.create_timer), (2, self.destroy_timer)]
        r = self.random.randrange(sum(w for w, _ in steps))
        for weight, action in steps:
            if r < weight:
                return action()
            r -= weight

    def some(self, items):
        return self.random.choice(items) if items else None

    def create_node(self) -> None:
        from rclpy.node import Node
        self.nodes.append(Node(f'model_{len(self.log)}', context=self.context, start_parameter_services=False))
        self.log.append('create node')

    def destroy_node(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        for entry in self.services:
            if entry[0] is node:
                entry[2][0] = True
        for entry in self.timers:
            if entry[0] is node:
                entry[2][0] = True
        node.destroy_node()
        self.nodes.remove(node)
        self.services = [e for e in self.services if e[0] is not node]
        self.clients = [e for e in self.clients if e[0] is not node]
        self.timers = [e for e in self.timers if e[0] is not node]
        self.log.append('destroy node')

    def create_service(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        destroyed = [False]

        def add(request, response):
            if destroyed[0]:
                self.violations.append('a service callback ran after its service was destroyed')
            if request.b == THROW:
                raise ModelError()
            response.sum = request.a + request.b
            return response

        service = node.create_service(AddTwoInts, self.some(self.names), add)
        self.services.append([node, service, destroyed])
        self.log.append(f'create service {service.srv_name}')

    def destroy_service(self) -> None:
        entry = self.some(self.services)
        if entry is None:
            return
        entry[0].destroy_service(entry[1])
        entry[2][0] = True  # after destroy() returned: no callback may start any more
        self.services.remove(entry)
        self.log.append(f'destroy service {entry[1].srv_name}')

    def create_client(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        self.clients.append([node, node.create_client(AddTwoInts, self.some(self.names))])
        self.log.append('create client')

    def destroy_client(self) -> None:
        entry = self.some(self.clients)
        if entry is None:
            return
        entry[0].destroy_client(entry[1])
        self.clients.remove(entry)
        self.log.append('destroy client')

    def call(self) -> None:
        entry = self.some(self.clients)
        if entry is None:
            return
        a, b = self.random.randrange(1000), self.random.choice([0, 2, 3, THROW])
        self.pending.append((entry[1].call_async(AddTwoInts.Request(a=a, b=b)), a, b, entry))
        servers = sum(e[1].srv_name == entry[1].srv_name for e in self.services)
        self.log.append(f'call {len(self.pending) - 1} to {entry[1].srv_name} b={b} ({servers} servers)')

    def cancel(self) -> None:
        if self.pending:
            self.random.choice(self.pending)[0].cancel()
            self.log.append('cancel')

    def call_blocking(self) -> None:
        # Only towards servers spun in the background: call() needs someone else to answer.
        entry = self.some(self.clients)
        if entry is None:
            return
        a = self.random.randrange(1000)
        try:
            response = entry[1].call(AddTwoInts.Request(a=a, b=2), timeout_sec=0.2)
            if response.sum != a + 2:
                self.violations.append(f'call() got {response.sum} for {a} + 2')
        except (TimeoutError, ServiceError, ConnectionError):
            pass  # no server, a throwing one, or one not spun: all allowed outcomes
        self.log.append('call blocking')

    def spin_here(self) -> None:
        try:
            self.here.spin_once(timeout_sec=0)
        except ModelError:
            pass
        self.log.append('spin here')

    def move_node(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        target = self.random.choice([self.here, self.there, None])
        if target is None:
            if node.executor is not None:
                node.executor.remove_node(node)
        else:
            target.add_node(node)
        self.log.append('move node')

    def create_timer(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        destroyed = [False]

        def tick():
            if destroyed[0]:
                self.violations.append('a timer callback ran after its timer was destroyed')

        self.timers.append([node, node.create_timer(0.001 * self.random.randrange(1, 20), tick), destroyed])
        self.log.append('create timer')

    def destroy_timer(self) -> None:
        entry = self.some(self.timers)
        if entry is None:
            return
        entry[0].destroy_timer(entry[1])
        entry[2][0] = True
        self.timers.remove(entry)
        self.log.append('destroy timer')

    # --- the end -------------------------------------------------------------------------------------
    def settle(self) -> None:
        """Every node spun in the background, then every call of a live client whose server lives
        ends, with its sum or an allowed error (bounded by PATIENCE_SEC)."""
        for node in self.nodes:
            self.there.add_node(node)
        live = {id(e) for e in self.clients}
        served = {e[1].srv_name for e in self.services}
        # A request whose callback raised is never answered (as in rclpy): not waited for.
        waited = [p for p in self.pending if id(p[3]) in live and p[3][1].srv_name in served and p[2] != THROW]
        if not eventually(lambda: all(p[0].done() for p in waited)):
            stuck = [f'call {self.pending.index(p)} to {p[3][1].srv_name} a={p[1]} b={p[2]} ('
                     f'{sum(e[1].srv_name == p[3][1].srv_name for e in self.services)} servers now, '
                     f'{p[3][1]._core.pending_requests()} pending in its client)' for p in waited if not p[0].done()]
            self.violations.append(f'calls never ended: {stuck}')
        for future, a, b, _ in self.pending:
            if not future.done() or future.cancelled():
                continue
            error = future.exception()
            if error is None and (b == THROW or future.result().sum != a + b):
                self.violations.append(f'{a} + {b} answered {future.result().sum}')
            if error is not None and not isinstance(error, (ServiceError, ConnectionError, TimeoutError)):
                self.violations.append(f'a call ended with {error!r}')

    def close(self) -> None:
        for node in list(self.nodes):
            node.destroy_node()
        self.here.shutdown()
        self.there.shutdown()
        self.thread.join(PATIENCE_SEC)
        if self.thread.is_alive():
            self.violations.append('the background executor did not stop')


@pytest.mark.parametrize('seed', range(SEEDS))
def test_random_lifecycles_keep_every_invariant(context, unique, seed):
    model = Model(seed, context, unique)
    try:
        for _ in range(STEPS):
            model.step()
        model.settle()
    finally:
        model.close()
    assert not model.violations, f'seed {seed}: {model.violations}\nsteps: {model.log}'
