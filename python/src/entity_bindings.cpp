// Services, clients, publishers, subscriptions, timers and callback groups of a node. Each Python
// handle owns its C++ handle; destroy() (or the handle's collection) removes it without the GIL,
// since its callbacks may be waiting for the GIL in an executor thread.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "bindings.hpp"
#include "conversions.hpp"
#include "gil.hpp"
#include "message_codec.hpp"
#include "rclite/callback_group.hpp"
#include "rclite/generic_publisher.hpp"
#include "rclite/generic_service.hpp"
#include "rclite/generic_subscription.hpp"
#include "rclite/timer.hpp"

namespace rclite::python {

namespace {

using CallbackGroupPtr = std::shared_ptr<CallbackGroup>;

// Destroys a C++ handle without the GIL (see the file comment).
template <class Handle>
void release_without_gil(std::optional<Handle>& handle) {
  if (!handle) return;
  py::gil_scoped_release release;
  handle.reset();
}

// rcl_service_introspection_state_t (rclpy's ServiceIntrospectionState): OFF 0, METADATA 1, CONTENTS 2.
IntrospectionState introspection_state(int state) {
  switch (state) {
    case 0: return IntrospectionState::Off;
    case 1: return IntrospectionState::Metadata;
    case 2: return IntrospectionState::Contents;
  }
  throw std::invalid_argument("invalid service introspection state " + std::to_string(state));
}

struct PyService {
  std::optional<GenericService> service;
  ~PyService() { release_without_gil(service); }
};

// One request's duty to answer, handed to Python.
struct PyResponder {
  std::optional<GenericResponder> responder;
  const PyServiceType* type = nullptr;

  bool send(py::handle response) {
    if (!responder) throw std::runtime_error("this request was already answered");
    const bool sent = responder->send(
        [&](wire::CdrWriter& writer) { type_support().encode(*type->response, response, writer); });
    responder.reset();
    return sent;
  }
};

struct PyClient {
  std::optional<GenericClient> client;
  const PyServiceType* type = nullptr;
  ~PyClient() { release_without_gil(client); }

  GenericClient& get() {
    if (!client) throw std::runtime_error("the client has been destroyed");
    return *client;
  }
  BodyWriter request_writer(py::handle request) const {
    return [this, request](wire::CdrWriter& writer) { type_support().encode(*type->request, request, writer); };
  }
  py::object decode(const SerializedServiceSample& sample) const {
    wire::CdrReader reader = sample.body();
    return type_support().decode(*type->response, reader);
  }
};

struct PyPublisher {
  std::optional<GenericPublisher> publisher;
  const PyMessageType* type = nullptr;
  ~PyPublisher() { release_without_gil(publisher); }
};

struct PySubscription {
  std::optional<GenericSubscription> subscription;
  ~PySubscription() { release_without_gil(subscription); }
};

struct PyTimer {
  std::optional<Timer> timer;
  ~PyTimer() { release_without_gil(timer); }
  Timer& get() {
    if (!timer) throw std::runtime_error("the timer has been destroyed");
    return *timer;
  }
};

std::optional<std::chrono::steady_clock::duration> timeout_of(std::optional<double> seconds) {
  if (!seconds || *seconds < 0) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(*seconds));
}

void bind_services(py::module_& m) {
  py::class_<PyResponder>(m, "Responder")
      .def("send", &PyResponder::send)
      .def_property_readonly("sequence_number",
                             [](const PyResponder& self) { return self.responder->request_header().sequence; });

  py::class_<PyService>(m, "Service")
      .def(py::init([](PyNode& node, py::handle srv_type, const std::string& name, py::function callback,
                       const py::dict& qos, CallbackGroupPtr group) {
             const PyServiceType& type = type_support().service(srv_type);
             auto shared = share(std::move(callback));
             const PyServiceType* t = &type;
             // callback(request, responder): the rclpy package calls the user's callback and answers.
             GenericService::Callback handler = [shared, t](wire::CdrReader& reader, GenericResponder responder) {
               py::gil_scoped_acquire gil;
               py::object request = type_support().decode(*t->request, reader);
               auto python_responder = std::make_unique<PyResponder>();
               python_responder->responder.emplace(std::move(responder));
               python_responder->type = t;
               (*shared)(request, py::cast(std::move(python_responder)));
             };
             ServiceOptions options;
             options.callback_group = std::move(group);
             if (!qos.empty()) options.qos = qos_from(qos);  // {}: rclite's KEEP_ALL default
             auto service = std::make_unique<PyService>();
             Node& target = node.get();
             py::gil_scoped_release release;
             service->service.emplace(target, name, type.type, std::move(handler), options);
             return service;
           }),
           py::arg("node"), py::arg("srv_type"), py::arg("name"), py::arg("callback"), py::arg("qos"),
           py::arg("callback_group") = CallbackGroupPtr())
      .def_property_readonly("service_name", [](const PyService& self) { return self.service->get_service_name(); })
      .def("configure_introspection",
           [](PyService& self, const py::dict& qos, int state) {
             if (!self.service) throw std::runtime_error("the service has been destroyed");
             self.service->configure_introspection(qos_from(qos), introspection_state(state));
           })
      .def("destroy", [](PyService& self) { release_without_gil(self.service); });
}

void bind_clients(py::module_& m) {
  py::class_<PyClient>(m, "Client")
      .def(py::init([](PyNode& node, py::handle srv_type, const std::string& name, CallbackGroupPtr group) {
             const PyServiceType& type = type_support().service(srv_type);
             ClientOptions options;
             options.callback_group = std::move(group);
             auto client = std::make_unique<PyClient>();
             client->type = &type;
             Node& target = node.get();
             py::gil_scoped_release release;
             client->client.emplace(target, name, type.type, options);
             return client;
           }),
           py::arg("node"), py::arg("srv_type"), py::arg("name"), py::arg("callback_group") = CallbackGroupPtr())
      .def_property_readonly("service_name", [](PyClient& self) { return self.get().get_service_name(); })
      .def("service_is_ready", [](PyClient& self) { return self.get().service_is_ready(); })
      .def("wait_for_service", [](PyClient& self, std::optional<double> timeout_sec) {
             GenericClient& client = self.get();
             py::gil_scoped_release release;
             if (!timeout_sec || *timeout_sec < 0) return client.wait_for_service();
             return client.wait_for_service(std::chrono::duration<double>(*timeout_sec));
           }, py::arg("timeout_sec") = py::none())
      // callback(response, error) runs on the executor spinning the node; returns the request's id.
      .def("call_async", [](PyClient& self, py::handle request, py::function callback, std::optional<double> timeout_sec) {
             RequestOptions options;
             options.timeout = timeout_of(timeout_sec);
             auto shared = share(std::move(callback));
             auto on_reply = [shared, type = self.type](std::shared_future<SerializedServiceSample> future) {
               py::gil_scoped_acquire gil;
               py::object response = py::none();
               py::object error = py::none();
               try {
                 const SerializedServiceSample& sample = future.get();
                 wire::CdrReader reader = sample.body();
                 response = type_support().decode(*type->response, reader);
               } catch (...) {
                 error = exception_object(std::current_exception());
               }
               (*shared)(response, error);
             };
             return self.get().async_send_serialized(self.request_writer(request), std::move(on_reply), options);
           }, py::arg("request"), py::arg("callback"), py::arg("timeout_sec") = py::none())
      // Blocks without the GIL until the reply (no executor needed); raises on timeout or failure.
      .def("call", [](PyClient& self, py::handle request, std::optional<double> timeout_sec) {
             RequestOptions options;
             options.timeout = timeout_of(timeout_sec);
             auto future = self.get().async_send_serialized(self.request_writer(request), options);
             std::optional<SerializedServiceSample> sample;
             {
               py::gil_scoped_release release;
               sample.emplace(future.get());
             }
             return self.decode(*sample);
           }, py::arg("request"), py::arg("timeout_sec") = py::none())
      .def("configure_introspection",
           [](PyClient& self, const py::dict& qos, int state) {
             self.get().configure_introspection(qos_from(qos), introspection_state(state));
           })
      .def("cancel", [](PyClient& self, std::int64_t id) { return self.get().cancel(id); })
      .def("pending_requests", [](PyClient& self) { return self.get().pending_requests(); })
      .def("destroy", [](PyClient& self) { release_without_gil(self.client); });
}

void bind_topics(py::module_& m) {
  py::class_<PyPublisher>(m, "Publisher")
      .def(py::init([](PyNode& node, py::handle msg_type, const std::string& topic, const py::dict& qos) {
             const PyMessageType& type = type_support().message(msg_type);
             auto publisher = std::make_unique<PyPublisher>();
             publisher->type = &type;
             const QoS profile = qos_from(qos);
             idl::InterfaceLibrary& library = type_support().library();
             Node& target = node.get();
             py::gil_scoped_release release;
             publisher->publisher.emplace(target, topic, type.type->name().full(), library, profile);
             return publisher;
           }))
      .def("publish", [](PyPublisher& self, py::handle message) {
        if (!self.publisher) throw std::runtime_error("the publisher has been destroyed");
        self.publisher->publish_serialized(
            [&](wire::CdrWriter& writer) { type_support().encode(*self.type, message, writer); });
      })
      .def_property_readonly("topic_name", [](const PyPublisher& self) { return self.publisher->get_topic_name(); })
      .def("get_subscription_count", [](const PyPublisher& self) { return self.publisher->get_subscription_count(); })
      .def("destroy", [](PyPublisher& self) { release_without_gil(self.publisher); });

  py::class_<PySubscription>(m, "Subscription")
      .def(py::init([](PyNode& node, py::handle msg_type, const std::string& topic, const py::dict& qos,
                       py::function callback, CallbackGroupPtr group) {
             const PyMessageType& type = type_support().message(msg_type);
             auto shared = share(std::move(callback));
             const PyMessageType* t = &type;
             auto handler = [shared, t](wire::CdrReader& reader) {
               py::gil_scoped_acquire gil;
               (*shared)(type_support().decode(*t, reader));
             };
             SubscriptionOptions options;
             options.callback_group = std::move(group);
             const QoS profile = qos_from(qos);
             idl::InterfaceLibrary& library = type_support().library();
             auto subscription = std::make_unique<PySubscription>();
             Node& target = node.get();
             py::gil_scoped_release release;
             subscription->subscription.emplace(GenericSubscription::serialized(
                 target, topic, type.type->name().full(), library, profile, std::move(handler), options));
             return subscription;
           }),
           py::arg("node"), py::arg("msg_type"), py::arg("topic"), py::arg("qos"), py::arg("callback"),
           py::arg("callback_group") = CallbackGroupPtr())
      .def_property_readonly("topic_name", [](const PySubscription& self) { return self.subscription->get_topic_name(); })
      .def("get_publisher_count", [](const PySubscription& self) { return self.subscription->get_publisher_count(); })
      .def("destroy", [](PySubscription& self) { release_without_gil(self.subscription); });
}

void bind_timers(py::module_& m) {
  py::class_<PyTimer>(m, "Timer")
      .def(py::init([](PyNode& node, std::int64_t period_ns, py::function callback, CallbackGroupPtr group,
                       bool autostart, bool steady) {
             auto shared = share(std::move(callback));
             auto call = [shared]() {
               py::gil_scoped_acquire gil;
               (*shared)();
             };
             TimerOptions options;
             options.callback_group = std::move(group);
             options.autostart = autostart;
             auto timer = std::make_unique<PyTimer>();
             Node& target = node.get();
             const std::chrono::nanoseconds period(period_ns);
             py::gil_scoped_release release;
             timer->timer.emplace(steady ? target.create_wall_timer(period, std::move(call), options)
                                         : target.create_timer(period, std::move(call), options));
             return timer;
           }),
           py::arg("node"), py::arg("period_ns"), py::arg("callback"), py::arg("callback_group") = CallbackGroupPtr(),
           py::arg("autostart") = true, py::arg("steady") = false)
      .def("cancel", [](PyTimer& self) { self.get().cancel(); })
      .def("reset", [](PyTimer& self) { self.get().reset(); })
      .def("is_canceled", [](PyTimer& self) { return self.get().is_canceled(); })
      .def("is_ready", [](PyTimer& self) { return self.get().is_ready(); })
      .def("time_until_next_call_ns", [](PyTimer& self) -> std::optional<std::int64_t> {
        const auto left = self.get().time_until_trigger();
        if (left == std::chrono::nanoseconds::max()) return std::nullopt;
        return left.count();
      })
      .def_property_readonly("period_ns", [](PyTimer& self) { return self.get().get_period().count(); })
      .def("destroy", [](PyTimer& self) { release_without_gil(self.timer); });
}

}  // namespace

void bind_entities(py::module_& m) {
  py::class_<CallbackGroup, CallbackGroupPtr>(m, "CallbackGroup");
  m.def("create_callback_group", [](PyNode& node, bool reentrant) {
    return node.get().create_callback_group(reentrant ? CallbackGroupType::Reentrant
                                                      : CallbackGroupType::MutuallyExclusive);
  });
  // Runs callback() once on the executor spinning the node (rclpy's tasks: coroutines resumed).
  m.def("post", [](PyNode& node, py::function callback, CallbackGroupPtr group) {
    auto shared = share(std::move(callback));
    node.get().post(
        [shared]() {
          py::gil_scoped_acquire gil;
          (*shared)();
        },
        std::move(group));
  }, py::arg("node"), py::arg("callback"), py::arg("callback_group") = CallbackGroupPtr());
  bind_services(m);
  bind_clients(m);
  bind_topics(m);
  bind_timers(m);
}

}  // namespace rclite::python
