// The definition texts a type carries, gathered with those of every type it nests, so that a node
// can describe the types it uses (~/get_type_description) with the same parser and hash rules that
// produced the hashes. Collected only on demand: registering a generated type with a node stores one
// function pointer; a runtime-typed entity's collector owns the texts its interface library loaded
// (src/node/runtime_type_definitions.hpp).
#pragma once

#include <array>
#include <functional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "rclite/wire/message_traits.hpp"

namespace rclite::detail {

struct TypeDefinition {
  std::string_view type_name;   // "pkg/msg/Name" or "pkg/srv/Name"
  std::string_view definition;  // the .msg text, or the whole .srv text for a service
  std::string_view type_hash;   // the generated RIHS01 hash
  bool is_service = false;
};

// Appends the definition of the registered type first, then those of the types it nests (each once).
// The views it appends stay valid while the collector (or a copy of it) lives.
using DefinitionCollector = std::function<void(std::vector<TypeDefinition>& out)>;

namespace type_definitions {

template <class T>
struct element {
  using type = T;
};
template <class T, class Allocator>
struct element<std::vector<T, Allocator>> {
  using type = T;
};
template <class T, std::size_t N>
struct element<std::array<T, N>> {
  using type = T;
};

inline bool contains(const std::vector<TypeDefinition>& found, std::string_view name) {
  for (const auto& definition : found) {
    if (definition.type_name == name) return true;
  }
  return false;
}

template <class Msg>
void collect_message(std::vector<TypeDefinition>& out) {
  using Traits = wire::MessageTraits<Msg>;
  if (contains(out, Traits::ros_type_name)) return;
  out.push_back({Traits::ros_type_name, Traits::definition, Traits::type_hash, false});
  const Msg sample{};
  Traits::visit_fields(sample, [&out](std::string_view, const auto& member, auto) {
    using Member = typename element<std::remove_cvref_t<decltype(member)>>::type;
    if constexpr (wire::is_message_v<Member>) collect_message<Member>(out);
  });
}

// A service: its own .srv text, then what its request, response and event nest. The request,
// response and event themselves are derived from the .srv text, as rosidl does.
template <class Srv>
void collect_service(std::vector<TypeDefinition>& out) {
  using Traits = wire::ServiceTraits<Srv>;
  out.push_back({Traits::ros_type_name, Traits::definition, Traits::type_hash, true});
  const auto nested_of = [&out](const auto& message) {
    using Msg = std::remove_cvref_t<decltype(message)>;
    wire::MessageTraits<Msg>::visit_fields(message, [&out](std::string_view, const auto& member, auto) {
      using Member = typename element<std::remove_cvref_t<decltype(member)>>::type;
      if constexpr (wire::is_message_v<Member>) collect_message<Member>(out);
    });
  };
  nested_of(typename Traits::Request{});
  nested_of(typename Traits::Response{});
  // The event nests the request and response (implicit) and service_msgs/ServiceEventInfo.
  collect_message<std::remove_cvref_t<decltype(typename Traits::Event{}.info)>>(out);
}

}  // namespace type_definitions

template <class Msg>
DefinitionCollector message_definitions() {
  return &type_definitions::collect_message<Msg>;
}

template <class Srv>
DefinitionCollector service_definitions() {
  return &type_definitions::collect_service<Srv>;
}

}  // namespace rclite::detail
