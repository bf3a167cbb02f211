// Turns the type model into Python interface packages laid out as rosidl_generator_py (ROS 2 Jazzy)
// lays them out, with rclpy's class behaviour, for rclite's rclpy compatibility package:
//
//   DIR/<pkg>/__init__.py
//   DIR/<pkg>/msg/__init__.py        from <pkg>.msg._<snake> import <Name>  # noqa: F401
//   DIR/<pkg>/msg/_<snake>.py        class <Name> (and its metaclass)
//   DIR/<pkg>/msg/<Name>.msg         a copy of the definition: DIR is also an interface root
//   DIR/<pkg>/srv/...                the same for services: <Name>_Request, <Name>_Response,
//                                    <Name>_Event and the service class <Name>
//   DIR/<pkg>/action/...             the same for actions: in _<snake>.py <Name>_Goal, _Result,
//                                    _Feedback, the services <Name>_SendGoal and <Name>_GetResult
//                                    (each with _Request, _Response, _Event), <Name>_FeedbackMessage
//                                    and the action class <Name>; __init__.py exports <Name> and the
//                                    services' parts, as rosidl_generator_py's does
//
// The codec contract (the extension module serializes these classes to CDR and back):
// - every message class has `_RCLITE_TYPE = '<pkg>/msg/<Name>'` (service parts:
//   '<pkg>/srv/<Name>_Request', '_Response', '_Event'); the service class has
//   `_RCLITE_TYPE = '<pkg>/srv/<Name>'`, and Request, Response, Event attributes;
// - an action's classes: '<pkg>/action/<Name>_Goal', '_Result', '_Feedback', '_FeedbackMessage',
//   '<pkg>/action/<Name>_SendGoal_Request' (and _Response, _Event; the same for _GetResult), the
//   derived service classes '<pkg>/action/<Name>_SendGoal' and '<Name>_GetResult'; the action class
//   has `_RCLITE_TYPE = '<pkg>/action/<Name>'`, Goal, Result, Feedback attributes and a class Impl
//   with SendGoalService, GetResultService, FeedbackMessage, CancelGoalService
//   (action_msgs/srv/CancelGoal) and GoalStatusMessage (action_msgs/msg/GoalStatusArray), as rclpy's;
// - `cls()` with no arguments builds an instance holding every field's default;
// - a field `f` lives in the slot `_f` (read and written with getattr/setattr on '_f', which
//   bypasses the checks of the property `f`), in this representation (rclpy's, Jazzy):
//
//   field type (.msg)                    Python value in the slot
//   ----------------------------------   -----------------------------------------------------------
//   bool                                 bool
//   byte                                 bytes of length 1 (default b'\x00')
//   char                                 int in [0, 255] (rosidl maps .msg char to uint8)
//   int8 .. int64, uint8 .. uint64       int
//   float32, float64                     float
//   string, string<=N                    str (UTF-8 on the wire)
//   wstring, wstring<=N                  str (UTF-16 on the wire)
//   nested message                       instance of its class
//   T[N], T numeric (int*, uint*,        numpy.ndarray of shape (N,), dtype numpy.<T>
//     char, float32, float64)              (char: uint8, float32: float32, float64: float64)
//   T[N], T other (bool, byte, string,   list of N values, each as the scalar row above
//     wstring, nested)
//   T[] or T[<=N], T numeric             array.array with typecode: int8 'b', uint8/char 'B',
//                                          int16 'h', uint16 'H', int32 'i', uint32 'I',
//                                          int64 'q', uint64 'Q', float32 'f', float64 'd'
//   T[] or T[<=N], T other               list, each value as the scalar row above
//   bounds (string<=N, T[<=N])           not enforced in the slot; checked only when checking
//
// A message with no fields has no slot but `_check_fields`: the hidden member
// structure_needs_at_least_one_member (one uint8 0 on the wire) is not a Python field, as in rclpy.
// SLOT_TYPES is not generated (it needs rosidl_parser); __repr__ does without it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rclite/idl/interface_library.hpp"

namespace rclite::idl {

// One .msg, .srv or .action file of the package being generated.
struct PythonInput {
  std::filesystem::path file;
  TypeName name;  // pkg/msg/Name, pkg/srv/Name or pkg/action/Name
};

// A file to write, relative to the Python output folder.
struct PythonFile {
  std::filesystem::path path;
  std::string content;
};

// Every file of one package's Python interfaces (modules, __init__.py files, definition copies).
// The inputs must already be parsed into `library`.
std::vector<PythonFile> generate_python_package(const std::string& package,
                                                const std::vector<PythonInput>& inputs,
                                                InterfaceLibrary& library);

}  // namespace rclite::idl
