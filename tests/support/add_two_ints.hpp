// The AddTwoInts server callback and request builder most service tests use.
#pragma once

#include <example_interfaces/srv/add_two_ints.hpp>

#include <cstdint>

namespace rclite::test {

using AddTwoInts = example_interfaces::srv::AddTwoInts;

inline AddTwoInts::Response add(const AddTwoInts::Request& request) {
  AddTwoInts::Response response;
  response.sum = request.a + request.b;
  return response;
}

inline AddTwoInts::Request request_of(std::int64_t a, std::int64_t b) {
  AddTwoInts::Request request;
  request.a = a;
  request.b = b;
  return request;
}

}  // namespace rclite::test
