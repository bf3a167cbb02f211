"""Nodes (rclpy.node): names, entities, parameters, the graph, logging and the clock."""
from typing import Any, Callable, List, Optional, Tuple

import _rclite

from rclpy.callback_groups import CallbackGroup, MutuallyExclusiveCallbackGroup
from rclpy.client import Client
from rclpy.clock import Clock, ROSClock
from rclpy.clock_type import ClockType
from rclpy.exceptions import NotInitializedException
from rclpy.guard_condition import GuardCondition
from rclpy.impl.rcutils_logger import RcutilsLogger
from rclpy.parameter import Parameter
from rclpy.publisher import Publisher
from rclpy.qos import QoSProfile, qos_profile_from, qos_profile_services_default
from rclpy.service import Service
from rclpy.subscription import Subscription
from rclpy.timer import Timer
from rclpy.utilities import get_default_context


class Node:
    """rclpy's Node over rclite's C++ node."""

    PARAM_REL_TOL = 1e-6

    def __init__(self, node_name: str, *, context=None, cli_args: Optional[List[str]] = None,
                 namespace: Optional[str] = None, use_global_arguments: bool = True, enable_rosout: bool = True,
                 start_parameter_services: bool = True, parameter_overrides: Optional[List[Parameter]] = None,
                 allow_undeclared_parameters: bool = False,
                 automatically_declare_parameters_from_overrides: bool = False,
                 enable_logger_service: bool = False) -> None:
        self._context = get_default_context() if context is None else context
        if not self._context.ok():
            raise NotInitializedException('cannot create node')
        if enable_logger_service:
            raise NotImplementedError('Node(enable_logger_service=True): the logger services are not in rclite yet')
        arguments = list(cli_args) if cli_args else []
        if arguments and '--ros-args' not in arguments:
            arguments.insert(0, '--ros-args')
        overrides = [(p.name, p.value) for p in (parameter_overrides or [])]
        self.__handle = _rclite.Node(self._context.handle, node_name, namespace or '', arguments,
                                     use_global_arguments, enable_rosout, start_parameter_services,
                                     allow_undeclared_parameters, automatically_declare_parameters_from_overrides,
                                     overrides)
        self._executor = None
        self._task_group = None
        self._default_callback_group = MutuallyExclusiveCallbackGroup()
        self._callback_groups = [self._default_callback_group]
        self._services: List[Service] = []
        self._clients: List[Client] = []
        self._publishers: List[Publisher] = []
        self._subscriptions: List[Subscription] = []
        self._timers: List[Timer] = []
        self._guards: List[GuardCondition] = []
        self._parameter_callbacks = []
        self._logger = RcutilsLogger(core=self.__handle.get_logger())
        self._clock = ROSClock(self)

    # --- Identity ---------------------------------------------------------------------------------
    @property
    def handle(self) -> _rclite.Node:
        """The C++ node (raises once destroyed)."""
        if self.__handle is None:
            from rclpy.exceptions import InvalidHandle
            raise InvalidHandle('the node has been destroyed')
        return self.__handle

    def handle_or_none(self):
        return self.__handle

    @property
    def context(self):
        return self._context

    @property
    def executor(self):
        return self._executor

    @executor.setter
    def executor(self, new_executor) -> None:
        if new_executor is self._executor:
            return
        if self._executor is not None:
            self._executor.remove_node(self)
        if new_executor is not None:
            new_executor.add_node(self)

    @property
    def default_callback_group(self) -> CallbackGroup:
        return self._default_callback_group

    @property
    def callback_groups(self):
        return list(self._callback_groups)

    def add_callback_group(self, group) -> None:
        self._callback_groups.append(group)

    def get_name(self) -> str:
        return self.handle.get_name()

    def get_namespace(self) -> str:
        return self.handle.get_namespace()

    def get_fully_qualified_name(self) -> str:
        return self.handle.get_fully_qualified_name()

    def get_logger(self) -> RcutilsLogger:
        return self._logger

    def get_clock(self) -> ROSClock:
        return self._clock

    def resolve_service_name(self, service: str, *, only_expand: bool = False) -> str:
        return self.handle.resolve_service_name(service)

    def resolve_topic_name(self, topic: str, *, only_expand: bool = False) -> str:
        return self.handle.resolve_topic_name(topic)

    def _post(self, callback) -> None:
        # Tasks (resumed coroutines, action goals' execution) belong to no callback group in rclpy:
        # a reentrant group of their own lets a long one leave the node's other callbacks free.
        if self._task_group is None:
            self._task_group = _rclite.create_callback_group(self.handle, True)
        _rclite.post(self.handle, callback, self._task_group)

    # --- Entities ---------------------------------------------------------------------------------
    def _group(self, callback_group) -> Optional[CallbackGroup]:
        return None if callback_group is None or callback_group is self._default_callback_group else callback_group

    def create_service(self, srv_type, srv_name: str, callback: Callable, *,
                       qos_profile: QoSProfile = qos_profile_services_default, callback_group=None) -> Service:
        service = Service(self, srv_type, srv_name, callback, qos_profile_from(qos_profile),
                          self._group(callback_group))
        self._services.append(service)
        return service

    def create_client(self, srv_type, srv_name: str, *, qos_profile: QoSProfile = qos_profile_services_default,
                      callback_group=None) -> Client:
        client = Client(self, srv_type, srv_name, qos_profile_from(qos_profile), self._group(callback_group))
        self._clients.append(client)
        return client

    def create_publisher(self, msg_type, topic: str, qos_profile, *, callback_group=None, event_callbacks=None,
                         qos_overriding_options=None, publisher_class=None) -> Publisher:
        if event_callbacks is not None or qos_overriding_options is not None or publisher_class is not None:
            raise NotImplementedError('create_publisher(event_callbacks / qos_overriding_options / '
                                      'publisher_class) is not available in rclite')
        publisher = Publisher(self, msg_type, topic, qos_profile_from(qos_profile), self._group(callback_group))
        self._publishers.append(publisher)
        return publisher

    def create_subscription(self, msg_type, topic: str, callback: Callable, qos_profile, *, callback_group=None,
                            event_callbacks=None, qos_overriding_options=None, raw: bool = False) -> Subscription:
        if event_callbacks is not None or qos_overriding_options is not None:
            raise NotImplementedError('create_subscription(event_callbacks / qos_overriding_options) is not '
                                      'available in rclite')
        subscription = Subscription(self, msg_type, topic, callback, qos_profile_from(qos_profile),
                                    self._group(callback_group), raw)
        self._subscriptions.append(subscription)
        return subscription

    def create_timer(self, timer_period_sec: float, callback: Callable, callback_group=None,
                     clock: Optional[Clock] = None, autostart: bool = True) -> Timer:
        period_ns = int(float(timer_period_sec) * 1e9)
        if clock is not None and clock.clock_type == ClockType.SYSTEM_TIME:
            raise NotImplementedError('create_timer(clock=Clock(SYSTEM_TIME)): rclite times timers on the node\'s '
                                      'ROS clock or a steady clock')
        timer = Timer(self, callback, self._group(callback_group), period_ns, clock or self._clock, autostart)
        self._timers.append(timer)
        return timer

    def create_guard_condition(self, callback: Callable, callback_group=None) -> GuardCondition:
        guard = GuardCondition(self, callback, self._group(callback_group))
        self._guards.append(guard)
        return guard

    def create_rate(self, frequency: float, clock: Optional[Clock] = None):
        raise NotImplementedError('Node.create_rate() is not available in rclite\'s Python face yet')

    @property
    def services(self):
        return iter(self._services)

    @property
    def clients(self):
        return iter(self._clients)

    @property
    def publishers(self):
        return iter(self._publishers)

    @property
    def subscriptions(self):
        return iter(self._subscriptions)

    @property
    def timers(self):
        return iter(self._timers)

    @property
    def guards(self):
        return iter(self._guards)

    def _destroy_entity(self, entity, entities: list) -> bool:
        if entity not in entities:
            return False
        entities.remove(entity)
        entity.destroy()
        return True

    def destroy_service(self, service: Service) -> bool:
        return self._destroy_entity(service, self._services)

    def destroy_client(self, client: Client) -> bool:
        return self._destroy_entity(client, self._clients)

    def destroy_publisher(self, publisher: Publisher) -> bool:
        return self._destroy_entity(publisher, self._publishers)

    def destroy_subscription(self, subscription: Subscription) -> bool:
        return self._destroy_entity(subscription, self._subscriptions)

    def destroy_timer(self, timer: Timer) -> bool:
        return self._destroy_entity(timer, self._timers)

    def destroy_guard_condition(self, guard: GuardCondition) -> bool:
        return self._destroy_entity(guard, self._guards)

    def destroy_node(self) -> None:
        """Destroy every entity of the node, then the node."""
        if self.__handle is None:
            return
        if self._executor is not None:
            self._executor.remove_node(self)
        for entities in (self._services, self._clients, self._publishers, self._subscriptions, self._timers,
                         self._guards):
            while entities:
                entities.pop().destroy()
        self._parameter_callbacks.clear()
        handle, self.__handle = self.__handle, None
        handle.destroy()

    # --- Parameters ---------------------------------------------------------------------------------
    def declare_parameter(self, name: str, value: Any = None, descriptor=None,
                          ignore_override: bool = False) -> Parameter:
        if isinstance(value, Parameter.Type):
            raise NotImplementedError('declare_parameter(name, Parameter.Type): declare with a default value')
        description = descriptor.description if descriptor is not None else ''
        read_only = descriptor.read_only if descriptor is not None else False
        dynamic_typing = descriptor.dynamic_typing if descriptor is not None else False
        result = self.handle.declare_parameter(name, _to_core_value(value), description, read_only, dynamic_typing,
                                               ignore_override)
        return Parameter(name, value=result)

    def declare_parameters(self, namespace: str, parameters: List[Tuple], ignore_override: bool = False):
        declared = []
        for entry in parameters:
            name = entry[0] if not namespace else namespace + '.' + entry[0]
            value = entry[1] if len(entry) > 1 else None
            descriptor = entry[2] if len(entry) > 2 else None
            declared.append(self.declare_parameter(name, value, descriptor, ignore_override))
        return declared

    def undeclare_parameter(self, name: str) -> None:
        self.handle.undeclare_parameter(name)

    def has_parameter(self, name: str) -> bool:
        return self.handle.has_parameter(name)

    def get_parameter(self, name: str) -> Parameter:
        return Parameter(name, value=self.handle.get_parameter(name))

    def get_parameters(self, names: List[str]) -> List[Parameter]:
        return [self.get_parameter(name) for name in names]

    def get_parameter_or(self, name: str, alternative_value: Optional[Parameter] = None) -> Parameter:
        if alternative_value is None:
            alternative_value = Parameter(name, Parameter.Type.NOT_SET)
        found = self.handle.get_parameter_or(name)
        if found is None:
            return alternative_value
        return Parameter(name, value=found[0])

    def get_parameters_by_prefix(self, prefix: str):
        names, _ = self.handle.list_parameter_names([prefix] if prefix else [], 0)
        start = len(prefix) + 1 if prefix else 0
        return {name[start:]: self.get_parameter(name) for name in names}

    def set_parameters(self, parameter_list: List[Parameter]):
        from rcl_interfaces.msg import SetParametersResult
        results = self.handle.set_parameters([(p.name, _to_core_value(p.value)) for p in parameter_list])
        return [SetParametersResult(successful=ok, reason=reason) for ok, reason in results]

    def set_parameters_atomically(self, parameter_list: List[Parameter]):
        from rcl_interfaces.msg import SetParametersResult
        ok, reason = self.handle.set_parameters_atomically([(p.name, _to_core_value(p.value)) for p in parameter_list])
        return SetParametersResult(successful=ok, reason=reason)

    def add_on_set_parameters_callback(self, callback: Callable) -> None:
        """`callback(list of Parameter) -> SetParametersResult` before every change; may reject it."""
        def bridge(items):
            result = callback([Parameter(name, value=value) for name, value in items])
            return (bool(result.successful), str(result.reason))

        handle = self.handle.add_on_set_parameters_callback(bridge)
        self._parameter_callbacks.append((callback, handle))

    def remove_on_set_parameters_callback(self, callback: Callable) -> None:
        for entry in list(self._parameter_callbacks):
            if entry[0] is callback:
                self.handle.remove_on_set_parameters_callback(entry[1])
                self._parameter_callbacks.remove(entry)
                return
        raise ValueError('callback is not registered')

    def add_post_set_parameters_callback(self, callback: Callable) -> None:
        raise NotImplementedError('add_post_set_parameters_callback() is not in rclite\'s Python face yet')

    def add_pre_set_parameters_callback(self, callback: Callable) -> None:
        raise NotImplementedError('add_pre_set_parameters_callback() is not in rclite\'s Python face yet')

    # --- Graph ----------------------------------------------------------------------------------------
    def get_node_names(self) -> List[str]:
        return [name for name, _ in self.handle.get_node_names_and_namespaces()]

    def get_node_names_and_namespaces(self) -> List[Tuple[str, str]]:
        return self.handle.get_node_names_and_namespaces()

    def get_topic_names_and_types(self, no_demangle: bool = False):
        return self.handle.get_topic_names_and_types()

    def get_service_names_and_types(self):
        return self.handle.get_service_names_and_types()

    def get_service_names_and_types_by_node(self, node_name: str, node_namespace: str):
        return self.handle.get_service_names_and_types_by_node(node_name, node_namespace)

    def get_client_names_and_types_by_node(self, node_name: str, node_namespace: str):
        return self.handle.get_client_names_and_types_by_node(node_name, node_namespace)

    def get_publisher_names_and_types_by_node(self, node_name: str, node_namespace: str, no_demangle: bool = False):
        return self.handle.get_publisher_names_and_types_by_node(node_name, node_namespace)

    def get_subscriber_names_and_types_by_node(self, node_name: str, node_namespace: str, no_demangle: bool = False):
        return self.handle.get_subscriber_names_and_types_by_node(node_name, node_namespace)

    def count_publishers(self, topic_name: str) -> int:
        return self.handle.count_publishers(self.resolve_topic_name(topic_name))

    def count_subscribers(self, topic_name: str) -> int:
        return self.handle.count_subscribers(self.resolve_topic_name(topic_name))

    def count_services(self, service_name: str) -> int:
        return self.handle.count_services(self.resolve_service_name(service_name))

    def count_clients(self, service_name: str) -> int:
        return self.handle.count_clients(self.resolve_service_name(service_name))

    def __enter__(self) -> 'Node':
        return self

    def __exit__(self, *exc) -> None:
        self.destroy_node()


def _to_core_value(value: Any) -> Any:
    if hasattr(value, 'tolist'):
        return value.tolist()
    return value

