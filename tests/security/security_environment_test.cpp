// The ROS security environment -> whether and how the participant is secured (rcl's rules), and
// the `dds.sec.*` properties it gets.
#include <gtest/gtest.h>

#include <map>

#include "../../src/dds/security.hpp"
#include "rclite/context.hpp"
#include "temp_keystore.hpp"
#include "support/fake_environment.hpp"

using namespace rclite::dds;
using rclite::test::TempKeystore;
namespace fs = std::filesystem;

namespace {

using rclite::test::fake_getenv;
SecurityOptions options_for(std::map<std::string, std::string> environment, const std::string& enclave = "/") {
  rclite::test::fake_environment() = std::move(environment);
  return security_options_from_environment(&fake_getenv, enclave);
}

std::string error_of(std::map<std::string, std::string> environment, const std::string& enclave = "/") {
  try {
    options_for(std::move(environment), enclave);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST(SecurityEnvironment, SecurityIsOnOnlyWithEnableTrue) {
  EXPECT_FALSE(options_for({}).enabled);
  EXPECT_FALSE(options_for({{"ROS_SECURITY_ENABLE", "1"}, {"ROS_SECURITY_STRATEGY", "Enforce"}}).enabled);
  EXPECT_FALSE(options_for({{"ROS_SECURITY_ENABLE", "TRUE"}}).enclave_dir.has_value());
  const auto options = options_for({{"ROS_SECURITY_ENABLE", "true"}});
  EXPECT_TRUE(options.enabled);
  EXPECT_EQ(options.strategy, SecurityStrategy::Permissive);
}

TEST(SecurityEnvironment, EnforceWithoutAKeystoreIsAClearError) {
  const std::string error = error_of({{"ROS_SECURITY_ENABLE", "true"}, {"ROS_SECURITY_STRATEGY", "Enforce"}});
  EXPECT_NE(error.find("security is enforced"), std::string::npos) << error;
  EXPECT_NE(error.find("ROS_SECURITY_KEYSTORE is not set"), std::string::npos) << error;
}

TEST(SecurityEnvironment, EnforceWithAMissingEnclaveNamesTheDirectory) {
  TempKeystore keystore(0);
  const std::string error = error_of({{"ROS_SECURITY_ENABLE", "true"},
                                      {"ROS_SECURITY_STRATEGY", "Enforce"},
                                      {"ROS_SECURITY_KEYSTORE", keystore.root.string()}},
                                     "/nowhere");
  EXPECT_NE(error.find("enclave '/nowhere'"), std::string::npos) << error;
  EXPECT_NE(error.find((keystore.root / "enclaves" / "nowhere").string()), std::string::npos) << error;
  EXPECT_NE(error.find("rclite security create_enclave"), std::string::npos) << error;
  // The root enclave's directory exists (it holds governance.p7s) but has no credentials.
  const std::string root_error = error_of({{"ROS_SECURITY_ENABLE", "true"},
                                           {"ROS_SECURITY_STRATEGY", "Enforce"},
                                           {"ROS_SECURITY_KEYSTORE", keystore.root.string()}});
  EXPECT_NE(root_error.find("lacks identity_ca.cert.pem, cert.pem, key.pem"), std::string::npos) << root_error;
}

TEST(SecurityEnvironment, PermissiveRunsWithoutSecurityAndWarns) {
  const auto options = options_for({{"ROS_SECURITY_ENABLE", "true"}, {"ROS_SECURITY_KEYSTORE", "/nonexistent"}});
  EXPECT_FALSE(options.enclave_dir.has_value());
  ASSERT_EQ(options.warnings.size(), 1u);
  EXPECT_NE(options.warnings[0].find("WITHOUT security"), std::string::npos) << options.warnings[0];
}

TEST(SecurityEnvironment, TheEnclaveOrItsOverridePicksTheDirectory) {
  TempKeystore keystore(0);
  rclite::security::create_enclave(keystore.root, "/app/one", 0);
  rclite::security::create_enclave(keystore.root, "/app/two", 0);
  const std::map<std::string, std::string> environment{{"ROS_SECURITY_ENABLE", "true"},
                                                       {"ROS_SECURITY_STRATEGY", "Enforce"},
                                                       {"ROS_SECURITY_KEYSTORE", keystore.root.string()}};
  EXPECT_EQ(options_for(environment, "/app/one").enclave_dir, keystore.enclave_dir("/app/one"));
  auto overridden = environment;
  overridden["ROS_SECURITY_ENCLAVE_OVERRIDE"] = "/app/two";
  EXPECT_EQ(options_for(overridden, "/app/one").enclave_dir, keystore.enclave_dir("/app/two"));
}

TEST(SecurityEnvironment, TamperedCredentialsAreAnErrorWhateverTheStrategy) {
  TempKeystore keystore(0);
  rclite::security::create_enclave(keystore.root, "/a", 0);
  rclite::test::tamper_with_certificate(keystore.enclave_dir("/a") / "cert.pem");
  for (const char* strategy : {"Enforce", "Permissive"}) {
    const std::string error = error_of({{"ROS_SECURITY_ENABLE", "true"},
                                        {"ROS_SECURITY_STRATEGY", strategy},
                                        {"ROS_SECURITY_KEYSTORE", keystore.root.string()}},
                                       "/a");
    EXPECT_NE(error.find("cert.pem' is not usable"), std::string::npos) << strategy << ": " << error;
  }
}

TEST(SecurityEnvironment, PropertiesNameTheFilesAndTheDebianPlugins) {
  TempKeystore keystore(0);
  rclite::security::create_enclave(keystore.root, "/a", 0);
  std::map<std::string, std::string> properties;
  for (const auto& [name, value] : security_properties(keystore.enclave_dir("/a"))) properties[name] = value;
  EXPECT_EQ(properties["dds.sec.auth.identity_certificate"], "file:" + (keystore.enclave_dir("/a") / "cert.pem").string());
  EXPECT_EQ(properties["dds.sec.access.governance"], "file:" + (keystore.enclave_dir("/a") / "governance.p7s").string());
  EXPECT_EQ(properties["dds.sec.auth.library.init"], "init_authentication");
  EXPECT_EQ(properties["dds.sec.access.library.finalize"], "finalize_access_control");
  for (const char* plugin : {"dds.sec.auth.library.path", "dds.sec.crypto.library.path", "dds.sec.access.library.path"}) {
    // The build found the plugins (Debian: /usr/lib/<arch>/libddsc0debian): full paths to real files.
    EXPECT_TRUE(fs::is_regular_file(properties[plugin])) << plugin << " = " << properties[plugin];
  }
}

// Through the public API: rcl fails rcl_init, rclite fails the Context.
TEST(SecurityEnvironment, AContextWithEnforceAndNoKeystoreFailsToStart) {
  ::setenv("ROS_SECURITY_ENABLE", "true", 1);
  ::setenv("ROS_SECURITY_STRATEGY", "Enforce", 1);
  ::setenv("ROS_SECURITY_KEYSTORE", "/nonexistent/keystore", 1);
  rclite::InitOptions options;
  options.install_signal_handlers = false;
  try {
    rclite::Context context(std::span<const std::string>{}, options);
    ADD_FAILURE() << "the context started";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/keystore/enclaves"), std::string::npos) << error.what();
  }
  const std::vector<std::string> bad_enclave{"prog", "--ros-args", "--enclave", "not/absolute"};
  EXPECT_THROW(rclite::Context(bad_enclave, options), rclite::ArgumentError);
  ::unsetenv("ROS_SECURITY_ENABLE");
  ::unsetenv("ROS_SECURITY_STRATEGY");
  ::unsetenv("ROS_SECURITY_KEYSTORE");
}
