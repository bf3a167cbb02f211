"""Publishers (rclpy.publisher)."""
import _rclite


class Publisher:
    """A publisher of `msg_type` on `topic`."""

    def __init__(self, node, msg_type, topic: str, qos_profile, callback_group) -> None:
        self.msg_type = msg_type
        self.qos_profile = qos_profile
        self.callback_group = callback_group
        self._core = _rclite.Publisher(node.handle, msg_type, topic, qos_profile._to_core())
        self.topic = self._core.topic_name

    @property
    def topic_name(self) -> str:
        return self.topic

    def publish(self, msg) -> None:
        """Publish `msg` (a message of msg_type)."""
        if isinstance(msg, bytes):
            raise NotImplementedError('Publisher.publish(bytes): serialized publishing is not in rclite\'s Python '
                                      'face yet')
        if not isinstance(msg, self.msg_type):
            raise TypeError(f'Expected {self.msg_type.__name__}, got {type(msg).__name__}')
        self._core.publish(msg)

    def get_subscription_count(self) -> int:
        return self._core.get_subscription_count()

    def assert_liveliness(self) -> None:
        raise NotImplementedError('Publisher.assert_liveliness() is not available in rclite')

    def wait_for_all_acked(self, timeout=None) -> bool:
        raise NotImplementedError('Publisher.wait_for_all_acked() is not available in rclite')

    def destroy(self) -> None:
        self._core.destroy()
