/// @file
/// What every generated interface type tells the rest of rclite about itself.
///
/// The interface compiler (rclite-idl) specialises MessageTraits for every message type and
/// ServiceTraits for every service type, ActionTraits for every action type. Nothing here depends on DDS.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace rclite::wire {

class CdrWriter;
class CdrReader;

/// Specialised by generated code with:
/// @code{.unparsed}
///   ros_type_name  "pkg/msg/Name"
///   dds_type_name  "pkg::msg::dds_::Name_"  (rmw_cyclonedds naming, spec §2)
///   type_hash      "RIHS01_<hex>" (spec §9)
///   definition     the .msg text (or the request/response half of a .srv)
///   min_wire_size  a lower bound of the encoded size, used to reject hostile lengths early
///   static void encode(CdrWriter&, const T&);
///   static void decode(CdrReader&, T&);
///   template <class M, class V> static void visit_fields(M& message, V&& visitor);
///       calls visitor(std::string_view name, member, Bounds bounds) for each field, in order
/// @endcode
template <class T>
struct MessageTraits;

/// Specialised by generated code with ros_type_name, type_hash, definition, and the member
/// types Request, Response and Event.
template <class T>
struct ServiceTraits;

/// Specialised by generated code for every action type with ros_type_name ("pkg/action/Name"),
/// type_hash, definition (the .action text), and the member types Goal, Result, Feedback,
/// SendGoalService and GetResultService (services: ServiceTraits) and FeedbackMessage.
template <class T>
struct ActionTraits;

template <class T, class = void>
struct is_message : std::false_type {};
template <class T>
struct is_message<T, std::void_t<decltype(MessageTraits<T>::ros_type_name)>> : std::true_type {};
/// True when T has generated MessageTraits.
template <class T>
inline constexpr bool is_message_v = is_message<T>::value;

template <class T, class = void>
struct is_service : std::false_type {};
template <class T>
struct is_service<T, std::void_t<decltype(ServiceTraits<T>::ros_type_name)>> : std::true_type {};
/// True when T has generated ServiceTraits.
template <class T>
inline constexpr bool is_service_v = is_service<T>::value;

template <class T, class = void>
struct is_action : std::false_type {};
template <class T>
struct is_action<T, std::void_t<decltype(ActionTraits<T>::ros_type_name)>> : std::true_type {};
/// True when T has generated ActionTraits.
template <class T>
inline constexpr bool is_action_v = is_action<T>::value;

template <class T>
concept Message = is_message_v<T>;
template <class T>
concept Service = is_service_v<T>;
template <class T>
concept Action = is_action_v<T>;

}  // namespace rclite::wire
