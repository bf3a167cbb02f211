// A node's parameters with rclcpp's semantics (node_parameters.cpp): declared parameters with
// descriptors (type, read-only, ranges), overrides applied on declaration, on-set callbacks that can
// reject a change, post-set callbacks, atomic sets, implicit declaration when undeclared parameters
// are allowed, and one ParameterEvent per successful change. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <rcl_interfaces/msg/list_parameters_result.hpp>
#include <rcl_interfaces/msg/parameter_event.hpp>

#include "parameter_overrides.hpp"
#include "rclite/parameter_callbacks.hpp"

namespace rclite::detail {

class NodeParameters {
 public:
  using EventSink = std::function<void(rcl_interfaces::msg::ParameterEvent&)>;

  NodeParameters(std::string node_fqn, ParameterOverrides overrides, bool allow_undeclared);

  // Called with every ParameterEvent (node name set; the sink stamps and publishes it).
  void set_event_sink(EventSink sink);

  ParameterValue declare(const std::string& name, const ParameterValue& default_value,
                         ParameterDescriptor descriptor, bool ignore_override);
  ParameterValue declare(const std::string& name, ParameterType type, const ParameterDescriptor& descriptor,
                         bool ignore_override);
  void undeclare(const std::string& name);
  bool has(const std::string& name) const;
  // Declares every override not declared yet, dynamically typed (rclcpp's
  // automatically_declare_parameters_from_overrides).
  void declare_from_overrides();

  Parameter get(const std::string& name) const;
  bool get(const std::string& name, Parameter& out) const;
  std::vector<Parameter> get(const std::vector<std::string>& names) const;
  std::vector<ParameterDescriptor> describe(const std::vector<std::string>& names) const;
  std::vector<std::uint8_t> types(const std::vector<std::string>& names) const;
  ListParametersResult list(const std::vector<std::string>& prefixes, std::uint64_t depth) const;

  // Each parameter on its own (an atomic set per parameter), as rclcpp's set_parameters.
  std::vector<SetParametersResult> set(const std::vector<Parameter>& parameters);
  // All or none. Throws ParameterNotDeclaredError for an undeclared name (unless allowed),
  // InvalidParametersError for an empty one.
  SetParametersResult set_atomically(const std::vector<Parameter>& parameters);

  std::shared_ptr<OnSetParametersCallbackHandle> add_on_set_callback(OnSetParametersCallback callback);
  void remove_on_set_callback(const OnSetParametersCallbackHandle* handle);
  std::shared_ptr<PostSetParametersCallbackHandle> add_post_set_callback(PostSetParametersCallback callback);
  void remove_post_set_callback(const PostSetParametersCallbackHandle* handle);

  const ParameterOverrides& overrides() const { return overrides_; }

 private:
  struct Entry {
    ParameterValue value;
    ParameterDescriptor descriptor;
  };
  using Entries = std::map<std::string, Entry>;

  // Marks this thread as changing parameters; a change from inside a callback throws
  // ParameterModifiedInCallbackError, as in rclcpp.
  class ChangeGuard {
   public:
    explicit ChangeGuard(NodeParameters& owner);
    ~ChangeGuard();
    ChangeGuard(const ChangeGuard&) = delete;
    ChangeGuard& operator=(const ChangeGuard&) = delete;

   private:
    NodeParameters& owner_;
  };

  SetParametersResult check_and_store(const std::vector<Parameter>& parameters, Entries& entries,
                                      bool run_callbacks);
  SetParametersResult declare_into(const std::string& name, const ParameterValue& default_value,
                                   const ParameterDescriptor& descriptor, Entries& entries,
                                   rcl_interfaces::msg::ParameterEvent* event, bool ignore_override,
                                   bool run_callbacks);
  ParameterValue declare_checked(const std::string& name, ParameterType type, const ParameterValue& default_value,
                                 ParameterDescriptor descriptor, bool ignore_override);
  void emit(rcl_interfaces::msg::ParameterEvent& event);

  const std::string node_fqn_;
  const ParameterOverrides overrides_;
  const bool allow_undeclared_;
  mutable std::recursive_mutex mutex_;
  std::thread::id changing_thread_;
  Entries entries_;
  // Newest first; a callback whose handle the user dropped is removed when next seen.
  std::list<std::weak_ptr<OnSetParametersCallbackHandle>> on_set_;
  std::list<std::weak_ptr<PostSetParametersCallbackHandle>> post_set_;
  EventSink event_sink_;
};

}  // namespace rclite::detail
