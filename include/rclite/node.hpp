// A node: a named participant of the ROS graph that owns services and clients.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rclite/callback_group.hpp"
#include "rclite/client.hpp"
#include "rclite/context.hpp"
#include "rclite/detail/entities.hpp"
#include "rclite/logging.hpp"
#include "rclite/service.hpp"

namespace rclite {

struct NodeOptions {
  Context* context = nullptr;           // the default context when null
  std::vector<std::string> arguments;   // node-specific ROS arguments ("--ros-args", "-r", "a:=b")
  bool use_global_arguments = true;     // also apply the context's remapping rules
};

using ServiceOptions = detail::EndpointOptions;
using ClientOptions = detail::EndpointOptions;

class Node {
 public:
  // Throws InvalidNameError for an invalid name or namespace, ArgumentError for bad arguments.
  explicit Node(const std::string& name, const NodeOptions& options = {});
  Node(const std::string& name, const std::string& ns, const NodeOptions& options = {});
  ~Node();
  Node(Node&&) noexcept = default;
  Node& operator=(Node&&) noexcept = default;

  const std::string& get_name() const;
  const std::string& get_namespace() const;
  std::string get_fully_qualified_name() const;
  const Logger& get_logger() const;

  // The expanded and remapped name a service called `name` gets in this node.
  std::string resolve_service_name(const std::string& name) const;

  template <wire::Service Srv, class Callback>
  Service<Srv> create_service(const std::string& name, Callback&& callback, const ServiceOptions& options = {}) {
    auto handler = Service<Srv>::make_handler(std::forward<Callback>(callback), get_logger());
    return Service<Srv>(detail::create_service_core(
        impl_, name, detail::service_type_info<Srv, wire::ServiceTraits<Srv>>(), std::move(handler), options));
  }

  template <wire::Service Srv>
  Client<Srv> create_client(const std::string& name, const ClientOptions& options = {}) {
    return Client<Srv>(
        detail::create_client_core(impl_, name, detail::service_type_info<Srv, wire::ServiceTraits<Srv>>(), options));
  }

  std::shared_ptr<CallbackGroup> create_callback_group(CallbackGroupType type);
  std::shared_ptr<CallbackGroup> get_default_callback_group() const;

  std::shared_ptr<detail::NodeImpl> impl() const { return impl_; }

 private:
  std::shared_ptr<detail::NodeImpl> impl_;
};

}  // namespace rclite
