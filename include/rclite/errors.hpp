/// @file
/// Errors a service call can end with. A failed request's future throws one of these from get().
#pragma once

#include <stdexcept>
#include <string>

namespace rclite {

class ServiceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The request's deadline passed with no reply.
class TimeoutError : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

/// Every server that could have answered went away (e.g. its process was killed).
class ServiceUnavailableError : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

/// client.cancel(request_id) was called.
class RequestCancelledError : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

/// The context was shut down (Ctrl-C, rclite::shutdown()) or the client destroyed.
class ShutdownError : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

/// The reply could not be decoded as the service's response type.
class MalformedResponseError : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

}  // namespace rclite
