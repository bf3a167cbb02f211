"""Actions (rclpy.action): goals with feedback, results and cancel, on three services and two topics
under `<name>/_action/` (the ROS 2 action protocol, as rcl_action speaks it)."""
from rclpy.action.client import ActionClient, ClientGoalHandle
from rclpy.action.graph import (get_action_client_names_and_types_by_node, get_action_names_and_types,
                                get_action_server_names_and_types_by_node)
from rclpy.action.server import ActionServer, CancelResponse, GoalResponse, ServerGoalHandle

__all__ = ['ActionClient', 'ActionServer', 'CancelResponse', 'ClientGoalHandle', 'GoalResponse',
           'ServerGoalHandle', 'get_action_client_names_and_types_by_node', 'get_action_names_and_types',
           'get_action_server_names_and_types_by_node']
