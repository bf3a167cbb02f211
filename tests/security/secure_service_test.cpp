// DDS Security end to end, across processes on loopback: a server in a secure enclave (a child
// process), and clients with credentials, without, with too few permissions, and with tampered
// ones. The keystore is made by the `rclite security` verbs for this test's own domain.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>

#include <chrono>
#include <cstdio>

#include "../../src/dds/dds_error.hpp"
#include "../../src/dds/participant.hpp"
#include "harness/child_process.hpp"
#include "rclite/rclite.hpp"
#include "support/test_context.hpp"
#include "temp_keystore.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using rclite::harness::ChildProcess;
namespace fs = std::filesystem;

namespace {

const std::string kBin = RCLITE_BIN_DIR;

// The policy of an enclave that may call /allowed_service only.
const char* kRestrictedPolicy = R"(<policy version="0.2.0"><enclaves>
  <enclave path="/restricted"><profiles><profile ns="/" node="caller">
    <services request="ALLOW"><service>/allowed_service</service></services>
  </profile></profiles></enclave>
</enclaves></policy>)";

struct SecureServices : ::testing::Test {
  std::uint32_t domain = rclite::test::domain_for_current_test();
  rclite::test::TempDirectory scratch;
  struct {
    fs::path root;
    fs::path enclave_dir(const std::string& enclave) const { return root / "enclaves" / enclave.substr(1); }
  } keystore{scratch.path() / "keystore"};
  std::string service = rclite::test::unique_service_name("secure_add");
  std::unique_ptr<ChildProcess> server;

  static void run_cli(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {kBin + "/rclite", "security"});
    ChildProcess cli(arguments);
    ASSERT_EQ(cli.wait(), 0) << cli.output();
  }

  void SetUp() override {
    ::setenv("ROS_DOMAIN_ID", std::to_string(domain).c_str(), 1);  // also the keystore's domain
    ::unsetenv("ROS_AUTOMATIC_DISCOVERY_RANGE");
    ::unsetenv("CYCLONEDDS_URI");
    if (const char* uri = std::getenv("DEBUG_URI")) ::setenv("CYCLONEDDS_URI", uri, 1);
    ::unsetenv("ROS_SECURITY_ENCLAVE_OVERRIDE");
    plain_environment();
    const std::string root = keystore.root.string();
    run_cli({"create_keystore", root});
    for (const char* enclave : {"/server", "/client", "/restricted"}) run_cli({"create_enclave", root, enclave});
    const fs::path policy = scratch.path() / "restricted.xml";
    rclite::test::write_file(policy, kRestrictedPolicy);
    run_cli({"create_permission", root, "/restricted", policy.string()});
  }

  static void secure_environment(const fs::path& root) {
    ::setenv("ROS_SECURITY_ENABLE", "true", 1);
    ::setenv("ROS_SECURITY_STRATEGY", "Enforce", 1);
    ::setenv("ROS_SECURITY_KEYSTORE", root.c_str(), 1);
  }
  static void plain_environment() {
    ::unsetenv("ROS_SECURITY_ENABLE");
    ::unsetenv("ROS_SECURITY_STRATEGY");
    ::unsetenv("ROS_SECURITY_KEYSTORE");
  }

  // The server runs in the /server enclave with Enforce; the environment is left plain.
  void start_secure_server() {
    secure_environment(keystore.root);
    server = std::make_unique<ChildProcess>(
        std::vector<std::string>{kBin + "/rclite_test_server", service, "--ros-args", "--enclave", "/server"});
    plain_environment();
    ASSERT_TRUE(server->wait_for_output("READY", kPatience)) << server->output();
  }

  // A context in `enclave` (secured when `secure`).
  std::unique_ptr<rclite::Context> make_context(bool secure, const std::string& enclave = "/") {
    if (secure) secure_environment(keystore.root);
    rclite::InitOptions options;
    options.install_signal_handlers = false;
    const std::vector<std::string> argv{"secure_service_test", "--ros-args", "--enclave", enclave};
    auto context = std::make_unique<rclite::Context>(argv, options);
    plain_environment();
    return context;
  }
};

AddTwoInts::Request request(std::int64_t a, std::int64_t b) {
  AddTwoInts::Request r;
  r.a = a;
  r.b = b;
  return r;
}

}  // namespace

TEST_F(SecureServices, AnAuthorisedClientCallsTheService) {
  start_secure_server();
  auto context = make_context(true, "/client");
  rclite::Node node("secure_caller", rclite::test::options_in(*context));
  auto client = node.create_client<AddTwoInts>(service);
  ASSERT_TRUE(client.wait_for_service(kPatience)) << server->output();
  EXPECT_EQ(client.call(request(20, 22), kPatience).sum, 42);
  // The graph shows the secured server and its enclave's participant.
  EXPECT_TRUE(rclite::test::eventually([&] { return node.count_services(service) == 1; }));
}

// Both programs end cleanly: Cyclone's threads still encrypt while a secure context is torn down
// after main returns, which once crashed in OpenSSL's already-freed state.
TEST_F(SecureServices, TheTutorialPairRunsSecuredAndExitsCleanly) {
  secure_environment(keystore.root);
  ChildProcess tutorial_server({kBin + "/add_two_ints_server", "--ros-args", "--enclave", "/server"});
  ChildProcess client({kBin + "/add_two_ints_client", "20", "22", "--ros-args", "--enclave", "/client"});
  plain_environment();
  EXPECT_EQ(client.wait(), 0) << client.output();
  EXPECT_NE(client.output().find("Result of add_two_ints: for 20 + 22 = 42"), std::string::npos) << client.output();
  ASSERT_TRUE(tutorial_server.wait_for_output("Sending back response: 42", kPatience)) << tutorial_server.output();
  tutorial_server.signal(SIGINT);
  EXPECT_EQ(tutorial_server.wait(), 0) << tutorial_server.output();
}

TEST_F(SecureServices, AParticipantWithoutCredentialsNeitherSeesNorCallsIt) {
  start_secure_server();
  auto context = make_context(false);
  rclite::Node node("plain_caller", rclite::test::options_in(*context));
  auto client = node.create_client<AddTwoInts>(service);
  // First a client with credentials, in another process, gets through: the server is up and
  // discoverable. Only then is the plain participant's blindness judged, over a period (the
  // authorised call and 3 s more) in which it could have seen the server had security let it.
  secure_environment(keystore.root);
  ::setenv("ROS_SECURITY_ENCLAVE_OVERRIDE", "/client", 1);
  const auto start = std::chrono::steady_clock::now();
  ChildProcess authorised({kBin + "/rclite", "service", "call", service, "example_interfaces/srv/AddTwoInts",
                           "{a: 1, b: 2}", "--timeout", rclite::test::patience_seconds()});
  ::unsetenv("ROS_SECURITY_ENCLAVE_OVERRIDE");
  plain_environment();
  ASSERT_EQ(authorised.wait(), 0) << authorised.output();
  std::printf("the authorised client found and called the service in %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start).count()));
  EXPECT_NE(authorised.output().find("sum=3"), std::string::npos) << authorised.output();
  EXPECT_FALSE(client.wait_for_service(3s));
  EXPECT_EQ(node.count_services(service), 0u);
  for (const auto& name : node.get_node_names()) EXPECT_NE(name.name, "test_server");
  EXPECT_THROW(client.async_send_request(request(1, 2)).get(), rclite::ServiceUnavailableError);
}

TEST_F(SecureServices, AClientWhosePermissionsExcludeTheServiceIsRefused) {
  start_secure_server();
  auto context = make_context(true, "/restricted");
  // A bare node: the policy grants none of the default entities (/rosout, parameter services...).
  rclite::Node node("restricted_caller", rclite::test::bare_options_in(*context));
  // Cyclone's access control refuses the request writer of a service the permissions do not grant.
  try {
    auto client = node.create_client<AddTwoInts>(service);
    EXPECT_FALSE(client.wait_for_service(3s));
    ADD_FAILURE() << "the client was created";
  } catch (const rclite::dds::DdsError& error) {
    EXPECT_EQ(error.code(), DDS_RETCODE_NOT_ALLOWED_BY_SECURITY) << error.what();
  }
  // The service it is granted can be created.
  EXPECT_NO_THROW(node.create_client<AddTwoInts>("/allowed_service"));
}

TEST_F(SecureServices, TamperedCertificatesAreRejected) {
  rclite::test::tamper_with_certificate(keystore.enclave_dir("/client") / "cert.pem");
  try {
    make_context(true, "/client");
    ADD_FAILURE() << "the context started";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("cert.pem' is not usable"), std::string::npos) << error.what();
  }
}

// Cyclone itself, given credentials of another CA (bypassing rclite's own check), refuses to
// create the participant.
TEST_F(SecureServices, CycloneRejectsACertificateOfAnotherCa) {
  rclite::test::TempKeystore other(domain);
  rclite::security::create_enclave(other.root, "/client", domain);
  const fs::path dir = keystore.enclave_dir("/client");
  rclite::test::write_file(dir / "cert.pem", rclite::test::read_file(other.enclave_dir("/client") / "cert.pem"));
  rclite::test::write_file(dir / "key.pem", rclite::test::read_file(other.enclave_dir("/client") / "key.pem"));
  rclite::dds::DiscoveryOptions options;
  options.domain_id = domain;
  try {
    rclite::dds::Participant participant(options, "/client", dir);
    ADD_FAILURE() << "the participant was created";
  } catch (const rclite::dds::DdsError& error) {
    EXPECT_NE(std::string(error.what()).find("creating the secure DDS participant for enclave '/client'"),
              std::string::npos)
        << error.what();
  }
  // The same directory with its own credentials works.
  rclite::security::create_enclave(keystore.root, "/fresh", domain);
  EXPECT_NO_THROW(rclite::dds::Participant(options, "/fresh", keystore.enclave_dir("/fresh")));
}

TEST_F(SecureServices, TheCliReportsKeystoreErrorsInOneLineWithExitCodeOne) {
  ChildProcess existing({kBin + "/rclite", "security", "create_keystore", keystore.root.string()});
  EXPECT_EQ(existing.wait(), 1);
  EXPECT_EQ(existing.output(), "'" + keystore.root.string() + "' already is a keystore\n");
  ChildProcess bad_name({kBin + "/rclite", "security", "create_enclave", keystore.root.string(), "relative"});
  EXPECT_EQ(bad_name.wait(), 1);
  EXPECT_NE(bad_name.output().find("enclave name 'relative'"), std::string::npos) << bad_name.output();
  ChildProcess list({kBin + "/rclite", "security", "list_enclaves", keystore.root.string()});
  EXPECT_EQ(list.wait(), 0);
  EXPECT_EQ(list.output(), "/client\n/restricted\n/server\n");
}
