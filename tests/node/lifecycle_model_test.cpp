// The randomized lifecycle model test: a seeded generator drives random sequences of what users do
// with nodes, services (all three callback forms), clients, subscriptions, publishers, timers (wall
// and node clock, one-shot; cancelled, reset, destroyed and created from their own callbacks), callback
// groups and executors (single- and multi-threaded), in this process and with a server process:
// create and destroy them in any order, spin them from several threads with every spin* call and
// the per-call conveniences, send requests with and without deadlines (futures and callbacks),
// cancel them, have callbacks throw, call other services and destroy their own handles, kill the
// server process, shut down at a random point.
//
// After every step it checks the invariants; at the end of a seed it drains and tears down and
// checks the rest:
//   - every request ends exactly once (reply with the right sum, TimeoutError,
//     ServiceUnavailableError, RequestCancelledError, ShutdownError), and one with a deadline ends
//     while its client lives;
//   - no callback runs after its handle is gone (reset() returned);
//   - a service that a spinning executor runs answers a probe call;
//   - no thread outlives the seed's context, and no pending entry its client;
//   - no deadlock: a watchdog turns a stall into a failure that prints the seed and the steps.
// The sequence of steps depends on the seed alone (RCLITE_MODEL_SEED=N replays it; thread
// interleavings differ from run to run, which is the point of running many seeds).
//
// Environment: RCLITE_MODEL_SEED (one seed), RCLITE_MODEL_VERBOSE (print the steps),
// RCLITE_MODEL_SEEDS_PER_TEST (default 4), RCLITE_MODEL_FIRST_SEED (default 1), RCLITE_MODEL_STEPS
// (default 150). tests/soak/lifecycle_model.sh runs many seeds for hours.
#include <gtest/gtest.h>

#include <dirent.h>
#include <signal.h>

#include <std_msgs/msg/int64.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "harness/child_process.hpp"
#include "rclite/generic_service.hpp"
#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/patience.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::AddTwoInts;
using Int64 = std_msgs::msg::Int64;
using Response = AddTwoInts::Response;

namespace {

using rclite::test::kPatience;
constexpr int kSlots = 12;         // ctest tests; each runs RCLITE_MODEL_SEEDS_PER_TEST seeds
const std::string kBin = RCLITE_BIN_DIR;

long env_or(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atol(value) : fallback;
}

std::size_t thread_count() {
  std::size_t count = 0;
  if (DIR* dir = ::opendir("/proc/self/task")) {
    while (const dirent* entry = ::readdir(dir)) count += entry->d_name[0] != '.' ? 1 : 0;
    ::closedir(dir);
  }
  return count;
}

// What a callback throws when the model asks it to.
struct ModelFailure : std::runtime_error {
  ModelFailure() : std::runtime_error("model callback failure") {}
};

// What a request asks its service callback to do (request.b).
enum Behaviour : std::int64_t { kAnswer = 0, kThrow = 1, kCallOther = 2, kDestroySelf = 3 };

// Violations found from any thread; checked by the main thread after every step.
class Violations {
 public:
  void add(const std::string& what) {
    std::lock_guard lock(mutex_);
    found_.push_back(what);
  }
  std::vector<std::string> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(found_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> found_;
};

// Set once reset() returned: a callback that sees it started after its handle was gone.
struct HandleState {
  std::atomic<bool> destroyed{false};
};

struct NodeSlot;

struct ServiceSlot {
  int node = 0;
  std::string name;
  std::mutex mutex;  // guards handle; callbacks only try_lock it (the main thread may hold it in reset())
  rclite::Service<AddTwoInts> handle;
  rclite::GenericService generic;    // form 3: the runtime-typed server, on serialized samples
  rclite::Client<AddTwoInts> other;  // for kCallOther
  std::shared_ptr<HandleState> state = std::make_shared<HandleState>();
  bool mutually_exclusive = true;
};

struct ClientSlot {
  int node = 0;
  std::string target;
  std::mutex mutex;  // as ServiceSlot's
  rclite::Client<AddTwoInts> handle;
  std::shared_ptr<HandleState> state = std::make_shared<HandleState>();
};

struct SubscriptionSlot {
  int node = 0;
  std::mutex mutex;
  rclite::Subscription<Int64> handle;
  std::shared_ptr<HandleState> state = std::make_shared<HandleState>();
};

// What a timer's callback does on some of its calls (chosen at creation).
enum class TimerBehaviour { Tick = 0, CancelSelf = 1, ResetSelf = 2, DestroySelf = 3, ThrowSometimes = 4, MakeOneShot = 5 };

struct TimerSlot {
  int node = 0;
  std::mutex mutex;  // as ServiceSlot's
  rclite::Timer handle;
  rclite::Timer child;  // a one-shot timer the callback made (kMakeOneShot)
  std::shared_ptr<HandleState> state = std::make_shared<HandleState>();
  std::shared_ptr<HandleState> child_state = std::make_shared<HandleState>();
};

struct RequestRecord {
  std::int64_t a = 0;
  std::int64_t b = 0;
  std::shared_ptr<ClientSlot> client;
  bool by_callback = false;
  bool has_deadline = false;
  std::int64_t sequence = 0;
  std::optional<std::shared_future<Response>> future;
  std::atomic<int> endings{0};  // callbacks
};

enum class SpinKind { Spin, SpinSome, SpinOnce, SpinUntil, NodeSpinSome, NodeSpinUntil };
const char* name_of(SpinKind kind) {
  switch (kind) {
    case SpinKind::Spin: return "spin";
    case SpinKind::SpinSome: return "spin_some loop";
    case SpinKind::SpinOnce: return "spin_once loop";
    case SpinKind::SpinUntil: return "spin_until_future_complete loop";
    case SpinKind::NodeSpinSome: return "rclite::spin_some(node) loop";
    case SpinKind::NodeSpinUntil: return "rclite::spin_until_future_complete(node, f) loop";
  }
  return "?";
}

struct Spinner {
  SpinKind kind;
  std::atomic<bool> stop{false};
  std::atomic<bool> exited{false};
  std::thread thread;
};

struct ExecutorSlot {
  bool multi = false;
  std::unique_ptr<rclite::Executor> executor;
  std::vector<std::unique_ptr<Spinner>> spinners;
  bool spun_by_spin() const {
    for (auto& spinner : spinners) {
      if (spinner->kind == SpinKind::Spin) return true;
    }
    return false;
  }
};

// Whether a node still exists, for callbacks that create entities on it.
struct NodeLife {
  std::mutex mutex;
  rclite::Node* node = nullptr;
};

struct NodeSlot {
  std::unique_ptr<rclite::Node> node;
  std::shared_ptr<NodeLife> life = std::make_shared<NodeLife>();
  int executor = -1;                  // index into executors, -1: none
  std::unique_ptr<Spinner> convenience;  // a per-call convenience loop on this node
  std::shared_ptr<rclite::CallbackGroup> reentrant;
  std::shared_ptr<rclite::CallbackGroup> exclusive;
};

// Answers deferred requests from its own thread, in order.
class DeferredWorker {
 public:
  DeferredWorker() : thread_([this] { run(); }) {}
  ~DeferredWorker() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  void answer(rclite::Responder<AddTwoInts> responder, Response response) {
    auto held = std::make_shared<rclite::Responder<AddTwoInts>>(std::move(responder));
    push([held, response] { held->send(response); });
  }
  void answer_generic(rclite::GenericResponder responder, rclite::BodyWriter write) {
    auto held = std::make_shared<rclite::GenericResponder>(std::move(responder));
    push([held, write = std::move(write)] { held->send(write); });
  }

 private:
  void push(std::function<void()> work) {
    {
      std::lock_guard lock(mutex_);
      work_.push_back(std::move(work));
    }
    changed_.notify_all();
  }
  void run() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return done_ || !work_.empty(); });
      if (work_.empty()) return;
      auto work = std::move(work_.front());
      work_.pop_front();
      lock.unlock();
      work();
      work = nullptr;  // an unsent responder reports, outside the lock
      lock.lock();
    }
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> work_;
  bool done_ = false;
  std::thread thread_;
};

class Model {
 public:
  explicit Model(std::uint64_t seed) : seed_(seed), random_(seed) {}

  // Runs the seed; returns what went wrong (empty: nothing).
  std::vector<std::string> run(int steps) {
    const std::size_t threads_before = thread_count();
    {
      context_ = rclite::test::make_test_context();
      probe_node_ = std::make_unique<rclite::Node>("probe", rclite::test::bare_options_in(*context_));
      // A third of the seeds shut the context down at a random step and go on with what is left.
      const int shutdown_at = chance(0.3) ? pick(steps) : -1;
      bool shut_down = false;
      for (int step = 0; step < steps && problems_.empty(); ++step) {
        if (step == shutdown_at) {
          log("shutdown");
          context_->shutdown();
          shut_down = true;
          continue;
        }
        try {
          random_step();
        } catch (const rclite::ShutdownError& error) {
          if (!shut_down) problem(std::string("the step threw ") + error.what());
          log(std::string("  refused after shutdown: ") + error.what());
        } catch (const std::exception& error) {
          problem(std::string("the step threw ") + error.what());
        }
        heartbeat_.fetch_add(1);
        check();
      }
      if (problems_.empty() && !shut_down) drain();
      if (problems_.empty()) teardown();
      stop_every_spinner();  // after a problem: before the context goes
      probe_node_.reset();
      context_.reset();
      check_requests_ended();
    }
    if (problems_.empty() &&
        !rclite::test::eventually([&] { return thread_count() <= threads_before; }, kPatience)) {
      problem("threads outlived the seed: " + std::to_string(thread_count()) + " now, " +
              std::to_string(threads_before) + " before");
    }
    return problems_;
  }

  const std::vector<std::string>& steps() const { return steps_; }
  std::atomic<std::uint64_t>& heartbeat() { return heartbeat_; }

 private:
  // --- randomness -----------------------------------------------------------------------------
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  template <class T>
  int pick_index(const std::vector<T>& v) {
    return v.empty() ? -1 : pick(static_cast<int>(v.size()));
  }

  void log(const std::string& what) { steps_.push_back(std::to_string(steps_.size()) + ": " + what); }
  void problem(const std::string& what) { problems_.push_back("step " + std::to_string(steps_.size() - 1) + ": " + what); }
  void check() {
    for (auto& v : violations_.take()) problem(v);
  }

  // --- the steps ------------------------------------------------------------------------------
  void random_step() {
    if (nodes_.empty()) return create_node();
    // Weights (out of 100) of what users do most: send requests, create things, spin.
    static constexpr std::pair<int, void (Model::*)()> kSteps[] = {
        {5, &Model::create_node},      {2, &Model::destroy_node},       {8, &Model::create_service},
        {3, &Model::destroy_service},  {8, &Model::create_client},      {3, &Model::destroy_client},
        {20, &Model::send_request},    {3, &Model::cancel_request},     {3, &Model::create_subscription},
        {2, &Model::destroy_subscription}, {5, &Model::publish},        {4, &Model::create_executor},
        {2, &Model::destroy_executor}, {8, &Model::add_node},           {3, &Model::remove_node},
        {7, &Model::start_spinner},    {3, &Model::stop_spinner},       {3, &Model::start_node_spinner},
        {1, &Model::stop_node_spinner}, {5, &Model::probe},             {1, &Model::remote_server},
        {1, &Model::kill_remote},      {4, &Model::create_timer},       {2, &Model::destroy_timer},
        {2, &Model::cancel_or_reset_timer}};
    int r = pick(108);
    for (const auto& [weight, step] : kSteps) {
      if (r < weight) return (this->*step)();
      r -= weight;
    }
  }

  void create_node() {
    if (nodes_.size() >= 4) return;
    auto slot = std::make_unique<NodeSlot>();
    const std::string name = "n" + std::to_string(next_name_++);
    // Some with every default entity (parameter services, /rosout...), most without: cheaper.
    auto options = chance(0.3) ? rclite::test::options_in(*context_) : rclite::test::bare_options_in(*context_);
    slot->node = std::make_unique<rclite::Node>(name, options);
    slot->life->node = slot->node.get();
    slot->reentrant = slot->node->create_callback_group(rclite::CallbackGroupType::Reentrant);
    slot->exclusive = slot->node->create_callback_group(rclite::CallbackGroupType::MutuallyExclusive);
    log("create node " + name);
    nodes_.push_back(std::move(slot));
  }

  void destroy_node() {
    const int i = pick_index(nodes_);
    log("destroy node " + nodes_[i]->node->get_name() + " (its entities live on)");
    stop(nodes_[i]->convenience);
    {
      std::lock_guard lock(nodes_[i]->life->mutex);
      nodes_[i]->life->node = nullptr;
    }
    nodes_[i]->node.reset();  // while in an executor, possibly spinning
    nodes_.erase(nodes_.begin() + i);
    renumber_after_node_erase(i);
  }

  // Entities keep the index of their node; a destroyed node's entities point nowhere (-1).
  void renumber_after_node_erase(int erased) {
    auto fix = [&](int& node) { node = node == erased ? -1 : node > erased ? node - 1 : node; };
    for (auto& s : services_) fix(s->node);
    for (auto& c : clients_) fix(c->node);
    for (auto& s : subscriptions_) fix(s.second->node);
    for (auto& p : publishers_) fix(p.first);
    for (auto& t : timers_) fix(t->node);
  }

  NodeSlot* some_node(int& index) {
    index = pick_index(nodes_);
    return index < 0 ? nullptr : nodes_[index].get();
  }

  void create_service() {
    int n = 0;
    NodeSlot* node = some_node(n);
    auto slot = std::make_shared<ServiceSlot>();
    slot->node = n;
    slot->name = "/model/s" + std::to_string(next_name_++);
    const int form = pick(4);
    const int group = pick(3);  // default, reentrant, exclusive
    rclite::ServiceOptions options;
    options.callback_group = group == 1 ? node->reentrant : group == 2 ? node->exclusive : nullptr;
    slot->mutually_exclusive = group != 1;
    if (!services_.empty()) slot->other = node->node->create_client<AddTwoInts>(services_[pick_index(services_)]->name);
    std::weak_ptr<ServiceSlot> weak = slot;
    auto state = slot->state;
    auto before_answering = [this, weak, state](const AddTwoInts::Request& request) {
      if (state->destroyed) violations_.add("a service callback ran after its service was destroyed");
      switch (request.b) {
        case kThrow: throw ModelFailure();
        case kCallOther:
          if (auto self = weak.lock()) {
            std::unique_lock lock(self->mutex, std::try_to_lock);  // not while the main thread resets it
            if (lock && self->other) {
              try {
                self->other.call(AddTwoInts::Request{}, 100ms);
              } catch (const rclite::ServiceError&) {  // timed out or gone: fine, it was a nested call
              }
            }
          }
          break;
        case kDestroySelf:
          if (auto self = weak.lock()) {
            std::unique_lock lock(self->mutex, std::try_to_lock);
            if (lock) {
              self->handle.reset();
              self->generic.reset();
              self->state->destroyed = true;
            }
          }
          break;
        default: break;
      }
    };
    auto answer = [](const AddTwoInts::Request& request) {
      Response response;
      response.sum = request.a + request.b;
      return response;
    };
    rclite::Node& owner = *node->node;
    if (form == 0) {
      slot->handle = owner.create_service<AddTwoInts>(
          slot->name,
          [before_answering, answer](const AddTwoInts::Request& request) {
            before_answering(request);
            return answer(request);
          },
          options);
    } else if (form == 1) {
      slot->handle = owner.create_service<AddTwoInts>(
          slot->name,
          [before_answering, answer](const AddTwoInts::Request& request, Response& response) {
            before_answering(request);
            response = answer(request);
          },
          options);
    } else if (form == 3) {
      slot->generic = rclite::GenericService(
          owner, slot->name, generic_add_two_ints_,
          [this, before_answering](rclite::wire::CdrReader& body, rclite::GenericResponder responder) {
            AddTwoInts::Request request;
            body.read(request);
            before_answering(request);
            const std::int64_t sum = request.a + request.b;
            auto write = [sum](rclite::wire::CdrWriter& writer) { writer.write(sum); };
            if (request.a % 2 == 0) {
              responder.send(write);  // at once
            } else {
              deferred_.answer_generic(std::move(responder), write);  // later, from another thread
            }
          },
          options);
    } else {
      slot->handle = owner.create_service<AddTwoInts>(
          slot->name,
          [this, before_answering, answer](const AddTwoInts::Request& request, rclite::Responder<AddTwoInts> responder) {
            before_answering(request);
            if (request.a % 2 == 0) {
              responder.send(answer(request));  // at once
            } else {
              deferred_.answer(std::move(responder), answer(request));  // later, from another thread
            }
          },
          options);
    }
    log("create service " + slot->name + " form " + std::to_string(form) + " group " + std::to_string(group) +
        " on node " + std::to_string(n));
    services_.push_back(std::move(slot));
  }

  void destroy_service() {
    const int i = pick_index(services_);
    if (i < 0) return;
    auto slot = services_[i];
    log("destroy service " + slot->name);
    {
      std::lock_guard lock(slot->mutex);
      slot->handle.reset();
      slot->generic.reset();
      slot->state->destroyed = true;
      slot->other.reset();
    }
    services_.erase(services_.begin() + i);
  }

  void create_client() {
    int n = 0;
    NodeSlot* node = some_node(n);
    auto slot = std::make_shared<ClientSlot>();
    slot->node = n;
    const int target = pick(10);
    if (target < 7 && !services_.empty()) {
      slot->target = services_[pick_index(services_)]->name;
    } else if (target < 9 && remote_) {
      slot->target = remote_name_;
    } else {
      slot->target = "/model/nobody";
    }
    rclite::ClientOptions options;
    options.callback_group = chance(0.5) ? node->reentrant : nullptr;
    slot->handle = node->node->create_client<AddTwoInts>(slot->target, options);
    log("create client of " + slot->target + " on node " + std::to_string(n));
    clients_.push_back(std::move(slot));
  }

  void destroy_client() {
    const int i = pick_index(clients_);
    if (i < 0) return;
    auto slot = clients_[i];
    log("destroy client of " + slot->target);
    {
      std::lock_guard lock(slot->mutex);
      slot->handle.reset();
      slot->state->destroyed = true;
    }
    clients_.erase(clients_.begin() + i);
  }

  void send_request() {
    const int i = pick_index(clients_);
    if (i < 0) return;
    auto client = clients_[i];
    auto record = std::make_shared<RequestRecord>();
    record->a = next_request_++;
    const int behaviour = pick(20);
    record->b = behaviour < 14 ? kAnswer : behaviour < 16 ? kThrow : behaviour < 19 ? kCallOther : kDestroySelf;
    record->client = client;
    record->by_callback = chance(0.4);
    record->has_deadline = record->by_callback || chance(0.6);
    rclite::RequestOptions options;
    if (record->has_deadline) options.timeout = std::chrono::milliseconds(20 + pick(1500));
    log("send request " + std::to_string(record->a) + " b=" + std::to_string(record->b) + " to " + client->target +
        (record->by_callback ? " (callback)" : " (future)") + (record->has_deadline ? " with deadline" : ""));
    send(record, options);
  }

  // From the main thread or a response callback (a chained request).
  void send(const std::shared_ptr<RequestRecord>& record, const rclite::RequestOptions& options) {
    auto& client = record->client;
    AddTwoInts::Request request;
    request.a = record->a;
    request.b = record->b;
    try {
      if (record->by_callback) {
        std::weak_ptr<RequestRecord> weak = record;
        record->sequence = client->handle.async_send_request(
            request,
            [this, weak, state = client->state](std::shared_future<Response> future) {
              on_response(weak.lock(), *state, future);
            },
            options);
      } else {
        auto future = client->handle.async_send_request(request, options);
        record->sequence = future.request_id();
        record->future = future.share();
      }
    } catch (const rclite::ShutdownError&) {
      return;  // refused at once: not a request
    }
    std::lock_guard lock(records_mutex_);
    records_.push_back(record);
  }

  void on_response(const std::shared_ptr<RequestRecord>& record, const HandleState& client_state,
                   const std::shared_future<Response>& future) {
    if (client_state.destroyed) violations_.add("a response callback ran after its client was destroyed");
    if (!record) return;
    if (record->endings.fetch_add(1) != 0) violations_.add("request " + std::to_string(record->a) + " ended twice");
    check_outcome(*record, future);
  }

  void check_outcome(const RequestRecord& record, const std::shared_future<Response>& future) {
    try {
      const auto sum = future.get().sum;
      if (sum != record.a + record.b) violations_.add("request " + std::to_string(record.a) + " got a wrong sum");
    } catch (const rclite::TimeoutError&) {
    } catch (const rclite::ServiceUnavailableError&) {
    } catch (const rclite::RequestCancelledError&) {
    } catch (const rclite::ShutdownError&) {
    } catch (const std::exception& error) {
      violations_.add("request " + std::to_string(record.a) + " ended with " + error.what());
    }
  }

  void cancel_request() {
    std::shared_ptr<RequestRecord> record;
    {
      std::lock_guard lock(records_mutex_);
      if (records_.empty()) return;
      record = records_[pick(static_cast<int>(records_.size()))];
    }
    std::lock_guard lock(record->client->mutex);
    if (!record->client->handle) return;
    log("cancel request " + std::to_string(record->a));
    record->client->handle.cancel(record->sequence);
  }

  void create_subscription() {
    int n = 0;
    NodeSlot* node = some_node(n);
    auto slot = std::make_shared<SubscriptionSlot>();
    slot->node = n;
    std::weak_ptr<SubscriptionSlot> weak = slot;
    rclite::SubscriptionOptions options;
    options.callback_group = chance(0.5) ? node->reentrant : nullptr;
    slot->handle = node->node->create_subscription<Int64>(
        "/model/topic", rclite::QoS(20),
        [this, weak, state = slot->state](const Int64& message) {
          if (state->destroyed) violations_.add("a subscription callback ran after its subscription was destroyed");
          if (message.data % 7 == 0) throw ModelFailure();
          if (message.data % 11 == 0) {
            if (auto self = weak.lock()) {
              std::unique_lock lock(self->mutex, std::try_to_lock);
              if (lock) {
                self->handle.reset();
                self->state->destroyed = true;
              }
            }
          }
        },
        options);
    log("create subscription on node " + std::to_string(n));
    subscriptions_.emplace_back(next_name_++, std::move(slot));
  }

  void destroy_subscription() {
    const int i = pick_index(subscriptions_);
    if (i < 0) return;
    auto slot = subscriptions_[i].second;
    log("destroy subscription");
    {
      std::lock_guard lock(slot->mutex);
      slot->handle.reset();
      slot->state->destroyed = true;
    }
    subscriptions_.erase(subscriptions_.begin() + i);
  }

  void publish() {
    if (publishers_.empty() || chance(0.2)) {
      int n = 0;
      NodeSlot* node = some_node(n);
      if (publishers_.size() >= 3) publishers_.erase(publishers_.begin());  // destroy the oldest
      publishers_.emplace_back(n, node->node->create_publisher<Int64>("/model/topic", rclite::QoS(20)));
      log("create publisher on node " + std::to_string(n));
      return;
    }
    auto& publisher = publishers_[pick_index(publishers_)].second;
    const int count = 1 + pick(5);
    log("publish " + std::to_string(count));
    for (int i = 0; i < count; ++i) {
      Int64 message;
      message.data = next_message_++;
      publisher.publish(message);
    }
  }

  void create_timer() {
    if (timers_.size() >= 6) return;
    int n = 0;
    NodeSlot* node = some_node(n);
    auto slot = std::make_shared<TimerSlot>();
    slot->node = n;
    const auto behaviour = static_cast<TimerBehaviour>(pick(6));
    const auto period = std::chrono::milliseconds(1 + pick(5));
    rclite::TimerOptions options;
    options.callback_group = pick(3) == 0 ? node->reentrant : pick(2) == 0 ? node->exclusive : nullptr;
    options.oneshot = chance(0.15);
    options.autostart = chance(0.9);
    std::weak_ptr<TimerSlot> weak = slot;
    auto callback = [this, weak, behaviour, life = node->life, state = slot->state, calls = 0]() mutable {
      if (state->destroyed) violations_.add("a timer callback ran after its timer was destroyed");
      ++calls;
      if (behaviour == TimerBehaviour::ThrowSometimes && calls % 3 == 0) throw ModelFailure();
      if (behaviour == TimerBehaviour::Tick || behaviour == TimerBehaviour::ThrowSometimes || calls % 2 != 0) return;
      auto self = weak.lock();
      if (!self) return;
      std::unique_lock lock(self->mutex, std::try_to_lock);  // the main thread may hold it in destroy()
      if (!lock || !self->handle) return;
      switch (behaviour) {
        case TimerBehaviour::CancelSelf: self->handle.cancel(); break;
        case TimerBehaviour::ResetSelf: self->handle.reset(); break;
        case TimerBehaviour::DestroySelf:
          self->handle.destroy();
          self->state->destroyed = true;
          break;
        case TimerBehaviour::MakeOneShot: {
          // A one-shot timer created from this callback on the same node, if the node still exists.
          std::lock_guard node_lock(life->mutex);
          if (!self->child && life->node != nullptr) {
            auto child_state = self->child_state;
            self->child = life->node->create_wall_timer(1ms, [this, child_state] {
              if (child_state->destroyed) violations_.add("a one-shot timer ran after it was destroyed");
            }, rclite::TimerOptions{nullptr, true, true});
          }
          break;
        }
        default: break;
      }
    };
    {
      // The callback may run before the handle is stored: it reads the handle under this mutex.
      std::lock_guard lock(slot->mutex);
      if (chance(0.5)) {
        slot->handle = node->node->create_wall_timer(period, callback, options);
      } else {
        slot->handle = node->node->create_timer(period, callback, options);  // ROS time (system time here)
      }
    }
    log("create timer on node " + std::to_string(n) + " behaviour " + std::to_string(static_cast<int>(behaviour)));
    timers_.push_back(std::move(slot));
  }

  void destroy_timer() {
    const int i = pick_index(timers_);
    if (i < 0) return;
    auto slot = timers_[i];
    log("destroy timer");
    {
      std::lock_guard lock(slot->mutex);
      slot->handle.destroy();
      slot->state->destroyed = true;
      slot->child.destroy();
      slot->child_state->destroyed = true;
    }
    timers_.erase(timers_.begin() + i);
  }

  void cancel_or_reset_timer() {
    const int i = pick_index(timers_);
    if (i < 0) return;
    auto slot = timers_[i];
    std::lock_guard lock(slot->mutex);
    if (!slot->handle) return;
    if (chance(0.5)) {
      log("cancel timer");
      slot->handle.cancel();
      if (!slot->handle.is_canceled()) violations_.add("a cancelled timer says it is not cancelled");
    } else {
      log("reset timer");
      slot->handle.reset();
    }
  }

  void create_executor() {
    if (executors_.size() >= 3) return;
    auto slot = std::make_unique<ExecutorSlot>();
    slot->multi = chance(0.5);
    if (slot->multi) {
      slot->executor = std::make_unique<rclite::MultiThreadedExecutor>(*context_, 2 + pick(2));
    } else {
      slot->executor = std::make_unique<rclite::SingleThreadedExecutor>(*context_);
    }
    log(std::string("create executor ") + (slot->multi ? "multi" : "single"));
    executors_.push_back(std::move(slot));
  }

  void destroy_executor() {
    const int i = pick_index(executors_);
    if (i < 0) return;
    log("destroy executor " + std::to_string(i) + " (with what it held)");
    for (auto& spinner : executors_[i]->spinners) stop(spinner, executors_[i]->executor.get());
    executors_.erase(executors_.begin() + i);
    for (auto& node : nodes_) node->executor = node->executor == i ? -1 : node->executor > i ? node->executor - 1 : node->executor;
  }

  void add_node() {
    const int e = pick_index(executors_);
    int n = 0;
    NodeSlot* node = some_node(n);
    if (e < 0 || node->convenience) return;
    log("add node " + std::to_string(n) + " to executor " + std::to_string(e));
    if (node->executor >= 0 && node->executor != e) {
      try {
        executors_[e]->executor->add_node(*node->node);
        problem("a node was added to a second executor");
      } catch (const std::logic_error&) {  // as it must
      }
      return;
    }
    executors_[e]->executor->add_node(*node->node);
    node->executor = e;
  }

  void remove_node() {
    int n = 0;
    NodeSlot* node = some_node(n);
    if (node->executor < 0) return;
    log("remove node " + std::to_string(n) + " from executor " + std::to_string(node->executor));
    executors_[node->executor]->executor->remove_node(*node->node);
    node->executor = -1;
  }

  void start_spinner() {
    const int e = pick_index(executors_);
    if (e < 0 || executors_[e]->spinners.size() >= 2) return;
    auto& slot = *executors_[e];
    auto kind = static_cast<SpinKind>(pick(4));
    if (kind == SpinKind::Spin && slot.spun_by_spin()) kind = SpinKind::SpinOnce;
    log(std::string("start ") + name_of(kind) + " on executor " + std::to_string(e));
    slot.spinners.push_back(start(kind, slot.executor.get(), nullptr));
  }

  void stop_spinner() {
    const int e = pick_index(executors_);
    if (e < 0 || executors_[e]->spinners.empty()) return;
    auto& spinners = executors_[e]->spinners;
    const int s = pick_index(spinners);
    log(std::string("stop ") + name_of(spinners[s]->kind) + " on executor " + std::to_string(e));
    stop(spinners[s], executors_[e]->executor.get());
    spinners.erase(spinners.begin() + s);
  }

  void start_node_spinner() {
    int n = 0;
    NodeSlot* node = some_node(n);
    if (node->executor >= 0 || node->convenience) return;
    const auto kind = chance(0.5) ? SpinKind::NodeSpinSome : SpinKind::NodeSpinUntil;
    log(std::string("start ") + name_of(kind) + " on node " + std::to_string(n));
    node->convenience = start(kind, nullptr, node->node.get());
  }

  void stop_node_spinner() {
    int n = 0;
    NodeSlot* node = some_node(n);
    if (!node->convenience) return;
    log(std::string("stop ") + name_of(node->convenience->kind) + " on node " + std::to_string(n));
    stop(node->convenience);
  }

  std::unique_ptr<Spinner> start(SpinKind kind, rclite::Executor* executor, rclite::Node* node) {
    auto spinner = std::make_unique<Spinner>();
    spinner->kind = kind;
    Spinner* self = spinner.get();
    spinner->thread = std::thread([this, self, executor, node] {
      std::promise<void> never;
      const auto never_ready = never.get_future().share();
      while (!self->stop && context_->ok()) {
        try {
          switch (self->kind) {
            case SpinKind::Spin: executor->spin(); break;
            case SpinKind::SpinSome: executor->spin_some(); std::this_thread::sleep_for(1ms); break;
            case SpinKind::SpinOnce: executor->spin_once(10ms); break;
            case SpinKind::SpinUntil: executor->spin_until_future_complete(never_ready, 10ms); break;
            case SpinKind::NodeSpinSome: rclite::spin_some(*node); std::this_thread::sleep_for(1ms); break;
            case SpinKind::NodeSpinUntil: rclite::spin_until_future_complete(*node, never_ready, 10ms); break;
          }
        } catch (const ModelFailure&) {  // a callback threw, as asked: the next spin goes on
        } catch (const std::exception& error) {
          violations_.add(std::string(name_of(self->kind)) + " threw " + error.what());
        }
      }
      self->exited = true;
    });
    return spinner;
  }

  void stop(std::unique_ptr<Spinner>& spinner, rclite::Executor* executor = nullptr) {
    if (!spinner) return;
    spinner->stop = true;
    // spin() ends with a cancel(); another spin* call of the executor may take a cancel meant for
    // it (it returns once, and loops), so cancel until it is out.
    while (!spinner->exited) {
      if (executor) executor->cancel();
      std::this_thread::sleep_for(1ms);
    }
    spinner->thread.join();
    spinner.reset();
  }

  // A service whose node is in an executor that spin() runs answers (unless it destroys itself).
  void probe() {
    if (!context_->ok()) return;  // after shutdown nothing is served
    std::vector<std::shared_ptr<ServiceSlot>> spun;
    for (auto& service : services_) {
      if (service->node < 0) continue;
      const int e = nodes_[service->node]->executor;
      if (e >= 0 && executors_[e]->spun_by_spin()) spun.push_back(service);
    }
    if (spun.empty()) return;
    auto service = spun[pick_index(spun)];
    log("probe " + service->name);
    auto client = probe_node_->create_client<AddTwoInts>(service->name);
    if (!client.wait_for_service(kPatience)) {
      if (!service->state->destroyed) problem("probe: the service of " + service->name + " is not found");
      return;
    }
    AddTwoInts::Request request;
    request.a = 1000000 + next_request_++;
    try {
      const auto sum = client.call(request, kPatience).sum;
      if (sum != request.a) problem("probe: wrong sum from " + service->name);
    } catch (const rclite::ServiceUnavailableError&) {
      if (!service->state->destroyed) problem("probe: " + service->name + " went away while alive");
    } catch (const std::exception& error) {
      problem("probe of " + service->name + " failed: " + error.what());
    }
  }

  void remote_server() {
    if (remote_) return;
    remote_name_ = "/model/remote" + std::to_string(next_name_++);
    log("start server process " + remote_name_);
    remote_ = std::make_unique<rclite::harness::ChildProcess>(
        std::vector<std::string>{kBin + "/rclite_test_server", remote_name_});
    if (!remote_->wait_for_output("READY", kPatience)) problem("the server process did not start: " + remote_->output());
  }

  void kill_remote() {
    if (!remote_) return;
    log("kill server process " + remote_name_);
    remote_->signal(SIGKILL);
    remote_.reset();
  }

  void stop_every_spinner() {
    for (auto& node : nodes_) stop(node->convenience);
    for (auto& executor : executors_) {
      for (auto& spinner : executor->spinners) stop(spinner, executor->executor.get());
      executor->spinners.clear();
    }
  }

  // --- the end of a seed ----------------------------------------------------------------------
  // Every node with clients spun: every request with a deadline must end while its client lives.
  void drain() {
    log("drain");
    auto helper = std::make_unique<ExecutorSlot>();
    helper->multi = true;
    helper->executor = std::make_unique<rclite::MultiThreadedExecutor>(*context_, 2);
    for (auto& node : nodes_) {
      if (node->executor < 0 && !node->convenience) helper->executor->add_node(*node->node);
    }
    helper->spinners.push_back(start(SpinKind::Spin, helper->executor.get(), nullptr));
    for (auto& executor : executors_) {
      if (executor->spinners.empty()) executor->spinners.push_back(start(SpinKind::Spin, executor->executor.get(), nullptr));
    }
    executors_.push_back(std::move(helper));
    std::vector<std::shared_ptr<RequestRecord>> records;
    {
      std::lock_guard lock(records_mutex_);
      records = records_;
    }
    for (auto& record : records) {
      if (!record->has_deadline) continue;
      const bool ended = rclite::test::eventually(
          [&] {
            if (record->client->state->destroyed) return true;  // may have ended silently
            if (record->future) return record->future->wait_for(0s) == std::future_status::ready;
            // A callback whose client node was destroyed has nothing to run it: allowed to wait.
            return record->endings.load() > 0 || record->client->node < 0;
          },
          kPatience);
      if (!ended) problem("request " + std::to_string(record->a) + " with a deadline never ended");
    }
    for (auto& client : clients_) {
      std::lock_guard lock(client->mutex);
      std::size_t open = 0;
      for (auto& record : records) {
        if (record->client != client) continue;
        const bool open_future = !record->has_deadline && record->future &&
                                 record->future->wait_for(0s) != std::future_status::ready;
        // A callback of a client whose node is gone never runs (nothing spins it): not seen to end.
        const bool unseen_callback = record->by_callback && record->endings.load() == 0;
        open += open_future || unseen_callback ? 1 : 0;
      }
      if (client->handle.pending_requests() > open) {
        // Every deadline ended above; what is left pending has no deadline.
        problem("client of " + client->target + " holds " + std::to_string(client->handle.pending_requests()) +
                " pending entries, " + std::to_string(open) + " expected");
      }
    }
  }

  // Everything destroyed, in a random order of kinds; spinners stopped before their executor.
  void teardown() {
    log("teardown");
    std::vector<int> order{0, 1, 2, 3, 4, 5, 6};
    std::shuffle(order.begin(), order.end(), random_);
    for (int kind : order) {
      switch (kind) {
        case 0:
          while (!clients_.empty()) destroy_client();
          break;
        case 1:
          while (!services_.empty()) destroy_service();
          break;
        case 2:
          while (!subscriptions_.empty()) destroy_subscription();
          publishers_.clear();
          break;
        case 3:
          while (!executors_.empty()) destroy_executor();
          break;
        case 4:
          for (auto& node : nodes_) stop(node->convenience);
          while (!executors_.empty()) destroy_executor();  // a spinning node is not destroyed under it
          while (!nodes_.empty()) destroy_node();
          break;
        case 5:
          kill_remote();
          break;
        case 6:
          while (!timers_.empty()) destroy_timer();
          break;
      }
      check();
    }
  }

  void check_requests_ended() {
    std::lock_guard lock(records_mutex_);
    for (auto& record : records_) {
      if (record->by_callback) {
        if (record->endings.load() > 1) problem("request " + std::to_string(record->a) + " ended twice");
        continue;
      }
      if (record->future->wait_for(kPatience) != std::future_status::ready) {
        problem("request " + std::to_string(record->a) + " never ended");
        continue;
      }
      check_outcome(*record, *record->future);
    }
    check();
    records_.clear();
  }

  std::uint64_t seed_;
  std::mt19937_64 random_;
  std::vector<std::string> steps_;
  std::vector<std::string> problems_;
  Violations violations_;
  std::atomic<std::uint64_t> heartbeat_{0};
  int next_name_ = 0;
  std::int64_t next_request_ = 0;
  std::int64_t next_message_ = 1;

  std::unique_ptr<rclite::Context> context_;
  std::unique_ptr<rclite::Node> probe_node_;
  DeferredWorker deferred_;
  std::vector<std::unique_ptr<NodeSlot>> nodes_;
  std::vector<std::shared_ptr<ServiceSlot>> services_;
  // The runtime-typed twin of AddTwoInts, for GenericService (form 3).
  const rclite::GenericServiceType generic_add_two_ints_ =
      rclite::GenericServiceType::resolve("example_interfaces/srv/AddTwoInts");
  std::vector<std::shared_ptr<ClientSlot>> clients_;
  std::vector<std::pair<int, std::shared_ptr<SubscriptionSlot>>> subscriptions_;
  std::vector<std::shared_ptr<TimerSlot>> timers_;
  std::vector<std::pair<int, rclite::Publisher<Int64>>> publishers_;
  std::vector<std::unique_ptr<ExecutorSlot>> executors_;
  std::unique_ptr<rclite::harness::ChildProcess> remote_;
  std::string remote_name_;
  std::mutex records_mutex_;
  std::vector<std::shared_ptr<RequestRecord>> records_;
};

// Aborts the process, printing the seed and its steps, when the model makes no progress.
class Watchdog {
 public:
  Watchdog(std::uint64_t seed, Model& model) : seed_(seed), model_(model), thread_([this] { watch(); }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

 private:
  void watch() {
    std::unique_lock lock(mutex_);
    std::uint64_t last = model_.heartbeat().load();
    while (!changed_.wait_for(lock, 3 * kPatience, [&] { return done_; })) {
      const std::uint64_t now = model_.heartbeat().load();
      if (now != last) {
        last = now;
        continue;
      }
      std::fprintf(stderr, "lifecycle model: seed %llu stalled (deadlock?) after these steps:\n",
                   static_cast<unsigned long long>(seed_));
      // The step list is only appended to by the stalled main thread: read as it is.
      for (const auto& step : model_.steps()) std::fprintf(stderr, "  %s\n", step.c_str());
      std::fprintf(stderr, "replay: RCLITE_MODEL_SEED=%llu\n", static_cast<unsigned long long>(seed_));
      std::fflush(stderr);
      std::abort();
    }
  }
  std::uint64_t seed_;
  Model& model_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool done_ = false;
  std::thread thread_;
};

void run_seed(std::uint64_t seed, int steps) {
  Model model(seed);
  std::vector<std::string> problems;
  {
    Watchdog watchdog(seed, model);
    problems = model.run(steps);
  }
  if (std::getenv("RCLITE_MODEL_VERBOSE") != nullptr) {
    std::printf("seed %llu:\n", static_cast<unsigned long long>(seed));
    for (auto& s : model.steps()) std::printf("  %s\n", s.c_str());
  }
  if (problems.empty()) return;
  std::string report = "seed " + std::to_string(seed) + " (replay: RCLITE_MODEL_SEED=" + std::to_string(seed) + "):\n";
  for (auto& p : problems) report += "  problem: " + p + "\n";
  report += "steps:\n";
  for (auto& s : model.steps()) report += "  " + s + "\n";
  ADD_FAILURE() << report;
}

class LifecycleModel : public ::testing::TestWithParam<int> {};

}  // namespace

TEST_P(LifecycleModel, RandomSequencesKeepEveryInvariant) {
  const int steps = static_cast<int>(env_or("RCLITE_MODEL_STEPS", 150));
  if (const char* replay = std::getenv("RCLITE_MODEL_SEED")) {
    if (GetParam() != 0) GTEST_SKIP() << "replaying one seed";
    run_seed(std::strtoull(replay, nullptr, 10), steps);
    return;
  }
  const long per_test = env_or("RCLITE_MODEL_SEEDS_PER_TEST", 4);
  const long first = env_or("RCLITE_MODEL_FIRST_SEED", 1);
  for (long i = 0; i < per_test; ++i) {
    const auto seed = static_cast<std::uint64_t>(first + GetParam() * per_test + i);
    run_seed(seed, steps);
    if (HasFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, LifecycleModel, ::testing::Range(0, kSlots));
