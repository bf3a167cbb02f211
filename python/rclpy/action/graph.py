"""Actions in the ROS graph (rclpy.action.graph): found from their feedback topics and services."""
from typing import List, Tuple

_FEEDBACK = '/_action/feedback'
_SEND_GOAL = '/_action/send_goal'


def _actions_of(names_and_types, suffix: str, type_suffix: str) -> List[Tuple[str, List[str]]]:
    actions = []
    for name, types in names_and_types:
        if name.endswith(suffix):
            action_types = [t[:-len(type_suffix)] for t in types if t.endswith(type_suffix)]
            if action_types:
                actions.append((name[:-len(suffix)], action_types))
    return sorted(actions)


def get_action_names_and_types(node) -> List[Tuple[str, List[str]]]:
    """Every action in the graph with its types: `[('/fibonacci', ['example_interfaces/action/Fibonacci'])]`."""
    return _actions_of(node.get_topic_names_and_types(), _FEEDBACK, '_FeedbackMessage')


def get_action_server_names_and_types_by_node(node, remote_node_name: str, remote_node_namespace: str):
    """The actions a node serves (it has their send_goal service)."""
    return _actions_of(node.get_service_names_and_types_by_node(remote_node_name, remote_node_namespace),
                       _SEND_GOAL, '_SendGoal')


def get_action_client_names_and_types_by_node(node, remote_node_name: str, remote_node_namespace: str):
    """The actions a node is a client of (it has a client of their send_goal service)."""
    return _actions_of(node.get_client_names_and_types_by_node(remote_node_name, remote_node_namespace),
                       _SEND_GOAL, '_SendGoal')
