#include "rclite/idl/interface_library.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "rclite/idl/parser.hpp"

namespace rclite::idl {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + file.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

InterfaceLibrary::InterfaceLibrary(std::vector<fs::path> roots) : roots_(std::move(roots)) {}

fs::path InterfaceLibrary::find(const TypeName& name, const char* extension) const {
  for (const auto& root : roots_) {
    fs::path candidate = root / name.package / name.subfolder / (name.name + extension);
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  std::string searched;
  for (const auto& root : roots_) searched += (searched.empty() ? "" : ", ") + root.string();
  throw UnknownTypeError("unknown interface type '" + name.full() + "' (searched: " +
                         (searched.empty() ? "no folders" : searched) + ")");
}

namespace {
// For `Name_Request`, `Name_Response` or `Name_Event` in a srv folder: the service name.
std::optional<TypeName> service_of_part(const TypeName& name) {
  if (name.subfolder != "srv") return std::nullopt;
  for (const char* suffix : {"_Request", "_Response", "_Event"}) {
    if (name.name.ends_with(suffix)) {
      return TypeName{name.package, name.subfolder,
                      name.name.substr(0, name.name.size() - std::string_view(suffix).size())};
    }
  }
  return std::nullopt;
}

// For a type rosidl derives from `pkg/action/Name.action` (a part, or a derived service or its part):
// the action's name.
std::optional<TypeName> action_of_part(const TypeName& name) {
  if (name.subfolder != "action") return std::nullopt;
  for (const char* suffix : {"_SendGoal_Request", "_SendGoal_Response", "_SendGoal_Event", "_SendGoal",
                             "_GetResult_Request", "_GetResult_Response", "_GetResult_Event", "_GetResult",
                             "_FeedbackMessage", "_Goal", "_Result", "_Feedback"}) {
    if (name.name.ends_with(suffix) && name.name.size() > std::string_view(suffix).size()) {
      return TypeName{name.package, name.subfolder,
                      name.name.substr(0, name.name.size() - std::string_view(suffix).size())};
    }
  }
  return std::nullopt;
}
}  // namespace

const MessageSpec& InterfaceLibrary::message(const TypeName& name) {
  if (auto it = messages_.find(name.full()); it != messages_.end()) return *it->second;
  if (auto service_name = service_of_part(name)) {
    service(*service_name);  // registers the request, response and event parts
    if (auto it = messages_.find(name.full()); it != messages_.end()) return *it->second;
  }
  if (auto action_name = action_of_part(name)) {
    action(*action_name);  // registers every part
    if (auto it = messages_.find(name.full()); it != messages_.end()) return *it->second;
  }
  return add_message_file(find(name, ".msg"), name);
}

const ServiceSpec& InterfaceLibrary::service(const TypeName& name) {
  if (auto it = services_.find(name.full()); it != services_.end()) return *it->second;
  if (auto action_name = action_of_part(name)) {
    action(*action_name);  // registers the derived services
    if (auto it = services_.find(name.full()); it != services_.end()) return *it->second;
  }
  return add_service_file(find(name, ".srv"), name);
}

const ActionSpec& InterfaceLibrary::action(const TypeName& name) {
  if (auto it = actions_.find(name.full()); it != actions_.end()) return *it->second;
  return add_action_file(find(name, ".action"), name);
}

const MessageSpec& InterfaceLibrary::add_message_file(const fs::path& file, const TypeName& name) {
  auto spec = std::make_unique<MessageSpec>(parse_message(read_text_file(file), name, file.string()));
  auto& slot = messages_[name.full()];
  slot = std::move(spec);
  return *slot;
}

const ServiceSpec& InterfaceLibrary::add_service_file(const fs::path& file, const TypeName& name) {
  return add_service(parse_service(read_text_file(file), name, file.string()));
}

// Registers the service and its request, response and event.
const ServiceSpec& InterfaceLibrary::add_service(ServiceSpec service) {
  auto spec = std::make_unique<ServiceSpec>(std::move(service));
  messages_[spec->request.name.full()] = std::make_unique<MessageSpec>(spec->request);
  messages_[spec->response.name.full()] = std::make_unique<MessageSpec>(spec->response);
  auto event = std::make_unique<MessageSpec>(make_event_spec(*spec));
  const std::string event_key = event->name.full();
  messages_[event_key] = std::move(event);
  auto& slot = services_[spec->name.full()];
  slot = std::move(spec);
  return *slot;
}

const ActionSpec& InterfaceLibrary::add_action_file(const fs::path& file, const TypeName& name) {
  auto spec = std::make_unique<ActionSpec>(parse_action(read_text_file(file), name, file.string()));
  for (const MessageSpec* part : {&spec->goal, &spec->result, &spec->feedback, &spec->feedback_message}) {
    messages_[part->name.full()] = std::make_unique<MessageSpec>(*part);
  }
  add_service(spec->send_goal);
  add_service(spec->get_result);
  auto& slot = actions_[name.full()];
  slot = std::move(spec);
  return *slot;
}

TypeResolver InterfaceLibrary::resolver() {
  return [this](const TypeName& name) -> const MessageSpec& { return message(name); };
}

std::string InterfaceLibrary::hash_of(const MessageSpec& type) { return type_hash(type, resolver()); }

std::string InterfaceLibrary::hash_of(const ServiceSpec& service) {
  return service_type_hash(service, resolver());
}

std::string InterfaceLibrary::hash_of(const ActionSpec& action) { return action_type_hash(action, resolver()); }

std::vector<TypeName> InterfaceLibrary::list(const std::string& package,
                                             const std::string& subfolder) const {
  std::set<TypeName> found;
  const std::string extension = "." + subfolder;
  for (const auto& root : roots_) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root / package / subfolder, ec)) {
      if (entry.path().extension() == extension) {
        found.insert(TypeName{package, subfolder, entry.path().stem().string()});
      }
    }
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> InterfaceLibrary::packages() const {
  std::set<std::string> found;
  for (const auto& root : roots_) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      std::error_code sub_ec;
      if (fs::is_directory(entry.path() / "msg", sub_ec) || fs::is_directory(entry.path() / "srv", sub_ec) ||
          fs::is_directory(entry.path() / "action", sub_ec)) {
        found.insert(entry.path().filename().string());
      }
    }
  }
  return {found.begin(), found.end()};
}

}  // namespace rclite::idl
