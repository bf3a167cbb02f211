"""Subscriptions (rclpy.subscription)."""
import _rclite


class Subscription:
    """A subscription to `msg_type` on `topic`: `callback(msg)` runs on the executor spinning the node."""

    def __init__(self, node, msg_type, topic: str, callback, qos_profile, callback_group, raw: bool) -> None:
        if raw:
            raise NotImplementedError('create_subscription(raw=True) is not available in rclite\'s Python face yet')
        self.msg_type = msg_type
        self.callback = callback
        self.qos_profile = qos_profile
        self.callback_group = callback_group
        self.raw = raw
        group = callback_group._for_node(node) if callback_group is not None else None
        self._core = _rclite.Subscription(node.handle, msg_type, topic, qos_profile._to_core(), callback, group)
        self.topic = self._core.topic_name

    @property
    def topic_name(self) -> str:
        return self.topic

    def get_publisher_count(self) -> int:
        return self._core.get_publisher_count()

    def destroy(self) -> None:
        self._core.destroy()
