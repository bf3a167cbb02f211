"""Service introspection (rclpy.service_introspection): what a service or client publishes on
"<service>/_service_event" once configure_introspection() is called."""
from enum import IntEnum


class ServiceIntrospectionState(IntEnum):
    """rcl_service_introspection_state_t: no events, events without payloads, events with them."""

    OFF = 0
    METADATA = 1
    CONTENTS = 2
