// Node's parameter calls (rclite/node_parameter_api.hpp), answered by the node's parameter store.
#include "rclite/node_parameter_api.hpp"

#include "node_parameters.hpp"

namespace rclite {

ParameterValue NodeParameterApi::declare_parameter(const std::string& name, const ParameterValue& default_value,
                                       const ParameterDescriptor& descriptor, bool ignore_override) {
  return store_->declare(name, default_value, descriptor, ignore_override);
}

ParameterValue NodeParameterApi::declare_parameter(const std::string& name, ParameterType type,
                                       const ParameterDescriptor& descriptor, bool ignore_override) {
  return store_->declare(name, type, descriptor, ignore_override);
}

void NodeParameterApi::undeclare_parameter(const std::string& name) { store_->undeclare(name); }
bool NodeParameterApi::has_parameter(const std::string& name) const { return store_->has(name); }
Parameter NodeParameterApi::get_parameter(const std::string& name) const { return store_->get(name); }
bool NodeParameterApi::get_parameter(const std::string& name, Parameter& parameter) const {
  return store_->get(name, parameter);
}
std::vector<Parameter> NodeParameterApi::get_parameters(const std::vector<std::string>& names) const {
  return store_->get(names);
}
SetParametersResult NodeParameterApi::set_parameter(const Parameter& parameter) {
  return store_->set_atomically({parameter});
}
std::vector<SetParametersResult> NodeParameterApi::set_parameters(const std::vector<Parameter>& parameters) {
  return store_->set(parameters);
}
SetParametersResult NodeParameterApi::set_parameters_atomically(const std::vector<Parameter>& parameters) {
  return store_->set_atomically(parameters);
}
ParameterDescriptor NodeParameterApi::describe_parameter(const std::string& name) const {
  return store_->describe({name}).front();
}
std::vector<ParameterDescriptor> NodeParameterApi::describe_parameters(const std::vector<std::string>& names) const {
  return store_->describe(names);
}
std::vector<std::uint8_t> NodeParameterApi::get_parameter_types(const std::vector<std::string>& names) const {
  return store_->types(names);
}
ListParametersResult NodeParameterApi::list_parameters(const std::vector<std::string>& prefixes,
                                                        std::uint64_t depth) const {
  return store_->list(prefixes, depth);
}
std::shared_ptr<OnSetParametersCallbackHandle> NodeParameterApi::add_on_set_parameters_callback(OnSetParametersCallback callback) {
  return store_->add_on_set_callback(std::move(callback));
}
void NodeParameterApi::remove_on_set_parameters_callback(const OnSetParametersCallbackHandle* handle) {
  store_->remove_on_set_callback(handle);
}
std::shared_ptr<PostSetParametersCallbackHandle> NodeParameterApi::add_post_set_parameters_callback(
    PostSetParametersCallback callback) {
  return store_->add_post_set_callback(std::move(callback));
}
void NodeParameterApi::remove_post_set_parameters_callback(const PostSetParametersCallbackHandle* handle) {
  store_->remove_post_set_callback(handle);
}

}  // namespace rclite
