#include "node_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <rcl_interfaces/srv/list_parameters.hpp>

namespace rclite::detail {

namespace {

// rclcpp compares doubles within 100 ulp when checking ranges.
bool nearly_equal(double x, double y) {
  return std::abs(x - y) <= std::numeric_limits<double>::epsilon() * std::abs(x + y) * 100.0;
}

SetParametersResult success() {
  SetParametersResult result;
  result.successful = true;
  return result;
}

SetParametersResult failure(std::string reason) {
  SetParametersResult result;
  result.successful = false;
  result.reason = std::move(reason);
  return result;
}

std::string range_reason(const std::string& name, const char* kind) {
  return "Parameter {" + name + "} doesn't comply with " + kind + " range.";
}

bool in_integer_range(std::int64_t value, const rcl_interfaces::msg::IntegerRange& range) {
  if (value == range.from_value || value == range.to_value) return true;
  if (value < range.from_value || value > range.to_value) return false;
  return range.step == 0 || (value - range.from_value) % static_cast<std::int64_t>(range.step) == 0;
}

bool in_floating_range(double value, const rcl_interfaces::msg::FloatingPointRange& range) {
  if (nearly_equal(value, range.from_value) || nearly_equal(value, range.to_value)) return true;
  if (value < range.from_value || value > range.to_value) return false;
  if (range.step == 0.0) return true;
  const double steps = std::round((value - range.from_value) / range.step);
  return nearly_equal(value, range.from_value + steps * range.step);
}

SetParametersResult check_range(const ParameterDescriptor& descriptor, const ParameterValue& value) {
  const auto all_of = [](const auto& values, const auto& predicate) {
    return std::all_of(values.begin(), values.end(), predicate);
  };
  if (!descriptor.integer_range.empty()) {
    const auto& range = descriptor.integer_range.front();
    const auto fits = [&](std::int64_t v) { return in_integer_range(v, range); };
    if ((value.get_type() == ParameterType::Integer && !fits(value.get<std::int64_t>())) ||
        (value.get_type() == ParameterType::IntegerArray && !all_of(value.get<std::vector<std::int64_t>>(), fits))) {
      return failure(range_reason(descriptor.name, "integer"));
    }
  }
  if (!descriptor.floating_point_range.empty()) {
    const auto& range = descriptor.floating_point_range.front();
    const auto fits = [&](double v) { return in_floating_range(v, range); };
    if ((value.get_type() == ParameterType::Double && !fits(value.get<double>())) ||
        (value.get_type() == ParameterType::DoubleArray && !all_of(value.get<std::vector<double>>(), fits))) {
      return failure(range_reason(descriptor.name, "floating point"));
    }
  }
  return success();
}

const char* const kWrongType = "Wrong parameter type";

ParameterDescriptor dynamic_descriptor() {
  ParameterDescriptor descriptor;
  descriptor.dynamic_typing = true;
  return descriptor;
}

std::string quoted(const std::string& name) { return "parameter '" + name + "'"; }

}  // namespace

NodeParameters::ChangeGuard::ChangeGuard(NodeParameters& owner) : owner_(owner) {
  // The mutex is recursive, so only this thread can be inside a change already: from a callback.
  if (owner_.changing_thread_ == std::this_thread::get_id()) {
    throw ParameterModifiedInCallbackError(
        "cannot set or declare a parameter, or change the callback from within a set callback");
  }
  owner_.changing_thread_ = std::this_thread::get_id();
}

NodeParameters::ChangeGuard::~ChangeGuard() { owner_.changing_thread_ = {}; }

NodeParameters::NodeParameters(std::string node_fqn, ParameterOverrides overrides, bool allow_undeclared)
    : node_fqn_(std::move(node_fqn)), overrides_(std::move(overrides)), allow_undeclared_(allow_undeclared) {}

void NodeParameters::set_event_sink(EventSink sink) {
  std::lock_guard lock(mutex_);
  event_sink_ = std::move(sink);
}

void NodeParameters::emit(rcl_interfaces::msg::ParameterEvent& event) {
  event.node = node_fqn_;
  if (event_sink_) event_sink_(event);
}

SetParametersResult NodeParameters::check_and_store(const std::vector<Parameter>& parameters, Entries& entries,
                                                    bool run_callbacks) {
  for (const auto& parameter : parameters) {
    const auto found = entries.find(parameter.get_name());
    ParameterDescriptor descriptor = found != entries.end() ? found->second.descriptor : dynamic_descriptor();
    if (descriptor.name.empty()) descriptor.name = parameter.get_name();
    const auto declared_type = static_cast<ParameterType>(descriptor.type);
    if (!descriptor.dynamic_typing && declared_type != parameter.get_type()) {
      return failure(std::string(kWrongType) + ", parameter {" + parameter.get_name() + "} is of type {" +
                     to_string(declared_type) + "}, setting it to {" + to_string(parameter.get_type()) +
                     "} is not allowed.");
    }
    if (auto result = check_range(descriptor, parameter.get_parameter_value()); !result.successful) return result;
  }
  if (run_callbacks) {
    for (auto it = on_set_.begin(); it != on_set_.end();) {
      auto handle = it->lock();
      if (!handle) {
        it = on_set_.erase(it);
        continue;
      }
      auto result = handle->callback(parameters);
      if (!result.successful) return result;
      ++it;
    }
  }
  for (const auto& parameter : parameters) {
    auto& entry = entries[parameter.get_name()];
    entry.descriptor.name = parameter.get_name();
    entry.descriptor.type = static_cast<std::uint8_t>(parameter.get_type());
    entry.value = parameter.get_parameter_value();
  }
  if (run_callbacks) {
    for (auto it = post_set_.begin(); it != post_set_.end();) {
      if (auto handle = it->lock()) {
        handle->callback(parameters);
        ++it;
      } else {
        it = post_set_.erase(it);
      }
    }
  }
  return success();
}

SetParametersResult NodeParameters::declare_into(const std::string& name, const ParameterValue& default_value,
                                                 const ParameterDescriptor& descriptor, Entries& entries,
                                                 rcl_interfaces::msg::ParameterEvent* event, bool ignore_override,
                                                 bool run_callbacks) {
  Entries staged{{name, Entry{{}, descriptor}}};
  const auto override_it = overrides_.find(name);
  const ParameterValue& initial =
      !ignore_override && override_it != overrides_.end() ? override_it->second : default_value;
  if (initial.get_type() == ParameterType::NotSet) {
    // Declared without a value: statically typed parameters keep their type for later sets.
    auto& entry = staged.at(name);
    entry.descriptor.name = name;
    if (descriptor.dynamic_typing) entry.descriptor.type = static_cast<std::uint8_t>(ParameterType::NotSet);
    entries[name] = entry;
    return success();
  }
  const Parameter parameter(name, initial);
  auto result = check_and_store({parameter}, staged, run_callbacks);
  if (!result.successful) return result;
  entries[name] = staged.at(name);
  if (event != nullptr) event->new_parameters.push_back(parameter.to_parameter_msg());
  return result;
}

ParameterValue NodeParameters::declare_checked(const std::string& name, ParameterType type,
                                               const ParameterValue& default_value, ParameterDescriptor descriptor,
                                               bool ignore_override) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  if (name.empty()) throw InvalidParametersError("parameter name must not be empty");
  if (entries_.contains(name)) throw ParameterAlreadyDeclaredError(quoted(name) + " has already been declared");
  if (!descriptor.dynamic_typing) {
    if (type == ParameterType::NotSet) type = default_value.get_type();
    if (type == ParameterType::NotSet) {
      throw InvalidParameterTypeError(quoted(name) +
                                      " has invalid type: cannot declare a statically typed parameter with an "
                                      "uninitialized value");
    }
    descriptor.type = static_cast<std::uint8_t>(type);
  }
  rcl_interfaces::msg::ParameterEvent event;
  const auto result = declare_into(name, default_value, descriptor, entries_, &event, ignore_override, true);
  if (!result.successful) {
    if (result.reason.starts_with(kWrongType)) throw InvalidParameterTypeError(quoted(name) + " has invalid type: " + result.reason);
    throw InvalidParameterValueError(quoted(name) + " could not be set: " + result.reason);
  }
  emit(event);
  return entries_.at(name).value;
}

ParameterValue NodeParameters::declare(const std::string& name, const ParameterValue& default_value,
                                       ParameterDescriptor descriptor, bool ignore_override) {
  return declare_checked(name, ParameterType::NotSet, default_value, std::move(descriptor), ignore_override);
}

ParameterValue NodeParameters::declare(const std::string& name, ParameterType type,
                                       const ParameterDescriptor& descriptor, bool ignore_override) {
  if (type == ParameterType::NotSet) {
    throw std::invalid_argument("declare_parameter(): the parameter type cannot be ParameterType::NotSet");
  }
  if (descriptor.dynamic_typing) {
    throw std::invalid_argument("declare_parameter(): a parameter of a given type cannot have dynamic_typing=true");
  }
  return declare_checked(name, type, {}, descriptor, ignore_override);
}

void NodeParameters::undeclare(const std::string& name) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  const auto found = entries_.find(name);
  if (found == entries_.end()) {
    throw ParameterNotDeclaredError("cannot undeclare " + quoted(name) + " which has not yet been declared");
  }
  if (found->second.descriptor.read_only) {
    throw ParameterImmutableError("cannot undeclare " + quoted(name) + " because it is read-only");
  }
  if (!found->second.descriptor.dynamic_typing) {
    throw InvalidParameterTypeError(quoted(name) + " has invalid type: cannot undeclare a statically typed parameter");
  }
  rcl_interfaces::msg::ParameterEvent event;
  event.deleted_parameters.push_back(Parameter(name, found->second.value).to_parameter_msg());
  entries_.erase(found);
  emit(event);
}

bool NodeParameters::has(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return entries_.contains(name);
}

void NodeParameters::declare_from_overrides() {
  for (const auto& [name, value] : overrides_) {
    if (!has(name)) declare(name, value, dynamic_descriptor(), true);
  }
}

Parameter NodeParameters::get(const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(name);
  if (found != entries_.end()) {
    if (found->second.value.get_type() != ParameterType::NotSet || found->second.descriptor.dynamic_typing) {
      return Parameter(name, found->second.value);
    }
    throw ParameterUninitializedError(quoted(name) + " is declared but has no value");
  }
  if (allow_undeclared_) return Parameter(name);
  throw ParameterNotDeclaredError(quoted(name) + " has not been declared");
}

bool NodeParameters::get(const std::string& name, Parameter& out) const {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(name);
  if (found == entries_.end() || found->second.value.get_type() == ParameterType::NotSet) return false;
  out = Parameter(name, found->second.value);
  return true;
}

std::vector<Parameter> NodeParameters::get(const std::vector<std::string>& names) const {
  std::lock_guard lock(mutex_);
  std::vector<Parameter> out;
  out.reserve(names.size());
  for (const auto& name : names) out.push_back(get(name));
  return out;
}

std::vector<ParameterDescriptor> NodeParameters::describe(const std::vector<std::string>& names) const {
  std::lock_guard lock(mutex_);
  std::vector<ParameterDescriptor> out;
  out.reserve(names.size());
  for (const auto& name : names) {
    if (const auto found = entries_.find(name); found != entries_.end()) {
      out.push_back(found->second.descriptor);
    } else if (allow_undeclared_) {
      out.emplace_back().name = name;
    } else {
      throw ParameterNotDeclaredError(quoted(name) + " has not been declared");
    }
  }
  return out;
}

std::vector<std::uint8_t> NodeParameters::types(const std::vector<std::string>& names) const {
  std::lock_guard lock(mutex_);
  std::vector<std::uint8_t> out;
  out.reserve(names.size());
  for (const auto& name : names) {
    if (const auto found = entries_.find(name); found != entries_.end()) {
      out.push_back(static_cast<std::uint8_t>(found->second.value.get_type()));
    } else if (allow_undeclared_) {
      out.push_back(static_cast<std::uint8_t>(ParameterType::NotSet));
    } else {
      throw ParameterNotDeclaredError(quoted(name) + " has not been declared");
    }
  }
  return out;
}

ListParametersResult NodeParameters::list(const std::vector<std::string>& prefixes,
                                                               std::uint64_t depth) const {
  constexpr char kSeparator = '.';
  constexpr std::uint64_t kRecursive = rcl_interfaces::srv::ListParameters_Request::DEPTH_RECURSIVE;
  const auto shallow_enough = [&](std::string_view name) {
    return static_cast<std::uint64_t>(std::count(name.begin(), name.end(), kSeparator)) < depth;
  };
  const auto matches_prefix = [&](const std::string& name) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
      if (name == prefix) return true;
      if (!name.starts_with(prefix + kSeparator)) return false;
      return depth == kRecursive || shallow_enough(std::string_view(name).substr(prefix.size() + 1));
    });
  };
  std::lock_guard lock(mutex_);
  ListParametersResult result;
  const bool everything = prefixes.empty() && depth == kRecursive;
  for (const auto& [name, entry] : entries_) {
    if (!everything && !(prefixes.empty() && shallow_enough(name)) && !matches_prefix(name)) continue;
    result.names.push_back(name);
    if (const auto last = name.rfind(kSeparator); last != std::string::npos) {
      std::string prefix = name.substr(0, last);
      if (std::find(result.prefixes.begin(), result.prefixes.end(), prefix) == result.prefixes.end()) {
        result.prefixes.push_back(std::move(prefix));
      }
    }
  }
  return result;
}

std::vector<SetParametersResult> NodeParameters::set(const std::vector<Parameter>& parameters) {
  std::vector<SetParametersResult> results;
  results.reserve(parameters.size());
  for (const auto& parameter : parameters) results.push_back(set_atomically({parameter}));
  return results;
}

SetParametersResult NodeParameters::set_atomically(const std::vector<Parameter>& parameters) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  if (parameters.empty()) return failure("parameter list cannot be empty");
  std::vector<const Parameter*> to_declare;
  for (const auto& parameter : parameters) {
    const std::string& name = parameter.get_name();
    if (name.empty()) throw InvalidParametersError("parameter name must not be empty");
    const auto found = entries_.find(name);
    if (found == entries_.end()) {
      if (!allow_undeclared_) throw ParameterNotDeclaredError(quoted(name) + " cannot be set because it was not declared");
      to_declare.push_back(&parameter);
      continue;
    }
    if (found->second.descriptor.read_only) return failure(quoted(name) + " cannot be set because it is read-only");
  }
  // Implicit declarations are staged so that nothing changes if any part fails.
  Entries staged;
  rcl_interfaces::msg::ParameterEvent event;
  for (const auto* parameter : to_declare) {
    auto result = declare_into(parameter->get_name(), parameter->get_parameter_value(), dynamic_descriptor(), staged,
                               &event, /*ignore_override=*/true, /*run_callbacks=*/false);
    if (!result.successful) return result;
  }
  // Setting a parameter to "not set" undeclares it (dynamically typed ones only).
  std::vector<std::string> to_undeclare;
  for (const auto& parameter : parameters) {
    if (parameter.get_type() != ParameterType::NotSet) continue;
    const auto found = entries_.find(parameter.get_name());
    if (found == entries_.end() || found->second.value.get_type() == ParameterType::NotSet) continue;
    if (!found->second.descriptor.dynamic_typing) return failure("cannot undeclare a statically typed parameter");
    to_undeclare.push_back(parameter.get_name());
  }
  auto result = check_and_store(parameters, entries_, /*run_callbacks=*/true);
  if (!result.successful) return result;
  for (auto& [name, entry] : staged) entries_[name] = std::move(entry);
  for (const auto& name : to_undeclare) {
    const auto found = entries_.find(name);
    event.deleted_parameters.push_back(Parameter(name, found->second.value).to_parameter_msg());
    entries_.erase(found);
  }
  for (const auto& parameter : parameters) {
    const auto& name = parameter.get_name();
    if (staged.contains(name) || std::find(to_undeclare.begin(), to_undeclare.end(), name) != to_undeclare.end()) {
      continue;
    }
    event.changed_parameters.push_back(parameter.to_parameter_msg());
  }
  emit(event);
  return result;
}

std::shared_ptr<OnSetParametersCallbackHandle> NodeParameters::add_on_set_callback(OnSetParametersCallback callback) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  auto handle = std::make_shared<OnSetParametersCallbackHandle>(OnSetParametersCallbackHandle{std::move(callback)});
  on_set_.push_front(handle);
  return handle;
}

std::shared_ptr<PostSetParametersCallbackHandle> NodeParameters::add_post_set_callback(
    PostSetParametersCallback callback) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  auto handle =
      std::make_shared<PostSetParametersCallbackHandle>(PostSetParametersCallbackHandle{std::move(callback)});
  post_set_.push_front(handle);
  return handle;
}

namespace {
template <class Handle>
void remove_handle(std::list<std::weak_ptr<Handle>>& handles, const Handle* handle, const char* what) {
  const auto found =
      std::find_if(handles.begin(), handles.end(), [&](const auto& weak) { return weak.lock().get() == handle; });
  if (found == handles.end()) throw std::invalid_argument(std::string(what) + " callback is not registered");
  handles.erase(found);
}
}  // namespace

void NodeParameters::remove_on_set_callback(const OnSetParametersCallbackHandle* handle) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  remove_handle(on_set_, handle, "on-set parameters");
}

void NodeParameters::remove_post_set_callback(const PostSetParametersCallbackHandle* handle) {
  std::lock_guard lock(mutex_);
  ChangeGuard guard(*this);
  remove_handle(post_set_, handle, "post-set parameters");
}

}  // namespace rclite::detail
