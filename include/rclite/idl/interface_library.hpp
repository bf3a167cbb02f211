/// @file
/// Finds and parses interface definitions on disk, on demand, and caches them.
///
/// A root is a folder laid out like an ament `share/` folder: `<root>/<pkg>/msg/<Name>.msg` and
/// `<root>/<pkg>/srv/<Name>.srv` and `<root>/<pkg>/action/<Name>.action`. The interface compiler searches the bundled interfaces and the
/// user's; at run time the same class reads a ROS install's `share/` folders.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "rclite/idl/type_hash.hpp"
#include "rclite/idl/type_model.hpp"

namespace rclite::idl {

class UnknownTypeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Finds, parses and caches interface definitions (.msg, .srv, .action) under root directories, and hashes them.
class InterfaceLibrary {
 public:
  /// A library over `roots`: each holds `<package>/<subfolder>/<Name>.<ext>`.
  explicit InterfaceLibrary(std::vector<std::filesystem::path> roots);

  /// `pkg/msg/Name`, a part of a service: `pkg/srv/Name_Request|_Response|_Event`, or a part of an
  /// action: `pkg/action/Name_Goal|_Result|_Feedback|_FeedbackMessage` and the request, response
  /// and event of `pkg/action/Name_SendGoal|_GetResult`. Throws UnknownTypeError or ParseError.
  const MessageSpec& message(const TypeName& name);
  /// `pkg/srv/Name`, or `pkg/action/Name_SendGoal|_GetResult`. Throws UnknownTypeError or ParseError.
  const ServiceSpec& service(const TypeName& name);
  /// `pkg/action/Name`. Throws UnknownTypeError or ParseError.
  const ActionSpec& action(const TypeName& name);

  /// Parses `file` as the definition of `name` (used for the files being compiled, which may not
  /// sit under a root yet) and caches it.
  const MessageSpec& add_message_file(const std::filesystem::path& file, const TypeName& name);
  /// The same for a service file.
  const ServiceSpec& add_service_file(const std::filesystem::path& file, const TypeName& name);
  /// The same for an action file.
  const ActionSpec& add_action_file(const std::filesystem::path& file, const TypeName& name);

  /// A TypeResolver that loads nested types through this library.
  TypeResolver resolver();
  /// @{
  /// The RIHS01 type hash of a message or service, nested types loaded through this library.
  std::string hash_of(const MessageSpec& type);
  std::string hash_of(const ServiceSpec& service);
  std::string hash_of(const ActionSpec& action);
  /// @}

  /// Every `<Name>` of `<root>/<package>/<subfolder>/<Name>.<ext>` over all roots, sorted.
  std::vector<TypeName> list(const std::string& package, const std::string& subfolder) const;
  /// Every package with definitions under any root, sorted.
  std::vector<std::string> packages() const;

  /// The root directories searched.
  const std::vector<std::filesystem::path>& roots() const { return roots_; }

 private:
  std::filesystem::path find(const TypeName& name, const char* extension) const;
  const ServiceSpec& add_service(ServiceSpec spec);

  std::vector<std::filesystem::path> roots_;
  std::map<std::string, std::unique_ptr<MessageSpec>> messages_;
  std::map<std::string, std::unique_ptr<ServiceSpec>> services_;
  std::map<std::string, std::unique_ptr<ActionSpec>> actions_;
};

/// Reads a whole file; throws std::runtime_error naming the file when it cannot.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace rclite::idl
