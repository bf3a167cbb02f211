"""Parameters (rclpy.parameter): a name, a type and a value."""
import array
from enum import Enum
from typing import Any, Optional

from rcl_interfaces.msg import ParameterType, ParameterValue

PARAMETER_SEPARATOR_STRING = '.'


class Parameter:
    """rclpy's Parameter."""

    class Type(Enum):
        NOT_SET = ParameterType.PARAMETER_NOT_SET
        BOOL = ParameterType.PARAMETER_BOOL
        INTEGER = ParameterType.PARAMETER_INTEGER
        DOUBLE = ParameterType.PARAMETER_DOUBLE
        STRING = ParameterType.PARAMETER_STRING
        BYTE_ARRAY = ParameterType.PARAMETER_BYTE_ARRAY
        BOOL_ARRAY = ParameterType.PARAMETER_BOOL_ARRAY
        INTEGER_ARRAY = ParameterType.PARAMETER_INTEGER_ARRAY
        DOUBLE_ARRAY = ParameterType.PARAMETER_DOUBLE_ARRAY
        STRING_ARRAY = ParameterType.PARAMETER_STRING_ARRAY

        @classmethod
        def from_parameter_value(cls, parameter_value: Any) -> 'Parameter.Type':
            """The type of a Python value, as rclpy infers it."""
            if parameter_value is None:
                return cls.NOT_SET
            if isinstance(parameter_value, bool):
                return cls.BOOL
            if isinstance(parameter_value, int):
                return cls.INTEGER
            if isinstance(parameter_value, float):
                return cls.DOUBLE
            if isinstance(parameter_value, str):
                return cls.STRING
            if isinstance(parameter_value, (list, tuple, array.array)) or hasattr(parameter_value, 'tolist'):
                values = parameter_value.tolist() if hasattr(parameter_value, 'tolist') else list(parameter_value)
                if all(isinstance(v, bytes) for v in values):
                    return cls.BYTE_ARRAY
                if all(isinstance(v, bool) for v in values):
                    return cls.BOOL_ARRAY
                if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                    return cls.INTEGER_ARRAY
                if all(isinstance(v, float) for v in values):
                    return cls.DOUBLE_ARRAY
                if all(isinstance(v, str) for v in values):
                    return cls.STRING_ARRAY
            if isinstance(parameter_value, bytes):
                return cls.BYTE_ARRAY
            raise TypeError(f"The given value is not one of the allowed types '{parameter_value}'.")

        def check(self, parameter_value: Any) -> bool:
            """True when `parameter_value` is of this type."""
            if self == Parameter.Type.NOT_SET:
                return parameter_value is None
            try:
                return Parameter.Type.from_parameter_value(parameter_value) == self or (
                    self in (Parameter.Type.INTEGER_ARRAY, Parameter.Type.DOUBLE_ARRAY,
                             Parameter.Type.BOOL_ARRAY, Parameter.Type.STRING_ARRAY,
                             Parameter.Type.BYTE_ARRAY) and len(parameter_value) == 0)
            except TypeError:
                return False

    @classmethod
    def from_parameter_msg(cls, param_msg) -> 'Parameter':
        return cls(param_msg.name, value=parameter_value_to_python(param_msg.value))

    def __init__(self, name: str, type_: Optional['Parameter.Type'] = None, value: Any = None) -> None:
        if type_ is None:
            type_ = Parameter.Type.from_parameter_value(value)
        if not isinstance(type_, Parameter.Type):
            raise TypeError("type must be an instance of '{}'".format(repr(Parameter.Type)))
        if not type_.check(value):
            raise ValueError(f"Type '{type_}' and value '{value}' do not agree")
        self._type_ = type_
        self._name = name
        self._value = value

    @property
    def name(self) -> str:
        return self._name

    @property
    def type_(self) -> 'Parameter.Type':
        return self._type_

    @property
    def value(self) -> Any:
        return self._value

    def __eq__(self, other) -> bool:
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name, self._type_, _comparable(self._value)) == \
            (other._name, other._type_, _comparable(other._value))

    def __repr__(self) -> str:
        return f'Parameter(name={self._name!r}, type_={self._type_}, value={self._value!r})'

    def get_parameter_value(self) -> ParameterValue:
        """The value as an rcl_interfaces/msg/ParameterValue."""
        message = ParameterValue(type=self._type_.value)
        t = Parameter.Type
        field = {t.BOOL: 'bool_value', t.INTEGER: 'integer_value', t.DOUBLE: 'double_value', t.STRING: 'string_value',
                 t.BYTE_ARRAY: 'byte_array_value', t.BOOL_ARRAY: 'bool_array_value',
                 t.INTEGER_ARRAY: 'integer_array_value', t.DOUBLE_ARRAY: 'double_array_value',
                 t.STRING_ARRAY: 'string_array_value'}.get(self._type_)
        if field is not None:
            setattr(message, field, self._value)
        return message

    def to_parameter_msg(self):
        from rcl_interfaces.msg import Parameter as ParameterMsg
        return ParameterMsg(name=self._name, value=self.get_parameter_value())


def _comparable(value):
    return value.tolist() if hasattr(value, 'tolist') else value


def parameter_value_to_python(parameter_value: ParameterValue) -> Any:
    """The Python value of an rcl_interfaces/msg/ParameterValue."""
    t = parameter_value.type
    if t == ParameterType.PARAMETER_NOT_SET:
        return None
    field = {ParameterType.PARAMETER_BOOL: 'bool_value', ParameterType.PARAMETER_INTEGER: 'integer_value',
             ParameterType.PARAMETER_DOUBLE: 'double_value', ParameterType.PARAMETER_STRING: 'string_value',
             ParameterType.PARAMETER_BYTE_ARRAY: 'byte_array_value',
             ParameterType.PARAMETER_BOOL_ARRAY: 'bool_array_value',
             ParameterType.PARAMETER_INTEGER_ARRAY: 'integer_array_value',
             ParameterType.PARAMETER_DOUBLE_ARRAY: 'double_array_value',
             ParameterType.PARAMETER_STRING_ARRAY: 'string_array_value'}.get(t)
    if field is None:
        raise RuntimeError(f'unexpected parameter type {t}')
    value = getattr(parameter_value, field)
    return list(value) if isinstance(value, array.array) else value


def get_parameter_value(string_value: str) -> ParameterValue:
    """rclpy's YAML-like guess of a parameter value from a string."""
    import yaml
    try:
        value = yaml.safe_load(string_value)
    except yaml.parser.ParserError:
        value = string_value
    return Parameter('', value=value).get_parameter_value()

