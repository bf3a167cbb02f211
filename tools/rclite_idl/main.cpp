// rclite-idl: the interface compiler. Reads .msg/.srv/.action files of one package and writes one C++
// header per type, and/or the package's Python modules (messages, services and actions):
// `rclite-idl --package pkg [--output DIR] [--python-output DIR] [--include ROOT]... FILE...`
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cpp_generator.hpp"
#include "python_generator.hpp"
#include "rclite/idl/parser.hpp"

namespace fs = std::filesystem;
using namespace rclite::idl;

namespace {

// Writes only when the content changed, so unchanged headers do not trigger rebuilds.
void write_if_changed(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    try {
      if (read_text_file(path) == content) return;
    } catch (const std::exception&) {
    }
  }
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write '" + path.string() + "'");
}

struct Input {
  fs::path file;
  TypeName name;
};

// An action's header, or (--print-hashes) the hashes of the action and of every type derived from it.
void write_action(InterfaceLibrary& library, const TypeName& name, bool print_hashes, const fs::path& output) {
  const ActionSpec& action = library.action(name);
  if (print_hashes) {
    std::cout << name.full() << " " << library.hash_of(action) << "\n";
    for (const char* part : {"_Goal", "_Result", "_Feedback", "_FeedbackMessage"}) {
      const TypeName part_name{name.package, name.subfolder, name.name + part};
      std::cout << part_name.full() << " " << library.hash_of(library.message(part_name)) << "\n";
    }
    for (const ServiceSpec* service : {&action.send_goal, &action.get_result}) {
      std::cout << service->name.full() << " " << library.hash_of(*service) << "\n";
      for (const char* part : {"_Request", "_Response", "_Event"}) {
        const TypeName part_name{name.package, name.subfolder, service->name.name + part};
        std::cout << part_name.full() << " " << library.hash_of(library.message(part_name)) << "\n";
      }
    }
  }
  if (!output.empty()) write_if_changed(output / header_path(name), generate_action_header(action, library));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rclite-idl: compile ROS 2 .msg/.srv/.action files into C++ headers and Python modules"};
  std::string package;
  fs::path output;
  std::vector<fs::path> includes;
  std::vector<fs::path> files;
  fs::path stamp;
  fs::path definitions_output;
  fs::path python_output;
  bool print_hashes = false;
  app.add_option("--package,-p", package, "package the files belong to")->required();
  app.add_option("--output,-o", output, "folder the headers go to (as <pkg>/msg/<name>.hpp)");
  app.add_option("--python-output", python_output,
                 "folder the Python package goes to (as <pkg>/msg/_<name>.py, rclpy's classes), "
                 "with a copy of each definition beside its module");
  app.add_option("--include,-I", includes,
                 "folder holding other packages' definitions as <pkg>/msg/<Name>.msg")
      ->allow_extra_args(false);
  app.add_option("--definitions-output", definitions_output,
                 "folder the definitions are copied to as <pkg>/msg/<Name>.msg, so that other "
                 "packages can use them with --include");
  app.add_option("--stamp", stamp, "file touched after a successful run (for build systems)");
  app.add_flag("--print-hashes", print_hashes, "print the RIHS01 hash of every type");
  app.add_option("files", files, ".msg, .srv and .action files")->required()->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  if (!is_valid_package_name(package)) {
    std::cerr << "rclite-idl: invalid package name '" << package << "'\n";
    return 2;
  }
  if (output.empty() && python_output.empty() && !print_hashes) {
    std::cerr << "rclite-idl: --output or --python-output is required (or --print-hashes)\n";
    return 2;
  }

  try {
    InterfaceLibrary library(includes);
    std::vector<Input> inputs;
    for (const auto& file : files) {
      const std::string extension = file.extension().string();
      if (extension != ".msg" && extension != ".srv" && extension != ".action") {
        throw std::runtime_error(file.string() + ": expected a .msg, .srv or .action file");
      }
      inputs.push_back({file, TypeName{package, extension.substr(1), file.stem().string()}});
    }
    // Parse everything first, so types of this package can refer to each other.
    for (const auto& input : inputs) {
      if (input.name.subfolder == "msg") library.add_message_file(input.file, input.name);
      else if (input.name.subfolder == "action") library.add_action_file(input.file, input.name);
      else library.add_service_file(input.file, input.name);
    }
    for (const auto& input : inputs) {
      if (input.name.subfolder == "msg") {
        const MessageSpec& message = library.message(input.name);
        if (print_hashes) std::cout << input.name.full() << " " << library.hash_of(message) << "\n";
        if (!output.empty()) {
          write_if_changed(output / header_path(input.name), generate_message_header(message, library));
        }
      } else if (input.name.subfolder == "action") {
        write_action(library, input.name, print_hashes, output);
      } else {
        const ServiceSpec& service = library.service(input.name);
        if (print_hashes) {
          std::cout << input.name.full() << " " << library.hash_of(service) << "\n";
          for (const char* part : {"_Request", "_Response", "_Event"}) {
            const TypeName name{package, "srv", input.name.name + part};
            std::cout << name.full() << " " << library.hash_of(library.message(name)) << "\n";
          }
        }
        if (!output.empty()) {
          write_if_changed(output / header_path(input.name), generate_service_header(service, library));
        }
      }
    }
    if (!python_output.empty()) {
      std::vector<PythonInput> python_inputs;
      for (const auto& input : inputs) python_inputs.push_back({input.file, input.name});
      for (const auto& file : generate_python_package(package, python_inputs, library)) {
        write_if_changed(python_output / file.path, file.content);
      }
    }
    if (!definitions_output.empty()) {
      for (const auto& input : inputs) {
        write_if_changed(definitions_output / input.name.package / input.name.subfolder /
                             input.file.filename(),
                         read_text_file(input.file));
      }
    }
    if (!stamp.empty()) {
      // Always rewritten: its time tells the build system this run happened.
      std::ofstream(stamp, std::ios::trunc) << "ok\n";
    }
  } catch (const ParseError& error) {
    std::cerr << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "rclite-idl: error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
