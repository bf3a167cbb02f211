/// @file
/// NodeParameterApi: a node's parameters with rclcpp's semantics (declare, get, set, describe, list,
/// callbacks). Node offers these calls; they live here so that node.hpp stays the short list of what
/// a node is and makes. Value types in rclite/parameter.hpp, callbacks in parameter_callbacks.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rclite/parameter.hpp"
#include "rclite/parameter_callbacks.hpp"

namespace rclite {

namespace detail {
class NodeParameters;
}

/// The parameter calls of a node (rclcpp's Node parameter calls). The node's parameter services
/// (`<node>/get_parameters`, ...) and /parameter_events serve the same store. Thread-safe. Node
/// derives from it.
class NodeParameterApi {
 public:
  /// Declares `name` with the value an override gives it (--params-file, -p, NodeOptions; unless
  /// `ignore_override`), else `default_value`, and returns that value. Unless
  /// `descriptor.dynamic_typing`, the parameter keeps the value's type for good. Range and on-set
  /// callbacks apply. Throws ParameterAlreadyDeclaredError, InvalidParameterTypeError (an override
  /// of another type), InvalidParameterValueError (out of range, rejected by a callback),
  /// InvalidParametersError (empty name).
  ParameterValue declare_parameter(const std::string& name, const ParameterValue& default_value,
                                   const ParameterDescriptor& descriptor = {}, bool ignore_override = false);
  /// Declares a statically typed parameter without a default: it has a value only if an override
  /// gives one (get_parameter throws ParameterUninitializedError until it is set).
  ParameterValue declare_parameter(const std::string& name, ParameterType type,
                                   const ParameterDescriptor& descriptor = {}, bool ignore_override = false);
  /// Declares a parameter of type T with its default (an override or a parameter file wins); returns its value.
  template <class T>
  T declare_parameter(const std::string& name, const T& default_value, const ParameterDescriptor& descriptor = {},
                      bool ignore_override = false) {
    return declare_parameter(name, ParameterValue(default_value), descriptor, ignore_override).template get<T>();
  }
  /// Throws ParameterNotDeclaredError, ParameterImmutableError (read-only) or InvalidParameterTypeError
  /// (statically typed parameters cannot be undeclared).
  void undeclare_parameter(const std::string& name);
  /// Whether the parameter is declared.
  bool has_parameter(const std::string& name) const;

  /// Throws ParameterNotDeclaredError (unless undeclared parameters are allowed: then a not-set value)
  /// or ParameterUninitializedError.
  Parameter get_parameter(const std::string& name) const;
  /// False when `name` is not declared or has no value.
  bool get_parameter(const std::string& name, Parameter& parameter) const;
  /// Sets `value` to the parameter's value and returns true, or returns false when it is not set.
  template <class T>
  bool get_parameter(const std::string& name, T& value) const {
    Parameter parameter;
    if (!get_parameter(name, parameter)) return false;
    value = parameter.get_value<T>();
    return true;
  }
  /// The parameters by name (not-set ones for undeclared names).
  std::vector<Parameter> get_parameters(const std::vector<std::string>& names) const;

  /// One result per parameter, each set on its own. A rejected set leaves that parameter unchanged
  /// and says why (read-only, wrong type, out of range, a callback's reason). Throws
  /// ParameterNotDeclaredError for an undeclared name unless undeclared parameters are allowed.
  SetParametersResult set_parameter(const Parameter& parameter);
  /// Sets each parameter in turn (on-set callbacks may reject one); one result per parameter.
  std::vector<SetParametersResult> set_parameters(const std::vector<Parameter>& parameters);
  /// All or none.
  SetParametersResult set_parameters_atomically(const std::vector<Parameter>& parameters);

  /// The descriptor of a declared parameter.
  ParameterDescriptor describe_parameter(const std::string& name) const;
  /// The descriptors of declared parameters.
  std::vector<ParameterDescriptor> describe_parameters(const std::vector<std::string>& names) const;
  /// The types (rcl_interfaces ParameterType values) of the parameters by name.
  std::vector<std::uint8_t> get_parameter_types(const std::vector<std::string>& names) const;
  /// Names (and their '.'-separated prefixes) under `prefixes`, at most `depth` levels below them
  /// (0: any depth), as the list_parameters service answers.
  ListParametersResult list_parameters(const std::vector<std::string>& prefixes, std::uint64_t depth) const;

  /// Newest first; the first callback that rejects a change ends it. The callback is removed when
  /// the returned handle is destroyed or passed to remove_*. Changing parameters from inside a
  /// callback throws ParameterModifiedInCallbackError.
  [[nodiscard]] std::shared_ptr<OnSetParametersCallbackHandle> add_on_set_parameters_callback(
      OnSetParametersCallback callback);
  /// Removes a callback added with add_on_set_parameters_callback.
  void remove_on_set_parameters_callback(const OnSetParametersCallbackHandle* handle);
  /// Adds a callback run after parameters were set; it stays while the handle is held.
  [[nodiscard]] std::shared_ptr<PostSetParametersCallbackHandle> add_post_set_parameters_callback(
      PostSetParametersCallback callback);
  /// Removes a callback added with add_post_set_parameters_callback.
  void remove_post_set_parameters_callback(const PostSetParametersCallbackHandle* handle);

 protected:
  /// Empty until attach_parameters(); only Node makes one.
  NodeParameterApi() = default;
  /// The store the calls go to.
  void attach_parameters(std::shared_ptr<detail::NodeParameters> store) { store_ = std::move(store); }
  /// The store (null before attach_parameters).
  const std::shared_ptr<detail::NodeParameters>& parameter_store() const { return store_; }

 private:
  std::shared_ptr<detail::NodeParameters> store_;
};

}  // namespace rclite
