/// @file
/// A service client whose type is only known at run time: requests and replies are
/// dynamic::DynamicValue, the service type a "pkg/srv/Name" string whose definition is read from
/// the interface roots (rclite/dynamic/interface_roots.hpp), as rclpy's and ros2cli's clients do.
///
/// @code{.unparsed}
///   rclite::GenericClient client(node, "/add_two_ints", "example_interfaces/srv/AddTwoInts");
///   auto request = client.make_request();
///   rclite::dynamic::assign_yaml(request, "{a: 2, b: 3}");
///   client.wait_for_service(1s);
///   std::int64_t sum = client.call(request, 1s)["sum"].get<std::int64_t>();
/// @endcode
///
/// It is a BasicClient (rclite/basic_client.hpp) as Client<Srv> is, with the runtime-typed codec
/// in place of generated code: the same guarantees (replies delivered without an executor, every
/// request ends once), deadlines, callbacks and service introspection.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <span>
#include <string>

#include "rclite/basic_client.hpp"
#include "rclite/detail/entities.hpp"
#include "rclite/detail/type_definitions.hpp"
#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/dynamic/message_type.hpp"
#include "rclite/errors.hpp"
#include "rclite/idl/interface_library.hpp"
#include "rclite/node.hpp"
#include "rclite/serialized.hpp"

namespace rclite {

/// A service type resolved at run time: its request and response message types, and the DDS type
/// names and RIHS01 hashes it is announced with (those of generated code).
struct GenericServiceType {
  std::string name;               ///< "example_interfaces/srv/AddTwoInts"
  std::string request_dds_type;   ///< "example_interfaces::srv::dds_::AddTwoInts_Request_"
  std::string response_dds_type;  ///< "example_interfaces::srv::dds_::AddTwoInts_Response_"
  std::string request_hash;       ///< RIHS01 of the _Request message
  std::string response_hash;  ///< RIHS01 of the _Response message
  std::string service_hash;   ///< RIHS01 of the service (what ~/get_type_description knows it by)
  /// The definitions the node's ~/get_type_description describes the service with.
  detail::DefinitionCollector definitions;
  dynamic::MessageTypePtr request;  ///< the request's runtime type
  dynamic::MessageTypePtr response;  ///< the response's runtime type
  /// "example_interfaces/srv/AddTwoInts_Event": what introspection publishes.
  std::string event_name;
  /// "example_interfaces::srv::dds_::AddTwoInts_Event_".
  std::string event_dds_type;
  /// RIHS01 of the _Event message; empty when it could not be computed (service_msgs not found
  /// through the library): introspection is then refused.
  std::string event_hash;

  /// Loads `service_type` ("pkg/srv/Name") through `library`, or through one over
  /// dynamic::interface_roots(). Throws idl::UnknownTypeError naming the type when the name is not
  /// a service type name, no definition of it is found, or its definition (or a type it nests)
  /// cannot be loaded.
  static GenericServiceType resolve(const std::string& service_type, idl::InterfaceLibrary& library);
  /// Loads `service_type` through an interface library over dynamic::interface_roots().
  static GenericServiceType resolve(const std::string& service_type);
};

namespace detail {

// GenericClient's side of a call: the runtime-typed codec (rclite/dynamic/cdr.hpp) encodes and
// decodes (BasicClient's Codec). Defined in src/node/generic_client.cpp.
class DynamicClientCodec {
 public:
  using Request = dynamic::DynamicValue;
  using Response = dynamic::DynamicValue;
  static constexpr const char* kHandleName = "rclite::GenericClient";

  DynamicClientCodec() = default;
  explicit DynamicClientCodec(std::shared_ptr<const GenericServiceType> type) : type_(std::move(type)) {}

  const std::shared_ptr<const GenericServiceType>& type() const { return type_; }

  // Throws dynamic::ValueError for a value that is not a message of the request type.
  void encode_request(const Request& request, wire::CdrWriter& writer) const;
  Response decode_response(std::span<const std::uint8_t> sample) const;
  // Throws idl::UnknownTypeError when the event type could not be resolved.
  MessageTypeInfo event_type() const;
  void publish_request_sent(ClientCore& core, IntrospectionState state, std::int64_t sequence, const Request* request,
                            std::span<const std::uint8_t> sample) const;
  void publish_response_received(ClientCore& core, std::span<const std::uint8_t> sample, std::int64_t sequence) const;

 private:
  std::shared_ptr<const GenericServiceType> type_;
};

}  // namespace detail

/// A client of a service type known only at run time (`ros2 service call`): requests and replies
/// are DynamicValue. Everything but its constructors, its type and the serialized requests is
/// BasicClient's.
class GenericClient : public BasicClient<detail::DynamicClientCodec> {
 public:
  GenericClient() = default;
  /// A client of `service_name` (expanded and remapped for `node`, as Node::create_client does).
  /// Throws idl::UnknownTypeError for an unknown service type (see GenericServiceType::resolve).
  GenericClient(Node& node, const std::string& service_name, const std::string& service_type,
                const ClientOptions& options = {});
  /// @{
  /// A client of `service_name` of type `service_type` ("pkg/srv/Name", or already resolved).
  GenericClient(Node& node, const std::string& service_name, const std::string& service_type,
                idl::InterfaceLibrary& library, const ClientOptions& options = {});
  GenericClient(Node& node, const std::string& service_name, GenericServiceType type,
                const ClientOptions& options = {});
  /// @}

  /// The resolved service type ("pkg/srv/Name", request and response message types).
  const GenericServiceType& get_service_type() const { return *codec().type(); }
  /// The request's runtime type (to build requests).
  const dynamic::MessageTypePtr& request_type() const { return codec().type()->request; }
  /// The response's runtime type.
  const dynamic::MessageTypePtr& response_type() const { return codec().type()->response; }

  /// A request with the default values of the .srv file, to fill in.
  dynamic::DynamicValue make_request() const;

  /// Sends a request whose body `write_body` writes (after the request header), for code that
  /// knows the type at run time (the Python face). The reply is not decoded: its future holds the
  /// sample, which SerializedServiceSample::body() reads. The future is fulfilled without an
  /// executor, as async_send_request's. What `write_body` throws propagates and nothing is sent.
  ResponseFuture<SerializedServiceSample> async_send_serialized(const BodyWriter& write_body,
                                                                RequestOptions options = {});
  /// The same; `callback(std::shared_future<SerializedServiceSample>)` runs on the executor
  /// spinning this client's node.
  std::int64_t async_send_serialized(const BodyWriter& write_body,
                                     std::function<void(std::shared_future<SerializedServiceSample>)> callback,
                                     RequestOptions options = {});

 private:
  GenericClient(Node& node, const std::string& service_name, std::shared_ptr<const GenericServiceType> type,
                const ClientOptions& options);
};

}  // namespace rclite
