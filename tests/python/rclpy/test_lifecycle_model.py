"""The randomized lifecycle model of the Python face (the twin of tests/node/lifecycle_model_test.cpp):
seeded random sequences of create / destroy / spin / call / cancel / throw on nodes, services, clients,
timers, action servers and clients (goals sent, cancelled, their results asked for) and two executors
(one spun here, one in a background thread), with invariants checked as they go and at the end.
RCLITE_MODEL_SEEDS=<n> runs more seeds (tests/soak has the C++ one's runner).
"""
import os
import random
import threading

import pytest
from conftest import PATIENCE_SEC, eventually
from action_msgs.msg import GoalStatus
from example_interfaces.action import Fibonacci
from example_interfaces.srv import AddTwoInts

from rclpy.action import ActionClient, ActionServer, CancelResponse, GoalResponse
from rclpy.exceptions import ServiceError
from rclpy.executors import MultiThreadedExecutor, SingleThreadedExecutor

SEEDS = int(os.environ.get('RCLITE_MODEL_SEEDS', '4'))
STEPS = 200
THROW = 1  # a request with b == THROW makes its service callback raise
# A goal's order: kind * 100 + n feedback messages (1..n, in order; the result 1..n when it succeeds).
SUCCEED, ABORT, REJECT, CANCELABLE = range(4)  # CANCELABLE: ends canceled if a cancel came meanwhile
ENDS = (ServiceError, ConnectionError, TimeoutError)  # how a call may fail (ShutdownError is a ServiceError)


class ModelError(Exception):
    """What a service callback raises on purpose; it must come out of the spin that ran it."""


class Goal:
    """A goal sent by the model: its order, client entry, futures and the feedback it got."""

    def __init__(self, order: int, client) -> None:
        self.order = order
        self.client = client
        self.future = None  # the goal handle's
        self.result = None  # get_result_async's, once asked for
        self.cancels = []
        self.cancel_asked = False
        self.feedback = []

    def check(self, violations) -> None:
        """What ended must have ended as the server ended it (or with an allowed error)."""
        futures = [f for f in [self.future, self.result] + self.cancels if f is not None and f.done()]
        for future in futures:
            if future.exception() is not None and not isinstance(future.exception(), ENDS):
                violations.append(f'goal {self.order}: a future ended with {future.exception()!r}')
        if not self.future.done() or self.future.exception() is not None:
            return
        kind, n = divmod(self.order, 100)
        if self.future.result().accepted == (kind == REJECT):
            violations.append(f'goal {self.order} accepted: {self.future.result().accepted}')
        if self.result is None or not self.result.done() or self.result.exception() is not None:
            return
        status, sequence = self.result.result().status, list(self.result.result().result.sequence)
        expected = {SUCCEED: GoalStatus.STATUS_SUCCEEDED, ABORT: GoalStatus.STATUS_ABORTED,
                    CANCELABLE: GoalStatus.STATUS_SUCCEEDED}.get(kind)
        if status == GoalStatus.STATUS_CANCELED and self.cancel_asked and kind == CANCELABLE:
            if sequence != list(range(1, len(sequence) + 1)) or len(sequence) > n:
                violations.append(f'goal {self.order} canceled with {sequence}')
        elif status == GoalStatus.STATUS_UNKNOWN:
            pass  # its server was replaced by another of the same name before the result was asked for
        elif status != expected or sequence != list(range(1, n + 1)):
            violations.append(f'goal {self.order} ended {status} with {sequence}')


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
        self.action_names = [names(f'a{i}') for i in range(2)]
        self.action_servers = []  # [node, server, destroyed flag]
        self.action_clients = []  # [node, client, destroyed flag]
        self.goals = []           # Goal records
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
                 (8, self.move_node), (3, self.create_timer), (2, self.destroy_timer),
                 (3, self.create_action_server), (1, self.destroy_action_server), (3, self.create_action_client),
                 (1, self.destroy_action_client), (10, self.send_goal), (3, self.cancel_goal),
                 (2, self.get_result)]
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
        node.destroy_node()
        # After destroy_node() returned: a callback already running elsewhere may still be going.
        for entry in self.services + self.timers + self.action_servers + self.action_clients:
            if entry[0] is node:
                entry[2][0] = True
        self.nodes.remove(node)
        self.services = [e for e in self.services if e[0] is not node]
        self.clients = [e for e in self.clients if e[0] is not node]
        self.timers = [e for e in self.timers if e[0] is not node]
        self.action_servers = [e for e in self.action_servers if e[0] is not node]
        self.action_clients = [e for e in self.action_clients if e[0] is not node]
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

    def create_action_server(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        destroyed = [False]
        accept_cancel = self.random.random() < 0.7

        def check(what):
            if destroyed[0]:
                self.violations.append(f'{what} ran after its action server was destroyed')

        def goal_callback(goal):
            check('goal_callback')
            return GoalResponse.REJECT if goal.order // 100 == REJECT else GoalResponse.ACCEPT

        def cancel_callback(_):
            check('cancel_callback')
            return CancelResponse.ACCEPT if accept_cancel else CancelResponse.REJECT

        def execute(handle):
            check('an execute callback')
            kind, n = divmod(handle.request.order, 100)
            result = Fibonacci.Result()
            for k in range(1, n + 1):
                if kind == CANCELABLE and handle.is_cancel_requested:
                    handle.canceled()
                    return result
                handle.publish_feedback(Fibonacci.Feedback(sequence=[k]))
                result.sequence.append(k)
            if kind == CANCELABLE and handle.is_cancel_requested:
                handle.canceled()
            elif kind == ABORT:
                handle.abort()
            else:
                handle.succeed()
            return result

        # One server per name at a time (two would both execute a goal).
        taken = {e[1]._action_name for e in self.action_servers}
        free = [n for n in self.action_names if node.resolve_topic_name(n) not in taken]
        if not free:
            return
        server = ActionServer(node, Fibonacci, self.some(free), execute,
                              goal_callback=goal_callback, cancel_callback=cancel_callback)
        self.action_servers.append([node, server, destroyed])
        self.log.append(f'create action server {server._action_name}')

    def destroy_action_server(self) -> None:
        entry = self.some(self.action_servers)
        if entry is None:
            return
        entry[1].destroy()
        entry[2][0] = True
        self.action_servers.remove(entry)
        self.log.append(f'destroy action server {entry[1]._action_name}')

    def create_action_client(self) -> None:
        node = self.some(self.nodes)
        if node is None:
            return
        self.action_clients.append([node, ActionClient(node, Fibonacci, self.some(self.action_names)), [False]])
        self.log.append('create action client')

    def destroy_action_client(self) -> None:
        entry = self.some(self.action_clients)
        if entry is None:
            return
        entry[1].destroy()
        entry[2][0] = True
        self.action_clients.remove(entry)
        self.log.append('destroy action client')

    def send_goal(self) -> None:
        entry = self.some(self.action_clients)
        if entry is None:
            return
        goal = Goal(self.random.randrange(4) * 100 + self.random.randrange(5), entry)

        def on_feedback(message):
            if entry[2][0]:
                self.violations.append('a feedback callback ran after its action client was destroyed')
            k = message.feedback.sequence[0] if len(message.feedback.sequence) == 1 else -1
            if not goal.feedback[-1:] < [k] <= [goal.order % 100]:
                self.violations.append(f'goal {goal.order} got feedback {k} after {goal.feedback}')
            goal.feedback.append(k)

        goal.future = entry[1].send_goal_async(Fibonacci.Goal(order=goal.order), feedback_callback=on_feedback)
        self.goals.append(goal)
        self.log.append(f'send goal {goal.order} to {entry[1]._action_name}')

    def accepted(self):
        """A goal its server accepted and whose client lives, or None."""
        goal = self.some(self.goals)
        if goal is None or not goal.future.done() or goal.future.exception() is not None or \
                not goal.future.result().accepted or goal.client[2][0]:
            return None
        return goal

    def cancel_goal(self) -> None:
        goal = self.accepted()
        if goal is not None:
            goal.cancel_asked = True
            goal.cancels.append(goal.future.result().cancel_goal_async())
            self.log.append(f'cancel goal {goal.order}')

    def get_result(self) -> None:
        goal = self.accepted()
        if goal is not None and goal.result is None:
            goal.result = goal.future.result().get_result_async()
            self.log.append(f'get result of goal {goal.order}')

    def settle_goals(self) -> None:
        """Every goal between a live client and a live server (both spun) is answered and, if
        accepted, ends (close() checks how)."""
        live = {id(e) for e in self.action_clients}
        served = {e[1]._action_name for e in self.action_servers}
        waited = [g for g in self.goals if id(g.client) in live and g.client[1]._action_name in served]
        if not eventually(lambda: all(g.future.done() for g in waited)):
            self.violations.append(f'goals never answered: {[g.order for g in waited if not g.future.done()]}')
            return
        for goal in waited:
            if goal.future.exception() is None and goal.future.result().accepted and goal.result is None:
                goal.result = goal.future.result().get_result_async()
        ended = [g for g in waited if g.result is not None]
        if not eventually(lambda: all(g.result.done() for g in ended)):
            self.violations.append(f'goals never ended: {[g.order for g in ended if not g.result.done()]}')

    # --- the end -------------------------------------------------------------------------------------
    def settle(self) -> None:
        """Every node spun in the background, then every call of a live client whose server lives
        ends, with its sum or an allowed error (bounded by PATIENCE_SEC)."""
        for node in self.nodes:
            self.there.add_node(node)
        self.settle_goals()
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
        for entry in self.action_clients:
            entry[1].destroy()
        for entry in self.action_servers:
            entry[1].destroy()
        for node in list(self.nodes):
            node.destroy_node()
        self.here.shutdown()
        self.there.shutdown()
        self.thread.join(PATIENCE_SEC)
        if self.thread.is_alive():
            self.violations.append('the background executor did not stop')
        # Every client destroyed: every goal's future, result and cancel has ended (ShutdownError at the latest).
        futures = [f for g in self.goals for f in [g.future, g.result] + g.cancels if f is not None]
        if not eventually(lambda: all(f.done() for f in futures)):
            self.violations.append(f'{sum(not f.done() for f in futures)} goal futures never ended')
        for goal in self.goals:
            goal.check(self.violations)


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
