// The randomized lifecycle model test: a seeded generator drives random sequences of what users do
// with nodes, services (all three callback forms), clients, subscriptions, publishers, timers (wall
// and node clock, one-shot; cancelled, reset, destroyed and created from their own callbacks), callback
// groups and executors (single- and multi-threaded), in this process and with a server process:
// create and destroy them in any order, spin them from several threads with every spin* call and
// the per-call conveniences, send requests with and without deadlines (futures and callbacks),
// cancel them, have callbacks throw, call other services and destroy their own handles, kill the
// server process, shut down at a random point. Actions (Fibonacci): servers that accept, reject or
// defer goals, execute them in handle_accepted or on threads of their own, publish feedback,
// succeed, abort or honour cancels, hold goals for later steps (ended here, on a thread, by
// dropping the handle, or tried with transitions rcl_action forbids), and are destroyed mid-goal
// and while threads use their goal handles; clients that send goals (callbacks, deadlines), ask
// for results, cancel one goal or all, and are destroyed mid-goal, also from their own callbacks.
//
// After every step it checks the invariants; at the end of a seed it drains and tears down and
// checks the rest:
//   - every request ends exactly once (reply with the right sum, TimeoutError,
//     ServiceUnavailableError, RequestCancelledError, ShutdownError), and one with a deadline ends
//     while its client lives;
//   - no callback runs after its handle is gone (reset() returned);
//   - every goal's future ends (handle, rejection, or a ServiceError), and so does every accepted
//     goal's result and every cancel request; a goal between a live client and a live server on
//     spun nodes ends while they live; results are what the server sent, feedback has the values
//     sent, each once, in order (in a reentrant group callbacks may run in parallel: any order); a goal is canceled only if asked; the statuses a server publishes
//     move forward in rcl_action's state machine; forbidden transitions throw ActionError;
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

#include <action_msgs/msg/goal_status_array.hpp>
#include <example_interfaces/action/fibonacci.hpp>
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
#include <set>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include "harness/child_process.hpp"
#include "rclite/action_client.hpp"
#include "rclite/action_server.hpp"
#include "rclite/generic_service.hpp"
#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/patience.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::AddTwoInts;
using Int64 = std_msgs::msg::Int64;
using Response = AddTwoInts::Response;
using example_interfaces::action::Fibonacci;
using GoalStatus = action_msgs::msg::GoalStatus;
using ServerHandle = rclite::ServerGoalHandle<Fibonacci>;
using ClientHandle = rclite::ClientGoalHandle<Fibonacci>;

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

// --- actions (example_interfaces/Fibonacci) -------------------------------------------------------
// A goal's order says what its server does with it: kind * 100 + n, n feedback messages (1..n, one
// number each, in order) and, when it succeeds, the result 1..n.
enum GoalKind : int { kExecuteHere = 0, kExecuteOnThread = 1, kAbortHere = 2, kReject = 3, kDefer = 4, kHold = 5 };
const char* name_of(GoalKind kind) {
  static constexpr const char* kNames[] = {"execute here", "execute on a thread", "abort here", "reject",
                                           "defer", "hold"};
  return kNames[kind];
}
std::vector<std::int32_t> one_to(int n) {
  std::vector<std::int32_t> sequence;
  for (int k = 1; k <= n; ++k) sequence.push_back(k);
  return sequence;
}
// A status's place in rcl_action's state machine: a goal's published statuses never go back
// (keep last 1 may skip some), and a terminal one never changes.
int rank_of(std::int8_t status) {
  switch (status) {
    case GoalStatus::STATUS_ACCEPTED: return 1;
    case GoalStatus::STATUS_EXECUTING: return 2;
    case GoalStatus::STATUS_CANCELING: return 3;
    default: return 4;
  }
}

struct ActionServerSlot {
  int node = 0;
  std::string name;
  bool accept_cancel = true;
  std::mutex mutex;  // guards handle (the main thread holds it in reset(); callbacks do not take it)
  rclite::ActionServer<Fibonacci> handle;
  std::shared_ptr<HandleState> state = std::make_shared<HandleState>();
  std::mutex held_mutex;  // guards held and workers (callbacks take it)
  std::vector<std::shared_ptr<ServerHandle>> held;  // deferred or held goals, ended by later steps
  std::vector<std::thread> workers;                  // goals executed on threads of their own
  // The statuses the server published, as an observer node sees them.
  rclite::Subscription<action_msgs::msg::GoalStatusArray> observer;
  std::map<rclite::GoalUUID, std::int8_t> seen;  // observer callbacks only (one executor thread)
};

struct ActionClientSlot {
  int node = 0;
  std::string target;
  bool reentrant = false;  // its callbacks (feedback included) may run in parallel: in any order
  std::mutex mutex;  // guards handle; callbacks only try_lock it (the main thread may hold it in reset())
  rclite::ActionClient<Fibonacci> handle;
  std::shared_ptr<HandleState> state = std::make_shared<HandleState>();
};

struct GoalRecord {
  int number = 0;
  int order = 0;
  GoalKind kind() const { return static_cast<GoalKind>(order / 100); }
  int length() const { return order % 100; }
  std::shared_ptr<ActionClientSlot> client;
  std::shared_future<std::shared_ptr<ClientHandle>> goal;
  std::atomic<bool> cancel_asked{false};
  std::atomic<int> responses{0};
  std::atomic<int> results{0};
  std::mutex mutex;  // guards the rest (callbacks write them)
  std::vector<std::int32_t> feedback;
  std::optional<rclite::ResultCode> callback_code;
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
      // Watches the action servers' status topics, on an executor of its own.
      observer_node_ = std::make_unique<rclite::Node>("observer", rclite::test::bare_options_in(*context_));
      observer_executor_ = std::make_unique<rclite::SingleThreadedExecutor>(*context_);
      observer_executor_->add_node(*observer_node_);
      observer_spinner_ = start(SpinKind::Spin, observer_executor_.get(), nullptr);
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
      while (!action_servers_.empty()) destroy_action_server(0);  // after a problem: joins their threads
      while (!action_clients_.empty()) destroy_action_client(0);
      stop_every_spinner();  // after a problem: before the context goes
      stop(observer_spinner_, observer_executor_.get());
      observer_executor_.reset();
      observer_node_.reset();
      probe_node_.reset();
      context_.reset();
      check_requests_ended();
      check_goals_ended();
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
        {2, &Model::cancel_or_reset_timer}, {3, &Model::create_action_server}, {1, &Model::destroy_action_server},
        {3, &Model::create_action_client}, {1, &Model::destroy_action_client}, {10, &Model::send_goal},
        {2, &Model::get_result},       {2, &Model::cancel_goal},        {1, &Model::cancel_all_goals},
        {4, &Model::advance_held_goal}, {1, &Model::race_server_destruction}};
    int r = pick(136);
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
    for (auto& a : action_servers_) fix(a->node);
    for (auto& a : action_clients_) fix(a->node);
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
    // A service that destroyed itself (kDestroySelf) is not waited for.
    rclite::test::eventually([&] { return client.service_is_ready() || service->state->destroyed; }, kPatience);
    if (!client.service_is_ready()) {
      if (!service->state->destroyed) problem("probe: the service of " + service->name + " is not found");
      return;
    }
    AddTwoInts::Request request;
    request.a = 1000000 + next_request_++;
    try {
      const auto sum = client.call(request, kPatience).sum;
      if (sum != request.a) problem("probe: wrong sum from " + service->name);
    } catch (const rclite::ServiceUnavailableError&) {
      // A service destroying itself (kDestroySelf) is gone a moment before its flag says so.
      if (!rclite::test::eventually([&] { return service->state->destroyed.load(); }, kPatience)) {
        problem("probe: " + service->name + " went away while alive");
      }
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

  // --- actions --------------------------------------------------------------------------------
  // Most action entities go on a spun node (as users put them): goals then run their course more
  // often than they meet an unspun server.
  void maybe_spin_node(int n) {
    NodeSlot& node = *nodes_[n];
    if (!chance(0.7) || node.executor >= 0 || node.convenience) return;
    if (executors_.empty()) create_executor();
    const int e = pick_index(executors_);
    log("add node " + std::to_string(n) + " to executor " + std::to_string(e) + ", spun");
    executors_[e]->executor->add_node(*node.node);
    node.executor = e;
    if (executors_[e]->spinners.empty()) executors_[e]->spinners.push_back(start(SpinKind::Spin, executors_[e]->executor.get(), nullptr));
  }

  void create_action_server() {
    if (action_servers_.size() >= 3 || nodes_.empty()) return;
    int n = 0;
    NodeSlot* node = some_node(n);
    maybe_spin_node(n);
    auto slot = std::make_shared<ActionServerSlot>();
    slot->node = n;
    // A few names, so that clients made before a server (or after its predecessor died) meet it;
    // never two servers of one name at a time (both would execute a goal).
    std::vector<std::string> free;
    for (int a = 0; a < 3; ++a) {
      const std::string name = "/model/a" + std::to_string(a);
      if (std::none_of(action_servers_.begin(), action_servers_.end(), [&](auto& s) { return s->name == name; })) {
        free.push_back(name);
      }
    }
    slot->name = free[pick_index(free)];
    ++servers_named_[slot->name];
    slot->accept_cancel = chance(0.7);
    rclite::ActionServerOptions options;
    options.callback_group = chance(0.5) ? node->reentrant : nullptr;
    std::weak_ptr<ActionServerSlot> weak = slot;
    auto state = slot->state;
    slot->handle = node->node->create_action_server<Fibonacci>(
        slot->name,
        [this, state](const rclite::GoalUUID&, std::shared_ptr<const Fibonacci::Goal> goal) {
          if (state->destroyed) violations_.add("handle_goal ran after its action server was destroyed");
          switch (static_cast<GoalKind>(goal->order / 100)) {
            case kReject: return rclite::GoalResponse::REJECT;
            case kDefer: return rclite::GoalResponse::ACCEPT_AND_DEFER;
            default: return rclite::GoalResponse::ACCEPT_AND_EXECUTE;
          }
        },
        [this, state, accept = slot->accept_cancel](std::shared_ptr<ServerHandle>) {
          if (state->destroyed) violations_.add("handle_cancel ran after its action server was destroyed");
          return accept ? rclite::CancelResponse::ACCEPT : rclite::CancelResponse::REJECT;
        },
        [this, weak, state](std::shared_ptr<ServerHandle> goal) {
          if (state->destroyed) violations_.add("handle_accepted ran after its action server was destroyed");
          const auto kind = static_cast<GoalKind>(goal->get_goal()->order / 100);
          if (kind == kExecuteHere || kind == kAbortHere) return execute_goal(goal, false);
          auto self = weak.lock();
          if (!self) return;
          std::lock_guard lock(self->held_mutex);
          if (kind == kExecuteOnThread) {
            self->workers.emplace_back([this, goal] { execute_goal(goal, true); });
          } else {
            self->held.push_back(std::move(goal));
          }
        },
        options);
    {
      slot->observer = observer_node_->create_subscription<action_msgs::msg::GoalStatusArray>(
          slot->name + "/_action/status", rclite::QoS(1).transient_local(),
          [this, weak](const action_msgs::msg::GoalStatusArray& message) {
            auto self = weak.lock();
            if (!self) return;
            for (const auto& status : message.status_list) {
              auto [seen, fresh] = self->seen.emplace(status.goal_info.goal_id.uuid, status.status);
              const std::int8_t before = seen->second;
              seen->second = status.status;
              if (fresh || before == status.status) continue;
              if (rank_of(status.status) <= rank_of(before)) {
                violations_.add("goal status went from " + std::string(rclite::detail::status_name(before)) + " to " +
                                rclite::detail::status_name(status.status) + " on " + self->name);
              }
            }
          });
    }
    log("create action server " + slot->name + (slot->accept_cancel ? " accepting" : " rejecting") +
        " cancels on node " + std::to_string(n));
    action_servers_.push_back(std::move(slot));
  }

  // Publishes the goal's feedback and ends it as its kind says; from handle_accepted, a worker thread
  // or a step. The server may be destroyed meanwhile (ActionError), or the context shut down.
  void execute_goal(const std::shared_ptr<ServerHandle>& goal, bool pause) {
    try {
      if (goal->get_status() == GoalStatus::STATUS_ACCEPTED) goal->execute();
      const int order = goal->get_goal()->order;
      Fibonacci::Result result;
      for (int k = 1; k <= order % 100; ++k) {
        if (goal->is_canceling()) return goal->canceled(result);
        Fibonacci::Feedback feedback;
        feedback.sequence = {k};
        goal->publish_feedback(feedback);
        result.sequence.push_back(k);
        if (pause) std::this_thread::sleep_for(1ms);
      }
      if (order / 100 == kAbortHere) return goal->abort(result);
      goal->succeed(result);
    } catch (const rclite::ActionError&) {  // destroyed, or ended by another thread
    } catch (const rclite::ShutdownError&) {
    } catch (const std::exception& error) {
      violations_.add(std::string("a goal's execution threw ") + error.what());
    }
  }

  // The server ends the given goal itself; kept out of the slot's mutexes (the server may be destroyed meanwhile).
  std::shared_ptr<ServerHandle> take_held(ActionServerSlot& slot) {
    std::lock_guard lock(slot.held_mutex);
    if (slot.held.empty()) return nullptr;
    const int i = pick_index(slot.held);
    auto goal = slot.held[i];
    slot.held.erase(slot.held.begin() + i);
    return goal;
  }

  void advance_held_goal() {
    const int s = pick_index(action_servers_);
    if (s < 0) return;
    auto& slot = *action_servers_[s];
    auto goal = take_held(slot);
    if (!goal) return;
    const int what = pick(4);
    if (what == 0) {
      log("end a held goal of " + slot.name + " here");
      execute_goal(goal, false);
    } else if (what == 1) {
      log("end a held goal of " + slot.name + " on a thread");
      std::lock_guard lock(slot.held_mutex);
      slot.workers.emplace_back([this, goal] { execute_goal(goal, true); });
    } else if (what == 2) {
      // The handle's destructor ends an active goal (rclcpp's behaviour): its client must see the end.
      log("drop a held goal of " + slot.name);
      goal.reset();
    } else {
      // rcl_action refuses the transitions its state machine lacks; the goal stays held.
      log("forbidden transitions on a held goal of " + slot.name);
      const std::int8_t status = goal->get_status();
      const bool accepted = status == GoalStatus::STATUS_ACCEPTED;
      const bool canceling = status == GoalStatus::STATUS_CANCELING;
      auto refused = [&](const char* what, auto&& operation) {
        try {
          operation();
          violations_.add(std::string(what) + " was allowed on a goal in state " + rclite::detail::status_name(status));
        } catch (const rclite::ActionError&) {
        }
      };
      if (accepted) refused("succeed", [&] { goal->succeed(Fibonacci::Result{}); });
      if (!canceling && (accepted || status == GoalStatus::STATUS_EXECUTING)) {
        refused("canceled", [&] { goal->canceled(Fibonacci::Result{}); });
      }
      if (!accepted && status != GoalStatus::STATUS_UNKNOWN) refused("execute", [&] { goal->execute(); });
      std::lock_guard lock(slot.held_mutex);
      slot.held.push_back(std::move(goal));
    }
  }

  // Goal handles used on a thread while the main thread destroys their server.
  void race_server_destruction() {
    const int s = pick_index(action_servers_);
    if (s < 0) return;
    auto& slot = *action_servers_[s];
    {
      std::lock_guard lock(slot.held_mutex);
      for (auto& goal : slot.held) slot.workers.emplace_back([this, goal] { execute_goal(goal, true); });
      slot.held.clear();
    }
    log("race the goals of " + slot.name + " with its destruction");
    destroy_action_server(s);
  }

  void destroy_action_server() { destroy_action_server(pick_index(action_servers_)); }
  void destroy_action_server(int i) {
    if (i < 0) return;
    auto slot = action_servers_[i];
    log("destroy action server " + slot->name);
    {
      std::lock_guard lock(slot->mutex);
      slot->handle.reset();
      slot->state->destroyed = true;
    }
    slot->observer.reset();
    std::vector<std::shared_ptr<ServerHandle>> held;
    std::vector<std::thread> workers;
    {
      std::lock_guard lock(slot->held_mutex);
      held.swap(slot->held);
      workers.swap(slot->workers);
    }
    held.clear();  // ends nothing: the server is gone (ActionError inside the destructor)
    for (auto& worker : workers) worker.join();
    action_servers_.erase(action_servers_.begin() + i);
  }

  void create_action_client() {
    if (action_clients_.size() >= 4) return;
    int n = 0;
    NodeSlot* node = some_node(n);
    maybe_spin_node(n);
    auto slot = std::make_shared<ActionClientSlot>();
    slot->node = n;
    const int target = pick(10);
    if (target < 6 && !action_servers_.empty()) {
      slot->target = action_servers_[pick_index(action_servers_)]->name;
    } else {
      slot->target = target < 9 ? "/model/a" + std::to_string(target % 3) : "/model/no_action";
    }
    rclite::ActionClientOptions options;
    slot->reentrant = chance(0.5);
    options.callback_group = slot->reentrant ? node->reentrant : nullptr;
    slot->handle = node->node->create_action_client<Fibonacci>(slot->target, options);
    log("create action client of " + slot->target + " on node " + std::to_string(n));
    action_clients_.push_back(std::move(slot));
  }

  void destroy_action_client() { destroy_action_client(pick_index(action_clients_)); }
  void destroy_action_client(int i) {
    if (i < 0) return;
    auto slot = action_clients_[i];
    log("destroy action client of " + slot->target);
    {
      std::lock_guard lock(slot->mutex);
      slot->handle.reset();
      slot->state->destroyed = true;
    }
    action_clients_.erase(action_clients_.begin() + i);
  }

  // From a client's callback: destroys that client, unless the main thread holds it.
  static void destroy_from_callback(const std::weak_ptr<ActionClientSlot>& weak) {
    auto self = weak.lock();
    if (!self) return;
    std::unique_lock lock(self->mutex, std::try_to_lock);
    if (!lock || !self->handle) return;
    self->handle.reset();
    self->state->destroyed = true;
  }

  void send_goal() {
    // Mostly to a client whose server exists: the others' goals all end alike (ServiceUnavailableError).
    std::vector<std::shared_ptr<ActionClientSlot>> served;
    for (auto& client : action_clients_) {
      if (std::any_of(action_servers_.begin(), action_servers_.end(), [&](auto& s) { return s->name == client->target; })) {
        served.push_back(client);
      }
    }
    const auto& among = !served.empty() && chance(0.8) ? served : action_clients_;
    const int c = pick_index(among);
    if (c < 0) return;
    auto client = among[c];
    auto record = std::make_shared<GoalRecord>();
    record->number = next_goal_++;
    record->client = client;
    const int kind = pick(6);
    record->order = kind * 100 + pick(5);
    // 1 in 20 callbacks destroys its own client.
    const int destroyer = pick(20);  // 0: the goal response callback, 1: feedback, 2: result
    std::weak_ptr<ActionClientSlot> weak = client;
    std::weak_ptr<GoalRecord> weak_record = record;
    auto state = client->state;
    rclite::ActionClient<Fibonacci>::SendGoalOptions options;
    options.goal_response_callback = [this, weak, weak_record, state, destroyer](std::shared_ptr<ClientHandle>) {
      if (state->destroyed) violations_.add("a goal response callback ran after its action client was destroyed");
      if (auto record = weak_record.lock(); record && record->responses.fetch_add(1) != 0) {
        violations_.add("goal " + std::to_string(record->number) + " was answered twice");
      }
      if (destroyer == 0) destroy_from_callback(weak);
    };
    options.feedback_callback = [this, weak, weak_record, state, destroyer, reentrant = client->reentrant](
                                    std::shared_ptr<ClientHandle>,
                                    std::shared_ptr<const Fibonacci::Feedback> feedback) {
      if (state->destroyed) violations_.add("a feedback callback ran after its action client was destroyed");
      auto record = weak_record.lock();
      if (!record) return;
      std::lock_guard lock(record->mutex);
      const std::int32_t k = feedback->sequence.size() == 1 ? feedback->sequence[0] : -1;
      const std::int32_t last = record->feedback.empty() ? 0 : record->feedback.back();
      const bool repeated = std::find(record->feedback.begin(), record->feedback.end(), k) != record->feedback.end();
      if (k < 1 || k > record->length() || repeated || (!reentrant && k <= last)) {
        violations_.add("goal " + std::to_string(record->number) + " got feedback " + std::to_string(k) + " after " +
                        std::to_string(last) + " (of " + std::to_string(record->length()) + ")");
      }
      record->feedback.push_back(k);
      if (destroyer == 1 && k == 1) destroy_from_callback(weak);
    };
    if (chance(0.7)) options.result_callback = result_callback(record, destroyer == 2);
    if (chance(0.4)) options.goal_response_timeout = std::chrono::milliseconds(20 + pick(1500));
    if (chance(0.3)) options.result_timeout = std::chrono::milliseconds(20 + pick(1500));
    Fibonacci::Goal goal;
    goal.order = record->order;
    log("send goal " + std::to_string(record->number) + " (" + name_of(static_cast<GoalKind>(kind)) + ", " +
        std::to_string(record->length()) + " feedback) to " + client->target +
        (options.goal_response_timeout ? " with response deadline" : "") +
        (options.result_timeout ? " with result deadline" : "") + (destroyer < 3 ? " destroying its client" : ""));
    const bool wait = std::find(served.begin(), served.end(), client) != served.end() &&
                      chance(0.9);  // as users do; else it may go before discovery
    std::lock_guard lock(client->mutex);
    if (!client->handle) return;
    try {
      if (wait && !client->handle.wait_for_action_server(kPatience) && context_->ok()) {
        problem("the action server " + client->target + " was not found");
      }
      record->goal = client->handle.async_send_goal(goal, options);
    } catch (const rclite::ShutdownError&) {
      return;  // refused at once: not a goal
    }
    goals_.push_back(record);
  }

  rclite::ActionClient<Fibonacci>::GoalHandle::ResultCallback result_callback(const std::shared_ptr<GoalRecord>& record,
                                                                               bool destroy_client) {
    std::weak_ptr<ActionClientSlot> weak = record->client;
    return [this, weak, weak_record = std::weak_ptr<GoalRecord>(record), state = record->client->state,
            destroy_client](const rclite::ActionClient<Fibonacci>::WrappedResult& wrapped) {
      if (state->destroyed) violations_.add("a result callback ran after its action client was destroyed");
      if (auto record = weak_record.lock()) {
        if (record->results.fetch_add(1) != 0) violations_.add("goal " + std::to_string(record->number) + " ended twice");
        std::lock_guard lock(record->mutex);
        record->callback_code = wrapped.code;
      }
      if (destroy_client) destroy_from_callback(weak);
    };
  }

  // A goal the server accepted, whose client lives (nullptr: none).
  std::shared_ptr<GoalRecord> some_accepted_goal(std::shared_ptr<ClientHandle>& handle) {
    if (goals_.empty()) return nullptr;
    auto record = goals_[pick_index(goals_)];
    if (record->goal.wait_for(0s) != std::future_status::ready) return nullptr;
    try {
      handle = record->goal.get();
    } catch (const rclite::ServiceError&) {
    }
    return handle ? record : nullptr;
  }

  void get_result() {
    std::shared_ptr<ClientHandle> handle;
    auto record = some_accepted_goal(handle);
    if (!record) return;
    std::lock_guard lock(record->client->mutex);
    if (!record->client->handle) return;
    log("get result of goal " + std::to_string(record->number) + " with a new result callback");
    record->client->handle.async_get_result(handle, result_callback(record, false));
  }

  void cancel_goal() {
    std::shared_ptr<ClientHandle> handle;
    auto record = some_accepted_goal(handle);
    if (!record) return;
    std::lock_guard lock(record->client->mutex);
    if (!record->client->handle) return;
    log("cancel goal " + std::to_string(record->number));
    record->cancel_asked = true;
    cancels_.push_back(record->client->handle.async_cancel_goal(handle, [this, state = record->client->state](auto&) {
      if (state->destroyed) violations_.add("a cancel callback ran after its action client was destroyed");
    }));
  }

  void cancel_all_goals() {
    const int c = pick_index(action_clients_);
    if (c < 0) return;
    auto client = action_clients_[c];
    std::lock_guard lock(client->mutex);
    if (!client->handle) return;
    log("cancel all goals of " + client->target);
    // Also the goals sent later: the server may take this request after their acceptance (send_goal
    // and cancel_goal are two services, with no order between them).
    canceled_all_.insert(client->target);
    cancels_.push_back(client->handle.async_cancel_all_goals());
  }

  // Servers end their held goals, then every goal between a live client and a live server, both
  // on spun nodes, ends.
  void drain_goals() {
    for (auto& record : goals_) {
      auto server = std::find_if(action_servers_.begin(), action_servers_.end(),
                                 [&](auto& s) { return s->name == record->client->target && s->node >= 0; });
      if (record->client->state->destroyed || record->client->node < 0 || server == action_servers_.end()) continue;
      const bool ended = rclite::test::eventually(
          [&] {
            for (auto& slot : action_servers_) {
              while (auto goal = take_held(*slot)) execute_goal(goal, false);
            }
            if (record->client->state->destroyed) return true;
            if (record->goal.wait_for(0s) != std::future_status::ready) return false;
            const auto handle = accepted(*record);
            return !handle || result_of(handle).wait_for(0s) == std::future_status::ready;
          },
          kPatience);
      if (!ended) problem("goal " + std::to_string(record->number) + " to a live server never ended");
    }
  }

  static std::shared_ptr<ClientHandle> accepted(const GoalRecord& record) {
    try {
      return record.goal.get();
    } catch (const std::exception&) {  // checked at the end
      return nullptr;
    }
  }
  // The result future of a goal (async_get_result reads the handle only: its client may be gone).
  static std::shared_future<rclite::ActionClient<Fibonacci>::WrappedResult> result_of(const std::shared_ptr<ClientHandle>& handle) {
    return rclite::ActionClient<Fibonacci>().async_get_result(handle);
  }

  // After teardown: every goal was answered, and every accepted goal ended, as its server ended it.
  void check_goals_ended() {
    auto ready = [](const auto& future) { return future.wait_for(0s) == std::future_status::ready; };
    // One patience for them all: a goal that does not end costs kPatience once, not per goal.
    rclite::test::eventually(
        [&] {
          for (auto& record : goals_) {
            if (!ready(record->goal)) return false;
            if (auto handle = accepted(*record); handle && !ready(result_of(handle))) return false;
          }
          return std::all_of(cancels_.begin(), cancels_.end(), ready);
        },
        kPatience);
    for (auto& record : goals_) {
      const std::string goal = "goal " + std::to_string(record->number);
      if (!ready(record->goal)) {
        problem(goal + " was never answered");
        continue;
      }
      std::shared_ptr<ClientHandle> handle;
      try {
        handle = record->goal.get();
      } catch (const rclite::ServiceError& error) {  // timeout, no server, client destroyed
        ++outcomes_[std::string("unanswered: ") + typeid(error).name()];
        continue;
      } catch (const std::exception& error) {
        problem(goal + "'s response failed with " + error.what());
        continue;
      }
      if (!handle) {
        ++outcomes_["rejected"];
        if (record->kind() != kReject && !record->client->state->destroyed) problem(goal + " was rejected");
        continue;
      }
      if (record->kind() == kReject) problem(goal + " was accepted");
      auto result = result_of(handle);
      if (!ready(result)) {
        problem(goal + " never ended");
        continue;
      }
      try {
        const auto wrapped = result.get();
        ++outcomes_["ended " + std::to_string(static_cast<int>(wrapped.code))];
        check_result(*record, wrapped);
      } catch (const rclite::ServiceError& error) {
        ++outcomes_[std::string("result: ") + typeid(error).name()];
      } catch (const std::exception& error) {
        problem(goal + "'s result failed with " + error.what());
      }
    }
    for (auto& cancel : cancels_) {
      if (!ready(cancel)) {
        problem("a cancel request never ended");
        continue;
      }
      try {
        cancel.get();
      } catch (const rclite::ServiceError&) {  // timeout, no server, client destroyed
      } catch (const std::exception& error) {
        problem(std::string("a cancel request failed with ") + error.what());
      }
    }
    std::string outcomes = "goals:";
    for (auto& [outcome, count] : outcomes_) outcomes += " " + outcome + " x" + std::to_string(count);
    log(outcomes);
    goals_.clear();
    cancels_.clear();
  }

  void check_result(GoalRecord& record, const rclite::ActionClient<Fibonacci>::WrappedResult& wrapped) {
    const std::string goal = "goal " + std::to_string(record.number) + " (" + name_of(record.kind()) + ")";
    const auto& sequence = wrapped.result ? wrapped.result->sequence : std::vector<std::int32_t>{};
    const auto full = one_to(record.length());
    const bool prefix = sequence.size() <= full.size() && std::equal(sequence.begin(), sequence.end(), full.begin());
    {
      std::lock_guard lock(record.mutex);
      if (record.callback_code && *record.callback_code != wrapped.code) problem(goal + ": its result callback saw another code");
    }
    switch (wrapped.code) {
      case rclite::ResultCode::SUCCEEDED:
        if (record.kind() == kAbortHere) problem(goal + " succeeded");
        if (sequence != full) problem(goal + " succeeded with a wrong result");
        break;
      case rclite::ResultCode::ABORTED:  // as asked, or its handle was dropped (an empty result)
        if (!sequence.empty() && sequence != full) problem(goal + " aborted with a wrong result");
        if (record.kind() != kAbortHere && !sequence.empty()) problem(goal + " aborted");
        break;
      case rclite::ResultCode::CANCELED:
        if (!record.cancel_asked && canceled_all_.count(record.client->target) == 0) {
          problem(goal + " was canceled, unasked");
        }
        if (!prefix) problem(goal + " was canceled with a wrong result");
        break;
      case rclite::ResultCode::UNKNOWN:
        // Its get_result request reached the server that replaced its own, which never knew it.
        if (servers_named_[record.client->target] < 2 || !sequence.empty()) problem(goal + " ended UNKNOWN");
        break;
      default: problem(goal + " ended with status " + std::to_string(static_cast<int>(wrapped.code)));
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
    drain_goals();
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
    std::vector<int> order{0, 1, 2, 3, 4, 5, 6, 7, 8};
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
        case 7:
          while (!action_clients_.empty()) destroy_action_client();
          break;
        case 8:
          while (!action_servers_.empty()) destroy_action_server();
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
  std::unique_ptr<rclite::Node> observer_node_;
  std::unique_ptr<rclite::Executor> observer_executor_;
  std::unique_ptr<Spinner> observer_spinner_;
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
  std::vector<std::shared_ptr<ActionServerSlot>> action_servers_;
  std::vector<std::shared_ptr<ActionClientSlot>> action_clients_;
  std::vector<std::shared_ptr<GoalRecord>> goals_;  // the main thread's only
  std::vector<std::shared_future<action_msgs::srv::CancelGoal::Response>> cancels_;
  int next_goal_ = 0;
  std::map<std::string, int> servers_named_;  // how many action servers had each name
  std::set<std::string> canceled_all_;        // the action names a cancel-all request was sent to
  std::map<std::string, int> outcomes_;       // how the goals ended (for RCLITE_MODEL_VERBOSE)
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
