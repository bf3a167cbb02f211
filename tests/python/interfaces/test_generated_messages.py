"""The Python interface classes rclite-idl generates behave as rclpy's (ROS 2 Jazzy) do.

Run by ctest with PYTHONPATH=<build>/python (the bundled packages) and, for the user package
test, RCLITE_IDL (the built rclite-idl) and RCLITE_INTERFACES_DIR (the bundled definitions).
"""
import array
import os
import pathlib
import subprocess
import sys
import textwrap

import numpy
import pytest

from action_msgs.msg import GoalStatusArray
from action_msgs.srv import CancelGoal
from builtin_interfaces.msg import Time
from example_interfaces.action import Fibonacci
from example_interfaces.msg import ByteMultiArray, Float32MultiArray, Int8
from example_interfaces.srv import AddTwoInts, AddTwoInts_Request
from rcl_interfaces.msg import Log, ParameterType
from service_msgs.msg import ServiceEventInfo
from std_msgs.msg import Empty as EmptyMsg, Int32MultiArray, MultiArrayDimension, String
from std_srvs.srv import Empty
from unique_identifier_msgs.msg import UUID

PYTHON_ROOT = pathlib.Path(sys.modules['std_msgs'].__file__).parent.parent


# --- constructor, defaults, kwargs ---------------------------------------------------------------

def test_constructor_defaults_are_the_types_zero_values():
    request = AddTwoInts.Request()
    assert (request.a, request.b) == (0, 0)
    assert String().data == ''
    assert Int8().data == 0


def test_constructor_takes_fields_as_keywords():
    request = AddTwoInts.Request(a=2, b=3)
    assert (request.a, request.b) == (2, 3)


def test_fields_live_in_underscore_slots():
    request = AddTwoInts.Request(a=2)
    assert request._a == 2
    assert AddTwoInts_Request.__slots__ == ['_a', '_b', '_check_fields']
    with pytest.raises(AttributeError):
        request.c = 1


def test_nested_fields_default_to_a_new_instance_each():
    first, second = Log(), Log()
    assert first.stamp == Time()
    assert first.stamp is not second.stamp


def test_rclite_type_names_each_class():
    assert String._RCLITE_TYPE == 'std_msgs/msg/String'
    assert AddTwoInts._RCLITE_TYPE == 'example_interfaces/srv/AddTwoInts'
    assert AddTwoInts.Request._RCLITE_TYPE == 'example_interfaces/srv/AddTwoInts_Request'
    assert AddTwoInts.Response._RCLITE_TYPE == 'example_interfaces/srv/AddTwoInts_Response'
    assert AddTwoInts.Event._RCLITE_TYPE == 'example_interfaces/srv/AddTwoInts_Event'


# --- representations as rclpy keeps them ---------------------------------------------------------

def test_numeric_sequences_are_array_arrays_with_rclpys_typecodes():
    message = Int32MultiArray(data=[1, 2, 3])
    assert isinstance(message.data, array.array)
    assert message.data.typecode == 'i'
    assert Float32MultiArray(data=[1.5]).data.typecode == 'f'
    message.data = (4, 5)
    assert message.data == array.array('i', [4, 5])


def test_fixed_numeric_arrays_are_numpy_arrays_of_their_dtype():
    gid = ServiceEventInfo().client_gid
    assert isinstance(gid, numpy.ndarray)
    assert gid.dtype == numpy.uint8
    assert gid.shape == (16,)
    info = ServiceEventInfo(client_gid=list(range(16)))
    assert info.client_gid.dtype == numpy.uint8
    assert list(info.client_gid) == list(range(16))


def test_fixed_array_of_wrong_size_is_refused():
    with pytest.raises(AssertionError):
        ServiceEventInfo(client_gid=[1, 2])


def test_byte_sequences_are_lists_of_bytes():
    message = ByteMultiArray(data=[b'\x01', b'\xff'])
    assert message.data == [b'\x01', b'\xff']
    assert ByteMultiArray().data == []


# --- repr ----------------------------------------------------------------------------------------

def test_repr_of_a_request_is_rclpys():
    assert repr(AddTwoInts.Request(a=2, b=3)) == 'example_interfaces.srv.AddTwoInts_Request(a=2, b=3)'
    assert repr(AddTwoInts.Response(sum=5)) == 'example_interfaces.srv.AddTwoInts_Response(sum=5)'


def test_repr_of_strings_is_rclpys():
    assert repr(String(data='hi')) == "std_msgs.msg.String(data='hi')"


def test_repr_of_sequences_drops_the_array_wrapper():
    assert repr(Int32MultiArray(data=[1, 2, 3])) == (
        'std_msgs.msg.Int32MultiArray(layout=std_msgs.msg.MultiArrayLayout(dim=[], data_offset=0), '
        'data=[1, 2, 3])')
    assert repr(Float32MultiArray()) == (
        'example_interfaces.msg.Float32MultiArray('
        'layout=example_interfaces.msg.MultiArrayLayout(dim=[], data_offset=0), data=[])')


def test_repr_of_nested_lists_and_fixed_arrays_is_rclpys():
    dimension = MultiArrayDimension(label='x', size=2, stride=2)
    message = Int32MultiArray(data=[7])
    message.layout.dim = [dimension]
    assert repr(message) == (
        "std_msgs.msg.Int32MultiArray(layout=std_msgs.msg.MultiArrayLayout("
        "dim=[std_msgs.msg.MultiArrayDimension(label='x', size=2, stride=2)], data_offset=0), "
        "data=[7])")
    assert repr(ServiceEventInfo()) == (
        'service_msgs.msg.ServiceEventInfo(event_type=0, '
        'stamp=builtin_interfaces.msg.Time(sec=0, nanosec=0), '
        'client_gid=array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], dtype=uint8), '
        'sequence_number=0)')
    assert repr(ByteMultiArray(data=[b'\x01'])).endswith("data=[b'\\x01'])")


# --- eq ------------------------------------------------------------------------------------------

def test_equal_when_every_field_is():
    assert AddTwoInts.Request(a=1, b=2) == AddTwoInts.Request(a=1, b=2)
    assert AddTwoInts.Request(a=1, b=2) != AddTwoInts.Request(a=1, b=3)
    assert AddTwoInts.Request() != AddTwoInts.Response()
    assert Int32MultiArray(data=[1]) != Int32MultiArray(data=[2])


def test_fixed_arrays_differing_in_one_element_are_not_equal():
    gid = [0] * 16
    other = [0] * 15 + [1]
    assert ServiceEventInfo(client_gid=gid) == ServiceEventInfo(client_gid=gid)
    assert ServiceEventInfo(client_gid=gid) != ServiceEventInfo(client_gid=other)


# --- constants -----------------------------------------------------------------------------------

def test_constants_are_class_and_instance_attributes():
    assert Log.DEBUG == 10
    assert Log.FATAL == 50
    assert Log().ERROR == 40
    assert ParameterType.PARAMETER_STRING == 4
    assert 'PARAMETER_STRING' in ParameterType.__doc__


# --- check_fields --------------------------------------------------------------------------------

def test_without_checks_any_value_is_stored():
    request = AddTwoInts.Request(a='not a number')
    assert request.a == 'not a number'
    AddTwoInts.Request(no_such_field=1)


def test_check_fields_refuses_a_wrong_type():
    with pytest.raises(AssertionError, match="The 'a' field must be of type 'int'"):
        AddTwoInts.Request(a='x', check_fields=True)


def test_check_fields_refuses_an_out_of_range_integer():
    with pytest.raises(AssertionError, match=r"The 'data' field must be an integer in \[-128, 127\]"):
        Int8(data=128, check_fields=True)
    message = Int8(check_fields=True)
    with pytest.raises(AssertionError):
        message.data = -129


def test_check_fields_refuses_unknown_keywords():
    with pytest.raises(AssertionError, match='Invalid arguments passed to constructor: c'):
        AddTwoInts.Request(c=1, check_fields=True)


def test_check_fields_refuses_a_wrong_array_typecode_and_element():
    message = Int32MultiArray(check_fields=True)
    with pytest.raises(AssertionError, match="must have the type code of 'i'"):
        message.data = array.array('q', [1])
    with pytest.raises(AssertionError, match='each integer in'):
        message.data = [2 ** 40]


def test_ros_python_check_fields_environment_turns_checks_on():
    code = textwrap.dedent('''
        from example_interfaces.srv import AddTwoInts
        try:
            AddTwoInts.Request(a='x')
        except AssertionError as error:
            print('refused:', error)
        print(AddTwoInts.Request(a='y', check_fields=False).a)
    ''')
    environment = dict(os.environ, ROS_PYTHON_CHECK_FIELDS='1')
    output = subprocess.run([sys.executable, '-c', code], env=environment, check=True,
                            capture_output=True, text=True).stdout
    assert output == "refused: The 'a' field must be of type 'int'\ny\n"


def test_under_humble_every_field_is_checked_always():
    code = textwrap.dedent('''
        from example_interfaces.srv import AddTwoInts
        for make in (lambda: AddTwoInts.Request(a='x'), lambda: AddTwoInts.Request(a='y', check_fields=False)):
            try:
                make()
            except AssertionError as error:
                print('refused:', error)
        print(AddTwoInts.Request(a=3).a)
    ''')
    environment = dict(os.environ, ROS_DISTRO='humble')
    environment.pop('ROS_PYTHON_CHECK_FIELDS', None)
    output = subprocess.run([sys.executable, '-c', code], env=environment, check=True,
                            capture_output=True, text=True).stdout
    assert output == "refused: The 'a' field must be of type 'int'\n" * 2 + "3\n"


# --- get_fields_and_field_types ------------------------------------------------------------------

def test_field_types_use_rosidls_names():
    assert AddTwoInts.Request.get_fields_and_field_types() == {'a': 'int64', 'b': 'int64'}
    assert ServiceEventInfo.get_fields_and_field_types() == {
        'event_type': 'uint8', 'stamp': 'builtin_interfaces/Time', 'client_gid': 'uint8[16]',
        'sequence_number': 'int64'}
    assert ByteMultiArray.get_fields_and_field_types()['data'] == 'sequence<octet>'
    assert Log.get_fields_and_field_types()['level'] == 'uint8'


def test_field_types_are_a_copy():
    types = String.get_fields_and_field_types()
    types['data'] = 'changed'
    assert String.get_fields_and_field_types() == {'data': 'string'}


# --- services ------------------------------------------------------------------------------------

def test_service_class_has_request_response_and_event():
    assert AddTwoInts.Request is AddTwoInts_Request
    assert AddTwoInts.Response.__name__ == 'AddTwoInts_Response'
    event = AddTwoInts.Event()
    assert event.info == ServiceEventInfo()
    assert event.request == [] and event.response == []
    assert AddTwoInts.Event.get_fields_and_field_types() == {
        'info': 'service_msgs/ServiceEventInfo',
        'request': 'sequence<example_interfaces/AddTwoInts_Request, 1>',
        'response': 'sequence<example_interfaces/AddTwoInts_Response, 1>'}


def test_event_bounds_its_request_list_when_checking():
    with pytest.raises(AssertionError, match='with length <= 1'):
        AddTwoInts.Event(request=[AddTwoInts.Request(), AddTwoInts.Request()], check_fields=True)


def test_service_class_cannot_be_instantiated():
    with pytest.raises(NotImplementedError):
        AddTwoInts()


# --- actions -------------------------------------------------------------------------------------

def test_action_class_has_goal_result_and_feedback():
    goal = Fibonacci.Goal(order=5)
    assert repr(goal) == 'example_interfaces.action.Fibonacci_Goal(order=5)'
    assert Fibonacci.Goal.__name__ == 'Fibonacci_Goal'
    result = Fibonacci.Result()
    assert isinstance(result.sequence, array.array) and result.sequence.typecode == 'i'
    assert repr(Fibonacci.Feedback(sequence=[0, 1, 1])) == \
        'example_interfaces.action.Fibonacci_Feedback(sequence=[0, 1, 1])'
    with pytest.raises(NotImplementedError):
        Fibonacci()


def test_action_impl_holds_the_services_and_messages_rclpy_uses():
    impl = Fibonacci.Impl
    request = impl.SendGoalService.Request()
    assert isinstance(request.goal_id, UUID)
    assert isinstance(request.goal_id.uuid, numpy.ndarray)
    assert request.goal_id.uuid.dtype == numpy.uint8 and request.goal_id.uuid.shape == (16,)
    assert request.goal == Fibonacci.Goal()
    assert impl.SendGoalService.Response().accepted is False
    assert impl.GetResultService.Response().result == Fibonacci.Result()
    feedback = impl.FeedbackMessage(feedback=Fibonacci.Feedback(sequence=[0, 1]))
    assert feedback.feedback.sequence == array.array('i', [0, 1])
    assert impl.CancelGoalService is CancelGoal
    assert impl.GoalStatusMessage is GoalStatusArray


def test_action_derived_types_field_types_are_rosidls():
    impl = Fibonacci.Impl
    assert Fibonacci.Goal.get_fields_and_field_types() == {'order': 'int32'}
    assert Fibonacci.Result.get_fields_and_field_types() == {'sequence': 'sequence<int32>'}
    assert impl.SendGoalService.Request.get_fields_and_field_types() == {
        'goal_id': 'unique_identifier_msgs/UUID', 'goal': 'example_interfaces/Fibonacci_Goal'}
    assert impl.SendGoalService.Response.get_fields_and_field_types() == {
        'accepted': 'boolean', 'stamp': 'builtin_interfaces/Time'}
    assert impl.GetResultService.Request.get_fields_and_field_types() == {
        'goal_id': 'unique_identifier_msgs/UUID'}
    assert impl.GetResultService.Response.get_fields_and_field_types() == {
        'status': 'int8', 'result': 'example_interfaces/Fibonacci_Result'}
    assert impl.FeedbackMessage.get_fields_and_field_types() == {
        'goal_id': 'unique_identifier_msgs/UUID', 'feedback': 'example_interfaces/Fibonacci_Feedback'}
    assert impl.SendGoalService.Event.get_fields_and_field_types() == {
        'info': 'service_msgs/ServiceEventInfo',
        'request': 'sequence<example_interfaces/Fibonacci_SendGoal_Request, 1>',
        'response': 'sequence<example_interfaces/Fibonacci_SendGoal_Response, 1>'}


def test_action_rclite_types_name_each_class():
    impl = Fibonacci.Impl
    assert Fibonacci._RCLITE_TYPE == 'example_interfaces/action/Fibonacci'
    assert Fibonacci.Goal._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_Goal'
    assert Fibonacci.Result._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_Result'
    assert Fibonacci.Feedback._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_Feedback'
    assert impl.SendGoalService._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_SendGoal'
    assert impl.SendGoalService.Request._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_SendGoal_Request'
    assert impl.SendGoalService.Response._RCLITE_TYPE == \
        'example_interfaces/action/Fibonacci_SendGoal_Response'
    assert impl.SendGoalService.Event._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_SendGoal_Event'
    assert impl.GetResultService._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_GetResult'
    assert impl.GetResultService.Request._RCLITE_TYPE == \
        'example_interfaces/action/Fibonacci_GetResult_Request'
    assert impl.GetResultService.Response._RCLITE_TYPE == \
        'example_interfaces/action/Fibonacci_GetResult_Response'
    assert impl.GetResultService.Event._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_GetResult_Event'
    assert impl.FeedbackMessage._RCLITE_TYPE == 'example_interfaces/action/Fibonacci_FeedbackMessage'


def test_action_nested_fields_are_checked_against_their_classes():
    request = Fibonacci.Impl.SendGoalService.Request(check_fields=True)
    request.goal = Fibonacci.Goal(order=3)
    with pytest.raises(AssertionError, match="must be a sub message of type 'Fibonacci_Goal'"):
        request.goal = Fibonacci.Result()


def test_action_package_exports_what_rosidl_exports():
    import example_interfaces.action as module
    exported = sorted(name for name in dir(module) if name.startswith('Fibonacci'))
    assert exported == ['Fibonacci', 'Fibonacci_GetResult_Event', 'Fibonacci_GetResult_Request',
                        'Fibonacci_GetResult_Response', 'Fibonacci_SendGoal_Event',
                        'Fibonacci_SendGoal_Request', 'Fibonacci_SendGoal_Response']
    assert module.Fibonacci_SendGoal_Request is Fibonacci.Impl.SendGoalService.Request


# --- empty messages ------------------------------------------------------------------------------

def test_empty_messages_have_no_python_field():
    request = Empty.Request()
    assert repr(request) == 'std_srvs.srv.Empty_Request()'
    assert Empty.Request.__slots__ == ['_check_fields']
    assert Empty.Request.get_fields_and_field_types() == {}
    assert Empty.Request() == Empty.Request()
    assert Empty.Response() != Empty.Request()
    assert repr(EmptyMsg()) == 'std_msgs.msg.Empty()'


# --- every bundled type ---------------------------------------------------------------------------

def bundled_classes():
    import importlib
    classes = []
    for init in sorted(PYTHON_ROOT.glob('*/*/__init__.py')):
        module = importlib.import_module(init.parent.parent.name + '.' + init.parent.name)
        for name in sorted(dir(module)):
            cls = getattr(module, name)
            if isinstance(cls, type) and hasattr(cls, '_RCLITE_TYPE') and hasattr(cls, '__slots__'):
                classes.append(cls)
            if isinstance(cls, type) and hasattr(cls, 'Impl'):
                # an action: its parts the package does not export
                classes += [cls.Goal, cls.Result, cls.Feedback, cls.Impl.FeedbackMessage]
    return classes


@pytest.mark.parametrize('cls', bundled_classes(), ids=lambda cls: cls._RCLITE_TYPE)
def test_every_bundled_default_passes_its_own_checks(cls):
    checked, plain = cls(check_fields=True), cls()
    assert checked == plain
    assert repr(checked) == repr(plain)
    for field in cls.get_fields_and_field_types():
        setattr(checked, field, getattr(plain, field))
        assert getattr(checked, '_' + field) is not None


# --- layout on disk ------------------------------------------------------------------------------

def test_layout_is_rosidl_generator_pys_with_the_definitions_beside():
    std_msgs = PYTHON_ROOT / 'std_msgs'
    assert (std_msgs / '__init__.py').is_file()
    assert (std_msgs / 'msg' / '_multi_array_layout.py').is_file()
    assert (std_msgs / 'msg' / 'MultiArrayLayout.msg').is_file()
    assert ('from std_msgs.msg._multi_array_layout import MultiArrayLayout  # noqa: F401'
            in (std_msgs / 'msg' / '__init__.py').read_text().splitlines())
    srv = PYTHON_ROOT / 'example_interfaces' / 'srv'
    assert (srv / '_add_two_ints.py').is_file()
    source = pathlib.Path(os.environ['RCLITE_INTERFACES_DIR']) / 'example_interfaces/srv/AddTwoInts.srv'
    assert (srv / 'AddTwoInts.srv').read_text() == source.read_text()
    action = PYTHON_ROOT / 'example_interfaces' / 'action'
    assert (action / '_fibonacci.py').is_file()
    source = pathlib.Path(os.environ['RCLITE_INTERFACES_DIR']) / 'example_interfaces/action/Fibonacci.action'
    assert (action / 'Fibonacci.action').read_text() == source.read_text()
    for package in ('action_msgs', 'unique_identifier_msgs'):
        assert (PYTHON_ROOT / package / 'msg' / '__init__.py').is_file()


# --- a user's package ----------------------------------------------------------------------------

ODD_MSG = r'''
# odd corners of the .msg syntax
int8 SMALL=-128
uint64 BIG=18446744073709551615
float64 PI=3.14159
string GREETING="hello # not a comment"
bool YES=true
bool flag true
byte raw 0xff
char letter 65
float32 ratio 0.5
float64 scale -1e-3
int32 count -7
string name "it's \"quoted\""
string<=8 short_name 'abc'
wstring wide "wide"
int32[3] triple [1, 2, 3]
float64[<=4] bounded [1.5, -2.0]
string[] words ["a,b", 'c']
string<=3[<=2] tiny_words
bool[] flags [true, false, 1]
uint8[] blob
byte[2] two_bytes
int32 class
Inner inner
Inner[2] pair
builtin_interfaces/Time[] stamps
uint64[2] wide_ints
'''


@pytest.fixture(scope='module')
def odd_pkg(tmp_path_factory):
    root = tmp_path_factory.mktemp('odd')
    definitions = root / 'definitions' / 'odd_pkg'
    (definitions / 'msg').mkdir(parents=True)
    (definitions / 'srv').mkdir()
    (definitions / 'action').mkdir()
    (definitions / 'msg' / 'Odd.msg').write_text(ODD_MSG)
    (definitions / 'msg' / 'Inner.msg').write_text('float32[2] xy\n')
    (definitions / 'msg' / 'Nothing.msg').write_text('# no fields at all\n')
    (definitions / 'srv' / 'AskThings.srv').write_text('string<=5 q\n---\nNothing none\nInner[] inners\n')
    (definitions / 'action' / 'DoOddThing.action').write_text(
        'Inner target\nint32 LIMIT=3\n---\nbool done true\n---\nfloat64[<=2] progress\n')
    output = root / 'python'
    files = sorted(str(p) for p in definitions.glob('*/*.*'))
    subprocess.run([os.environ['RCLITE_IDL'], '--package', 'odd_pkg', '--python-output', str(output),
                    '--include', os.environ['RCLITE_INTERFACES_DIR'], *files], check=True)
    sys.path.insert(0, str(output))
    import odd_pkg.msg
    import odd_pkg.srv
    import odd_pkg.action
    yield odd_pkg
    sys.path.remove(str(output))


def test_user_package_layout(odd_pkg):
    root = pathlib.Path(odd_pkg.__file__).parent
    names = sorted(str(p.relative_to(root)) for p in root.rglob('*') if p.is_file() and '__pycache__' not in str(p))
    assert names == ['__init__.py', 'action/DoOddThing.action', 'action/__init__.py', 'action/_do_odd_thing.py',
                     'msg/Inner.msg', 'msg/Nothing.msg', 'msg/Odd.msg', 'msg/__init__.py',
                     'msg/_inner.py', 'msg/_nothing.py', 'msg/_odd.py', 'srv/AskThings.srv',
                     'srv/__init__.py', 'srv/_ask_things.py']


def test_user_package_defaults_from_the_definition(odd_pkg):
    odd = odd_pkg.msg.Odd()
    assert odd.flag is True
    assert odd.raw == b'\xff'
    assert odd.letter == 65
    assert odd.ratio == 0.5 and odd.scale == -1e-3 and odd.count == -7
    assert odd.name == 'it\'s "quoted"'
    assert odd.short_name == 'abc' and odd.wide == 'wide'
    assert odd.triple.dtype == numpy.int32 and list(odd.triple) == [1, 2, 3]
    assert odd.bounded == array.array('d', [1.5, -2.0])
    assert odd.words == ['a,b', 'c']
    assert odd.tiny_words == []
    assert odd.flags == [True, False, True]
    assert odd.blob == array.array('B')
    assert odd.two_bytes == [b'\x00', b'\x00']
    assert getattr(odd, 'class') == 0
    assert odd.inner.xy.dtype == numpy.float32
    assert len(odd.pair) == 2 and odd.pair[0] == odd_pkg.msg.Inner()
    assert odd.stamps == []
    assert odd.wide_ints.dtype == numpy.uint64


def test_user_package_defaults_are_fresh_objects(odd_pkg):
    first, second = odd_pkg.msg.Odd(), odd_pkg.msg.Odd()
    first.words.append('x')
    first.bounded.append(3.0)
    assert second.words == ['a,b', 'c']
    assert odd_pkg.msg.Odd.WORDS__DEFAULT == ['a,b', 'c']


def test_user_package_constants(odd_pkg):
    Odd = odd_pkg.msg.Odd
    assert (Odd.SMALL, Odd.BIG, Odd.PI, Odd.GREETING, Odd.YES) == (
        -128, 18446744073709551615, 3.14159, 'hello # not a comment', True)


def test_user_package_field_types(odd_pkg):
    assert odd_pkg.msg.Odd.get_fields_and_field_types() == {
        'flag': 'boolean', 'raw': 'octet', 'letter': 'uint8', 'ratio': 'float', 'scale': 'double',
        'count': 'int32', 'name': 'string', 'short_name': 'string<8>', 'wide': 'wstring',
        'triple': 'int32[3]', 'bounded': 'sequence<double, 4>', 'words': 'sequence<string>',
        'tiny_words': 'sequence<string<3>, 2>', 'flags': 'sequence<boolean>', 'blob': 'sequence<uint8>',
        'two_bytes': 'octet[2]', 'class': 'int32', 'inner': 'odd_pkg/Inner', 'pair': 'odd_pkg/Inner[2]',
        'stamps': 'sequence<builtin_interfaces/Time>', 'wide_ints': 'uint64[2]'}


def test_user_package_repr(odd_pkg):
    text = repr(odd_pkg.msg.Odd())
    assert text.startswith("odd_pkg.msg.Odd(flag=True, raw=b'\\xff', letter=65, ratio=0.5, scale=-0.001, ")
    assert 'triple=array([1, 2, 3], dtype=int32), bounded=[1.5, -2.0], ' in text
    assert "words=['a,b', 'c'], tiny_words=[], flags=[True, False, True], blob=[], " in text
    assert "two_bytes=[b'\\x00', b'\\x00'], class=0, " in text
    assert 'inner=odd_pkg.msg.Inner(xy=array([0., 0.], dtype=float32)), ' in text
    assert text.endswith('stamps=[], wide_ints=array([0, 0], dtype=uint64))')


def test_user_package_checks(odd_pkg):
    odd = odd_pkg.msg.Odd(check_fields=True)
    with pytest.raises(AssertionError, match="The 'short_name' field must be string value not longer than 8"):
        odd.short_name = 'x' * 9
    with pytest.raises(AssertionError, match='each string value not longer than 3'):
        odd.tiny_words = ['abcd']
    with pytest.raises(AssertionError, match='with length <= 2'):
        odd.tiny_words = ['a', 'b', 'c']
    with pytest.raises(AssertionError, match="must be of type 'bytes' or 'ByteString' with length 1"):
        odd.raw = b'ab'
    with pytest.raises(AssertionError, match="must be a sub message of type 'Inner'"):
        odd.inner = odd_pkg.msg.Nothing()
    with pytest.raises(AssertionError, match="The 'scale' field must be of type 'float'"):
        odd.scale = 1
    with pytest.raises(AssertionError, match=r'The .ratio. field must be a float in \[-3.402823466e\+38, '):
        odd.ratio = 1e39
    odd.ratio = float('inf')
    with pytest.raises(AssertionError, match="must have the dtype of 'numpy.int32'"):
        odd.triple = numpy.zeros(3, dtype=numpy.int64)
    with pytest.raises(AssertionError, match=r"must be an integer in \[-2147483648, 2147483647\]"):
        setattr(odd, 'class', 2 ** 31)
    odd.triple = [4, 5, 6]
    assert odd.triple.dtype == numpy.int32


def test_user_package_empty_message_and_service(odd_pkg):
    assert repr(odd_pkg.msg.Nothing()) == 'odd_pkg.msg.Nothing()'
    AskThings = odd_pkg.srv.AskThings
    response = AskThings.Response()
    assert response.none == odd_pkg.msg.Nothing()
    assert repr(AskThings.Request(q='hi')) == "odd_pkg.srv.AskThings_Request(q='hi')"
    assert AskThings.Event._RCLITE_TYPE == 'odd_pkg/srv/AskThings_Event'
    assert AskThings.Event.get_fields_and_field_types()['request'] == 'sequence<odd_pkg/AskThings_Request, 1>'


def test_user_package_action(odd_pkg):
    DoOddThing = odd_pkg.action.DoOddThing
    goal = DoOddThing.Goal()
    assert goal.target == odd_pkg.msg.Inner()
    assert DoOddThing.Goal.LIMIT == 3
    assert DoOddThing.Result().done is True
    assert DoOddThing.Feedback(progress=[0.5]).progress == array.array('d', [0.5])
    assert repr(DoOddThing.Result()) == 'odd_pkg.action.DoOddThing_Result(done=True)'
    assert DoOddThing._RCLITE_TYPE == 'odd_pkg/action/DoOddThing'
    assert DoOddThing.Impl.GetResultService._RCLITE_TYPE == 'odd_pkg/action/DoOddThing_GetResult'
    assert DoOddThing.Impl.SendGoalService.Request().goal == goal
    assert DoOddThing.Impl.FeedbackMessage.get_fields_and_field_types() == {
        'goal_id': 'unique_identifier_msgs/UUID', 'feedback': 'odd_pkg/DoOddThing_Feedback'}
    with pytest.raises(AssertionError, match='with length <= 2'):
        DoOddThing.Feedback(check_fields=True).progress = [1.0, 2.0, 3.0]
    definition = pathlib.Path(odd_pkg.__file__).parent / 'action' / 'DoOddThing.action'
    assert definition.read_text().startswith('Inner target\n')


# --- a package generated through rclite_generate_interfaces(... PYTHON_OUTPUT_DIR) -----------------

def test_cmake_function_generates_python():
    from rclite_test_msgs.msg import Everything
    from rclite_test_msgs.srv import Compute
    everything = Everything()
    assert everything.flag is True
    assert Everything.GREETING == 'hello # not a comment'
    assert getattr(everything, 'class') == 0
    assert Compute.Request._RCLITE_TYPE == 'rclite_test_msgs/srv/Compute_Request'
    from rclite_test_msgs.action import Navigate
    from rclite_test_msgs.msg import Nested
    assert Navigate.Goal().tolerance == 0.5
    assert isinstance(Navigate.Goal().target, Nested)
    assert Navigate.Result.OUTCOME_LOST == 1
    assert Navigate.Impl.FeedbackMessage._RCLITE_TYPE == 'rclite_test_msgs/action/Navigate_FeedbackMessage'
