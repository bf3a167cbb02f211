// The typed side of one outstanding request, for every BasicClient (Client<Srv>, GenericClient)
// and GenericClient's serialized requests: the reply is decoded by `Decoder` and fulfils a promise;
// with a callback, the callback is then posted to the executor spinning the client's node.
#pragma once

#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <span>
#include <utility>

#include "rclite/detail/entities.hpp"
#include "rclite/errors.hpp"

namespace rclite::detail {

// Decoder: `Response operator()(std::span<const std::uint8_t> reply_sample) const`; any exception it
// throws ends the request with MalformedResponseError.
template <class Response, class Decoder>
class PromisePending : public ClientCore::Pending {
 public:
  explicit PromisePending(Decoder decoder = {}) : decoder_(std::move(decoder)) {}

  std::future<Response> get_future() { return promise_.get_future(); }

  void complete(std::span<const std::uint8_t> sample) override {
    std::exception_ptr malformed;
    try {
      promise_.set_value(decoder_(sample));
      return;
    } catch (const std::future_error&) {
      throw;
    } catch (const std::exception& error) {
      malformed = std::make_exception_ptr(MalformedResponseError(error.what()));
    }
    promise_.set_exception(malformed);
  }

  void fail(std::exception_ptr error) override { promise_.set_exception(std::move(error)); }

 private:
  Decoder decoder_;
  std::promise<Response> promise_;
};

template <class Response, class Decoder>
class CallbackPending : public PromisePending<Response, Decoder> {
 public:
  using SharedFuture = std::shared_future<Response>;

  CallbackPending(Decoder decoder, std::weak_ptr<ClientCore> core, std::function<void(SharedFuture)> callback)
      : PromisePending<Response, Decoder>(std::move(decoder)),
        future_(this->get_future().share()),
        core_(std::move(core)),
        callback_(std::move(callback)) {}

  void complete(std::span<const std::uint8_t> sample) override {
    PromisePending<Response, Decoder>::complete(sample);
    deliver();
  }
  void fail(std::exception_ptr error) override {
    PromisePending<Response, Decoder>::fail(std::move(error));
    deliver();
  }

 private:
  void deliver() {
    if (auto client = core_.lock()) {
      client->post([future = future_, callback = std::move(callback_)]() { callback(future); });
    }
  }

  SharedFuture future_;
  std::weak_ptr<ClientCore> core_;
  std::function<void(SharedFuture)> callback_;
};

}  // namespace rclite::detail
