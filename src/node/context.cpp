#include "rclite/context.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <thread>
#include <vector>

#include "context_impl.hpp"
#include "rclite/logging.hpp"
#include "rclite/names.hpp"

namespace rclite {

namespace detail {

namespace {

// SIGINT/SIGTERM: the handler only writes a byte to a pipe; a watcher thread shuts the contexts
// down, since a signal handler may not take locks.
struct SignalWatcher {
  std::mutex mutex;
  std::vector<std::weak_ptr<ContextImpl>> contexts;
  int pipe_fds[2] = {-1, -1};

  static SignalWatcher& instance() {
    static SignalWatcher watcher;
    return watcher;
  }

  void watch(const std::shared_ptr<ContextImpl>& context) {
    std::lock_guard lock(mutex);
    if (pipe_fds[0] < 0) install();
    contexts.push_back(context);
  }

  void install() {
    if (::pipe(pipe_fds) != 0) return;
    std::thread([this] {
      char signal_number = 0;
      while (::read(pipe_fds[0], &signal_number, 1) == 1) {
        std::vector<std::shared_ptr<ContextImpl>> alive;
        {
          std::lock_guard lock(mutex);
          for (auto& weak : contexts) {
            if (auto context = weak.lock()) alive.push_back(context);
          }
        }
        for (auto& context : alive) context->shutdown(signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
      }
    }).detach();
    struct sigaction action {};
    action.sa_handler = [](int signal_number) {
      const char byte = static_cast<char>(signal_number);
      (void)!::write(instance().pipe_fds[1], &byte, 1);
      chain(signal_number == SIGINT ? instance().previous_sigint : instance().previous_sigterm, signal_number);
    };
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_sigint);
    sigaction(SIGTERM, &action, &previous_sigterm);
  }

  // The handler that was installed before ours runs too, as rclcpp and rclpy do: an embedding
  // interpreter's (Python's raises KeyboardInterrupt once spin returns). The default action
  // (terminate) and "ignore" are not chained: shutting down is what replaces them.
  static void chain(const struct sigaction& previous, int signal_number) {
    if ((previous.sa_flags & SA_SIGINFO) != 0) {
      if (previous.sa_sigaction != nullptr) previous.sa_sigaction(signal_number, nullptr, nullptr);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN && previous.sa_handler != nullptr) {
      previous.sa_handler(signal_number);
    }
  }

  struct sigaction previous_sigint {};
  struct sigaction previous_sigterm {};
};

Distro distro_from_environment() {
  const char* distro = std::getenv("ROS_DISTRO");
  return distro != nullptr && std::string_view(distro) == "humble" ? Distro::Humble : Distro::Jazzy;
}

// rcl validates the enclave name with the namespace rules.
std::string validated_enclave(const Arguments& arguments) {
  const std::string enclave = arguments.enclave.value_or("/");
  if (auto error = namespace_error(enclave)) throw ArgumentError("enclave name '" + enclave + "': " + *error);
  return enclave;
}

}  // namespace

ContextImpl::ContextImpl(Arguments arguments, const InitOptions&)
    : arguments_(std::move(arguments)),
      discovery_(dds::discovery_options_from_environment()),
      distro_(distro_from_environment()),
      enclave_(validated_enclave(arguments_)),
      // As rcl_init: security is settled when the context starts, so Enforce without usable
      // credentials fails here rather than at the first node.
      security_(dds::security_options_from_environment(enclave_)) {
  if (arguments_.log_level) set_default_logger_level(*arguments_.log_level);
  for (const auto& [name, level] : arguments_.logger_levels) set_logger_level(name, level);
  for (const auto& warning : discovery_.warnings) get_logger("rclite").warn("{}", warning);
  for (const auto& warning : security_.warnings) get_logger("rclite").warn("{}", warning);
  if (security_.enclave_dir) get_logger("rclite").debug("security: enclave files in {}", security_.enclave_dir->string());
}

ContextImpl::~ContextImpl() {
  shutdown("context destroyed");
  std::lock_guard lock(mutex_);
  graph_cache_.reset();  // first: its readers' listeners must be gone before the participant
  graph_.reset();
  participant_.reset();
}

bool ContextImpl::ok() const { return !shut_down_.load(); }

void ContextImpl::shutdown(const std::string& reason) {
  std::map<int, std::function<void()>> callbacks;
  {
    std::lock_guard lock(mutex_);
    if (shut_down_) return;
    shut_down_ = true;
    callbacks.swap(shutdown_callbacks_);
    if (graph_cache_) graph_cache_->interrupt();  // graph waits return
  }
  get_logger("rclite").debug("shutting down: {}", reason);
  for (auto& [id, callback] : callbacks) callback();
  // Deadlines, server rechecks and parked replies mean nothing after shutdown: the requests have
  // ended (the callbacks above). Joined here, so that no timer callback outlives the Context.
  timers_.stop();
  wake_all();
}

void ContextImpl::create_participant_locked() {
  if (participant_) return;
  // All or nothing: if a part throws, the parts made so far are destroyed in reverse order.
  auto participant = std::make_unique<dds::Participant>(discovery_, enclave_, security_.enclave_dir,
                                                        [](const std::string& line) { get_logger("rclite").debug("{}", line); });
  auto graph = std::make_unique<graph::DiscoveryInfoPublisher>(
      *participant, distro_ == Distro::Humble ? graph::GidSize::Humble : graph::GidSize::Jazzy,
      distro_ == Distro::Jazzy);
  participant_ = std::move(participant);
  graph_ = std::move(graph);
}

dds::Participant& ContextImpl::participant() {
  std::lock_guard lock(mutex_);
  create_participant_locked();
  return *participant_;
}

graph::DiscoveryInfoPublisher& ContextImpl::graph() {
  std::lock_guard lock(mutex_);
  create_participant_locked();
  return *graph_;
}

graph::GraphCache& ContextImpl::graph_cache() {
  std::lock_guard lock(mutex_);
  create_participant_locked();
  // Created on the first graph query, not with the participant: a plain server or client never
  // pays for the four extra readers and the discovery data they hold.
  if (!graph_cache_) {
    graph_cache_ = std::make_unique<graph::GraphCache>(*participant_, distro_ == Distro::Jazzy);
    if (shut_down_) graph_cache_->interrupt();
  }
  return *graph_cache_;
}

int ContextImpl::on_shutdown(std::function<void()> callback) {
  std::unique_lock lock(mutex_);
  if (shut_down_) {
    lock.unlock();
    callback();
    return 0;
  }
  const int id = next_id_++;
  shutdown_callbacks_.emplace(id, std::move(callback));
  return id;
}

void ContextImpl::remove_on_shutdown(int id) {
  std::lock_guard lock(mutex_);
  shutdown_callbacks_.erase(id);
}

int ContextImpl::add_waker(std::function<void()> waker) {
  std::lock_guard lock(wakers_mutex_);
  const int id = next_id_++;
  wakers_.emplace(id, std::move(waker));
  return id;
}

void ContextImpl::remove_waker(int id) {
  std::lock_guard lock(wakers_mutex_);
  wakers_.erase(id);
}

void ContextImpl::wake_all() {
  if (future_waiters_.load() == 0) return;
  std::vector<std::function<void()>> wakers;
  {
    std::lock_guard lock(wakers_mutex_);
    for (auto& [id, waker] : wakers_) wakers.push_back(waker);
  }
  // Called without the lock: a waker may drop the last reference to its executor, whose
  // destructor removes the waker (taking the lock).
  for (auto& waker : wakers) waker();
}

}  // namespace detail

Context::Context(std::span<const std::string> argv, InitOptions options)
    : impl_(std::make_shared<detail::ContextImpl>(parse_arguments(argv), options)) {
  if (options.install_signal_handlers) detail::SignalWatcher::instance().watch(impl_);
}

Context::Context(int argc, const char* const* argv, InitOptions options)
    : impl_(std::make_shared<detail::ContextImpl>(parse_arguments(argc, argv), options)) {
  if (options.install_signal_handlers) detail::SignalWatcher::instance().watch(impl_);
}

Context::~Context() { impl_->shutdown("context destroyed"); }

bool Context::ok() const { return impl_->ok(); }
void Context::shutdown(const std::string& reason) { impl_->shutdown(reason); }
const Arguments& Context::arguments() const { return impl_->arguments(); }
std::uint32_t Context::domain_id() const { return impl_->discovery().domain_id; }

namespace {
std::unique_ptr<Context>& default_context_slot() {
  static std::unique_ptr<Context> context;
  return context;
}
}  // namespace

void init(int argc, const char* const* argv, InitOptions options) {
  auto& slot = default_context_slot();
  if (slot && slot->ok()) throw std::logic_error("rclite::init called twice");
  slot = std::make_unique<Context>(argc, argv, options);
}

void shutdown() {
  if (auto& slot = default_context_slot()) slot->shutdown();
}

bool ok() {
  auto& slot = default_context_slot();
  return slot && slot->ok();
}

Context& default_context() {
  auto& slot = default_context_slot();
  if (!slot) throw std::logic_error("rclite::init() has not been called");
  return *slot;
}

std::vector<std::string> remove_ros_arguments(int argc, const char* const* argv) {
  return parse_arguments(argc, argv).non_ros_arguments;
}

}  // namespace rclite
