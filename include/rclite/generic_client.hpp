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
/// It goes through the same client core as Client<Srv>, so it has the same guarantees: replies are
/// delivered without an executor, and every request ends with its reply, its deadline
/// (TimeoutError), the loss of its servers (ServiceUnavailableError), cancel()
/// (RequestCancelledError) or shutdown (ShutdownError). A reply that does not decode as the
/// response type fails with MalformedResponseError.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "rclite/client.hpp"
#include "rclite/detail/handle.hpp"
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

  /// Loads `service_type` ("pkg/srv/Name") through `library`, or through one over
  /// dynamic::interface_roots(). Throws idl::UnknownTypeError naming the type when the name is not
  /// a service type name, no definition of it is found, or its definition (or a type it nests)
  /// cannot be loaded.
  static GenericServiceType resolve(const std::string& service_type, idl::InterfaceLibrary& library);
  /// Loads `service_type` through an interface library over dynamic::interface_roots().
  static GenericServiceType resolve(const std::string& service_type);
};

/// A client of a service type known only at run time (`ros2 service call`): requests and replies are DynamicValue.
class GenericClient {
 public:
  /// A runtime-typed request.
  using Request = dynamic::DynamicValue;
  /// A runtime-typed response.
  using Response = dynamic::DynamicValue;
  /// What callback-style async_send_request hands its callback.
  using SharedFuture = std::shared_future<Response>;

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
  /// Moves the client; the moved-from one is empty.
  GenericClient(GenericClient&&) noexcept = default;
  /// Replaces this client by `other` (this one is reset() first).
  GenericClient& operator=(GenericClient&& other) noexcept;
  GenericClient(const GenericClient&) = delete;
  GenericClient& operator=(const GenericClient&) = delete;
  ~GenericClient() { reset(); }

  /// The resolved service name.
  const std::string& get_service_name() const;
  /// False when empty (moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }

  /// The resolved service type ("pkg/srv/Name", request and response message types).
  const GenericServiceType& get_service_type() const { return *type_; }
  /// The request's runtime type (to build requests).
  const dynamic::MessageTypePtr& request_type() const { return type_->request; }
  /// The response's runtime type.
  const dynamic::MessageTypePtr& response_type() const { return type_->response; }

  /// A request with the default values of the .srv file, to fill in.
  dynamic::DynamicValue make_request() const;

  /// True when a server is matched both ways (its request reader and reply writer).
  bool service_is_ready() const;
  /// Waits at most `timeout` for a server; false on timeout or shutdown.
  template <class Rep, class Period>
  bool wait_for_service(std::chrono::duration<Rep, Period> timeout) const {
    return wait_for_service_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(timeout));
  }
  /// Waits for a server without a timeout; false on shutdown.
  bool wait_for_service() const { return wait_for_service_ns(std::chrono::nanoseconds::max()); }

  /// `request` must be a message of request_type(); throws dynamic::ValueError otherwise, or when
  /// it does not encode (a bound exceeded: wire::CdrError), and ShutdownError after shutdown.
  ResponseFuture<Response> async_send_request(const dynamic::DynamicValue& request, RequestOptions options = {});

  /// `callback(std::shared_future<DynamicValue>)` runs on the executor spinning this client's node.
  template <class Callback>
  std::int64_t async_send_request(const dynamic::DynamicValue& request, Callback callback,
                                  RequestOptions options = {}) {
    return send_with_callback(request, std::function<void(SharedFuture)>(std::move(callback)), options);
  }

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
  /// Blocks until the reply, and throws TimeoutError after `timeout` (or another ServiceError).
  template <class Rep, class Period>
  Response call(const dynamic::DynamicValue& request, std::chrono::duration<Rep, Period> timeout) {
    RequestOptions options;
    options.timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout);
    return async_send_request(request, options).get();
  }

  /// Fails the request with RequestCancelledError; false when it had already ended.
  bool cancel(std::int64_t request_id);
  /// Requests sent and not yet ended.
  std::size_t pending_requests() const;

  /// Closes the client; it becomes empty.
  void reset();

 private:
  bool wait_for_service_ns(std::chrono::nanoseconds timeout) const;
  std::int64_t send_with_callback(const dynamic::DynamicValue& request, std::function<void(SharedFuture)> callback,
                                  const RequestOptions& options);
  std::int64_t send(const dynamic::DynamicValue& request, std::shared_ptr<detail::ClientCore::Pending> pending,
                    const RequestOptions& options);
  std::int64_t send(const BodyWriter& write_body, std::shared_ptr<detail::ClientCore::Pending> pending,
                    const RequestOptions& options);

  std::shared_ptr<const GenericServiceType> type_;
  detail::ClientCore& core() const { return detail::checked_core(core_, "rclite::GenericClient"); }
  std::shared_ptr<detail::ClientCore> core_;
};

}  // namespace rclite
