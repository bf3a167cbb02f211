#include "security.hpp"

#include <openssl/crypto.h>

#include "credentials_check.hpp"

#include <cstdlib>
#include <system_error>

namespace rclite::dds {

namespace {

namespace fs = std::filesystem;

#ifndef RCLITE_DDS_SECURITY_PLUGIN_DIR
#define RCLITE_DDS_SECURITY_PLUGIN_DIR ""
#endif

std::optional<std::string> real_getenv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::string non_empty(Getenv getenv, const char* name) {
  auto value = getenv(name);
  return value ? *value : std::string();
}

// rcl's exact_match_lookup: "/" is the enclaves directory itself, "/a/b" is enclaves/a/b.
fs::path enclave_directory(const fs::path& keystore, const std::string& enclave) {
  const fs::path enclaves = keystore / "enclaves";
  if (enclave == "/") return enclaves;
  return enclaves / fs::path(enclave.substr(enclave.starts_with('/') ? 1 : 0));
}

// One of Cyclone's plugins: the full path when the configured directory holds it (Debian puts
// them in a private directory the loader does not search), else the bare name, which Cyclone
// resolves through the library search path as rmw_cyclonedds relies on.
std::string plugin_library(const char* name) {
  const fs::path dir = security_plugin_dir();
  if (!dir.empty()) {
    const fs::path full = dir / ("lib" + std::string(name) + ".so");
    std::error_code ignored;
    if (fs::is_regular_file(full, ignored)) return full.string();
  }
  return name;
}

}  // namespace

fs::path security_plugin_dir() { return RCLITE_DDS_SECURITY_PLUGIN_DIR; }

SecurityOptions security_options_from_environment(const std::string& enclave) {
  return security_options_from_environment(&real_getenv, enclave);
}

SecurityOptions security_options_from_environment(Getenv getenv, const std::string& enclave) {
  SecurityOptions options;
  options.enabled = non_empty(getenv, "ROS_SECURITY_ENABLE") == "true";
  if (!options.enabled) return options;
  // OpenSSL frees its global state in an atexit handler registered on first use. Cyclone's
  // threads still encrypt (to say goodbye) while the context is torn down after main returns,
  // and crashed in libcrypto when that handler had already run. The first initialisation
  // decides: ask for none before anything in the process uses OpenSSL.
  OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
  options.strategy = non_empty(getenv, "ROS_SECURITY_STRATEGY") == "Enforce" ? SecurityStrategy::Enforce
                                                                            : SecurityStrategy::Permissive;
  const bool enforce = options.strategy == SecurityStrategy::Enforce;
  // Enforce: the reason is the error; Permissive: a warning, and the participant is not secured.
  const auto refuse = [&](const std::string& reason) {
    if (enforce) throw ConfigError("security is enforced (ROS_SECURITY_STRATEGY=Enforce) but " + reason);
    options.warnings.push_back(reason + "; running WITHOUT security (ROS_SECURITY_STRATEGY is not Enforce)");
    return options;
  };

  const std::string keystore = non_empty(getenv, "ROS_SECURITY_KEYSTORE");
  if (keystore.empty()) return refuse("ROS_SECURITY_KEYSTORE is not set");
  const std::string override_name = non_empty(getenv, "ROS_SECURITY_ENCLAVE_OVERRIDE");
  const std::string lookup = override_name.empty() ? enclave : override_name;
  const fs::path dir = enclave_directory(keystore, lookup);
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return refuse("the enclave '" + lookup + "' has no directory in the keystore ('" + dir.string() +
                  "' does not exist; create it with `rclite security create_enclave " + keystore + " " + lookup + "`)");
  }
  std::string missing;
  for (const char* file : kEnclaveFiles) {
    if (!fs::is_regular_file(dir / file, error)) missing += (missing.empty() ? "" : ", ") + std::string(file);
  }
  if (!missing.empty()) {
    return refuse("the enclave directory '" + dir.string() + "' lacks " + missing);
  }
  // Files that are there but wrong are an error with either strategy (rmw_cyclonedds fails the
  // participant then too); checked now so that the error says which file and why.
  check_credentials(dir);
  options.enclave_dir = dir;
  return options;
}

std::vector<std::pair<std::string, std::string>> security_properties(const fs::path& enclave_dir) {
  const auto file = [&](const char* name) {
    std::error_code error;
    const fs::path absolute = fs::absolute(enclave_dir / name, error);
    return "file:" + (error ? (enclave_dir / name).string() : absolute.lexically_normal().string());
  };
  std::vector<std::pair<std::string, std::string>> properties = {
      {"dds.sec.auth.identity_ca", file("identity_ca.cert.pem")},
      {"dds.sec.auth.identity_certificate", file("cert.pem")},
      {"dds.sec.auth.private_key", file("key.pem")},
      {"dds.sec.access.permissions_ca", file("permissions_ca.cert.pem")},
      {"dds.sec.access.governance", file("governance.p7s")},
      {"dds.sec.access.permissions", file("permissions.p7s")},
      {"dds.sec.auth.library.path", plugin_library("dds_security_auth")},
      {"dds.sec.auth.library.init", "init_authentication"},
      {"dds.sec.auth.library.finalize", "finalize_authentication"},
      {"dds.sec.crypto.library.path", plugin_library("dds_security_crypto")},
      {"dds.sec.crypto.library.init", "init_crypto"},
      {"dds.sec.crypto.library.finalize", "finalize_crypto"},
      {"dds.sec.access.library.path", plugin_library("dds_security_ac")},
      {"dds.sec.access.library.init", "init_access_control"},
      {"dds.sec.access.library.finalize", "finalize_access_control"},
  };
  // rmw_cyclonedds: an optional certificate revocation list next to the other files.
  std::error_code error;
  if (fs::is_regular_file(enclave_dir / "crl.pem", error)) {
    properties.emplace_back("org.eclipse.cyclonedds.sec.auth.crl", file("crl.pem"));
  }
  return properties;
}

void set_security_properties(dds_qos_t* qos, const fs::path& enclave_dir) {
  for (const auto& [name, value] : security_properties(enclave_dir)) dds_qset_prop(qos, name.c_str(), value.c_str());
}

}  // namespace rclite::dds
