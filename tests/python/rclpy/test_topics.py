"""Publishers, subscriptions, QoS and the topic graph, as rclpy's test_publisher.py / test_subscription.py do."""
import pytest
from conftest import PATIENCE_SEC, eventually, spin_until
from std_msgs.msg import Int8, MultiArrayDimension, String, UInt8MultiArray

from rclpy.duration import Duration
from rclpy.qos import (DurabilityPolicy, HistoryPolicy, InvalidQoSProfileException, QoSPresetProfiles, QoSProfile,
                       ReliabilityPolicy, qos_profile_sensor_data)


def _publish_until_received(executor, publisher, message, received):
    """Publish `message` until a copy arrives (a subscription may match after the first sample)."""
    def step():
        publisher.publish(message)
        executor.spin_once(timeout_sec=0.05)
    return eventually(lambda: received, PATIENCE_SEC, step=step)


def test_string_round_trip(make_node, unique, executor):
    received = []
    sub_node, pub_node = make_node('listener'), make_node('talker')
    sub_node.create_subscription(String, unique('chatter'), received.append, 10)
    publisher = pub_node.create_publisher(String, unique('chatter'), 10)
    executor.add_node(sub_node)
    assert _publish_until_received(executor, publisher, String(data='hello ünïcode'), received)
    assert received[0] == String(data='hello ünïcode')
    assert isinstance(received[0], String)


def test_one_mebibyte_array_round_trip(make_node, unique, executor):
    received = []
    message = UInt8MultiArray()
    message.layout.dim = [MultiArrayDimension(label='bytes', size=1 << 20, stride=1 << 20)]
    message.data = bytes(i * 7 % 256 for i in range(1 << 20))
    listener = make_node('listener')
    listener.create_subscription(UInt8MultiArray, unique('blob'), received.append, 1)
    publisher = make_node('talker').create_publisher(UInt8MultiArray, unique('blob'), 1)
    executor.add_node(listener)
    assert _publish_until_received(executor, publisher, message, received)
    assert received[0] == message
    assert received[0].layout.dim[0].label == 'bytes'
    assert len(received[0].data) == 1 << 20


def test_transient_local_late_joiner_gets_the_last_samples(make_node, unique, executor):
    latched = QoSProfile(depth=2, durability=DurabilityPolicy.TRANSIENT_LOCAL, reliability=ReliabilityPolicy.RELIABLE)
    publisher = make_node('talker').create_publisher(String, unique('latched'), latched)
    for text in ('one', 'two', 'three'):
        publisher.publish(String(data=text))
    received = []
    listener = make_node('listener')
    listener.create_subscription(String, unique('latched'), lambda m: received.append(m.data), latched)
    executor.add_node(listener)
    assert spin_until(executor, lambda: len(received) >= 2)
    assert received == ['two', 'three']


def test_best_effort_subscription_matches_a_reliable_publisher(make_node, unique):
    publisher = make_node('talker').create_publisher(String, unique('mixed'), 10)
    subscription = make_node('listener').create_subscription(String, unique('mixed'), lambda m: None,
                                                             qos_profile_sensor_data)
    assert eventually(lambda: publisher.get_subscription_count() == 1)
    assert eventually(lambda: subscription.get_publisher_count() == 1)


def test_counts_and_topic_names_and_types(make_node, unique):
    observer = make_node('observer')
    talker = make_node('talker')
    topic = unique('counted')
    publishers = [talker.create_publisher(String, topic, 10) for _ in range(2)]
    talker.create_subscription(String, topic, lambda m: None, 10)
    assert eventually(lambda: observer.count_publishers(topic) == 2)
    assert eventually(lambda: observer.count_subscribers(topic) == 1)
    assert eventually(lambda: (topic, ['std_msgs/msg/String']) in
                      [(name, list(types)) for name, types in observer.get_topic_names_and_types()])
    talker.destroy_publisher(publishers[0])
    assert eventually(lambda: observer.count_publishers(topic) == 1)


def test_publishers_and_subscriptions_by_node(make_node, unique):
    observer = make_node('observer')
    talker = make_node('talker', namespace='/by_node')
    talker.create_publisher(String, unique('out'), 10)
    talker.create_subscription(Int8, unique('in'), lambda m: None, 10)
    assert eventually(lambda: (unique('out'), ['std_msgs/msg/String']) in
                      [(n, list(t)) for n, t in observer.get_publisher_names_and_types_by_node('talker', '/by_node')])
    assert eventually(lambda: (unique('in'), ['std_msgs/msg/Int8']) in
                      [(n, list(t)) for n, t in observer.get_subscriber_names_and_types_by_node('talker', '/by_node')])


def test_publish_wrong_type_raises_type_error(node, unique):
    publisher = node.create_publisher(String, unique('typed'), 10)
    with pytest.raises(TypeError):
        publisher.publish(Int8(data=1))
    with pytest.raises(TypeError):
        publisher.publish('a str is not a String')


def test_out_of_range_field_is_refused_naming_it(node, unique):
    publisher = node.create_publisher(Int8, unique('small'), 10)
    message = Int8()
    message.data = 200  # the generated setter checks only under ROS_PYTHON_CHECK_FIELDS, as rosidl's
    with pytest.raises(OverflowError, match='data'):
        publisher.publish(message)
    message.data = 'text'
    with pytest.raises(TypeError, match='data'):
        publisher.publish(message)


def test_qos_profile_validation():
    with pytest.raises(InvalidQoSProfileException):
        QoSProfile()
    with pytest.raises(InvalidQoSProfileException):
        QoSProfile(history=HistoryPolicy.KEEP_LAST)
    profile = QoSProfile(depth=7)
    assert profile.history == HistoryPolicy.KEEP_LAST and profile.depth == 7
    assert QoSProfile(history=HistoryPolicy.KEEP_ALL).history == HistoryPolicy.KEEP_ALL
    assert QoSPresetProfiles.get_from_short_key('sensor_data') == qos_profile_sensor_data
    assert qos_profile_sensor_data.reliability == ReliabilityPolicy.BEST_EFFORT
    with pytest.raises(ValueError):
        QoSProfile(depth=1, reliability=42)
    assert QoSProfile(depth=1, deadline=Duration(seconds=1)).deadline == Duration(seconds=1)


def test_create_publisher_takes_a_depth_or_a_profile_only(node, unique):
    with pytest.raises(TypeError):
        node.create_publisher(String, unique('t'), 'ten')
    assert node.create_publisher(String, unique('t'), 3).qos_profile.depth == 3


def test_destroyed_publisher_is_gone_from_the_node(node, unique):
    publisher = node.create_publisher(String, unique('gone'), 10)
    subscription = node.create_subscription(String, unique('gone'), lambda m: None, 10)
    assert node.destroy_publisher(publisher)
    assert node.destroy_subscription(subscription)
    assert list(node.publishers) == [] and list(node.subscriptions) == []
