"""Callback groups (rclpy.callback_groups): which callbacks a multi-threaded executor may overlap."""
import weakref

import _rclite


class CallbackGroup:
    """A set of entities; the C++ group is made per node on first use (a group is node-free in rclpy)."""

    _reentrant = False

    def __init__(self) -> None:
        self._per_node = weakref.WeakKeyDictionary()
        self.entities = weakref.WeakSet()

    def _for_node(self, node):
        group = self._per_node.get(node)
        if group is None:
            group = _rclite.create_callback_group(node.handle, self._reentrant)
            self._per_node[node] = group
        return group

    def add_entity(self, entity) -> None:
        """Remember `entity` as a member."""
        self.entities.add(entity)

    def has_entity(self, entity) -> bool:
        """True when `entity` is a member."""
        return entity in self.entities

    def can_execute(self, entity) -> bool:
        """rclpy's scheduling hook: rclite's executors schedule groups themselves."""
        return True


class MutuallyExclusiveCallbackGroup(CallbackGroup):
    """One callback of the group at a time."""


class ReentrantCallbackGroup(CallbackGroup):
    """Callbacks of the group may run in parallel."""

    _reentrant = True
