"""Guard conditions (rclpy.guard_condition): trigger() runs the callback on the node's executor."""
import _rclite


class GuardCondition:
    """A callback run once per trigger(), from any thread, on the executor spinning the node."""

    def __init__(self, node, callback, callback_group) -> None:
        self.callback = callback
        self.callback_group = callback_group
        self._node = node
        self._group = callback_group._for_node(node) if callback_group is not None else None
        self._destroyed = False

    def trigger(self) -> None:
        if not self._destroyed and self.callback is not None:
            _rclite.post(self._node.handle, self.callback, self._group)

    def destroy(self) -> None:
        self._destroyed = True
