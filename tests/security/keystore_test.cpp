// The keystore tooling: sros2's layout, the permissions a policy grants, and clear errors.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <functional>

#include "../../src/dds/credentials_check.hpp"
#include "../../src/dds/security.hpp"
#include "../../src/security/certificates.hpp"
#include "../../src/security/policy.hpp"
#include "temp_keystore.hpp"

using rclite::security::KeystoreError;
using rclite::test::read_file;
using rclite::test::TempDirectory;
using rclite::test::TempKeystore;
namespace fs = std::filesystem;

namespace {

void expect_error_containing(const std::function<void()>& action, const std::string& text) {
  try {
    action();
    ADD_FAILURE() << "no error; expected one containing '" << text << "'";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find(text), std::string::npos) << error.what();
  }
}

const char* kPolicy = R"(<?xml version="1.0" encoding="UTF-8"?>
<policy version="0.2.0">
  <enclaves>
    <enclave path="/demo/server">
      <profiles>
        <profile ns="/demo" node="adder">
          <services reply="ALLOW"><service>add_two_ints</service></services>
          <services request="DENY"><service>/forbidden</service></services>
          <topics publish="ALLOW" subscribe="ALLOW"><topic>~/status</topic></topics>
        </profile>
      </profiles>
    </enclave>
    <enclave path="/demo/client">
      <profiles>
        <profile ns="/" node="caller">
          <services request="ALLOW"><service>/demo/add_two_ints</service></services>
        </profile>
      </profiles>
    </enclave>
  </enclaves>
</policy>
)";

}  // namespace

TEST(Keystore, HasTheSros2Layout) {
  TempKeystore keystore(7);
  const fs::path& root = keystore.root;
  for (const char* file : {"public/ca.cert.pem", "private/ca.key.pem", "public/identity_ca.cert.pem",
                           "public/permissions_ca.cert.pem", "private/identity_ca.key.pem",
                           "private/permissions_ca.key.pem", "enclaves/governance.xml", "enclaves/governance.p7s"}) {
    EXPECT_TRUE(fs::is_regular_file(root / file)) << file;
  }
  EXPECT_TRUE(fs::is_symlink(root / "public/identity_ca.cert.pem"));
  EXPECT_TRUE(rclite::security::is_keystore(root));
  const std::string governance = read_file(root / "enclaves/governance.xml");
  EXPECT_NE(governance.find("<id>7</id>"), std::string::npos);
  EXPECT_NE(governance.find("<enable_join_access_control>true</enable_join_access_control>"), std::string::npos);
  EXPECT_NE(governance.find("<allow_unauthenticated_participants>false"), std::string::npos);
  EXPECT_NE(read_file(root / "enclaves/governance.p7s").find("Content-Type: multipart/signed"), std::string::npos);
  EXPECT_EQ((fs::status(root / "private/ca.key.pem").permissions() & fs::perms::others_read), fs::perms::none);
}

TEST(Keystore, AnEnclaveHasCredentialsThatPassTheParticipantsChecks) {
  TempKeystore keystore(7);
  rclite::security::create_enclave(keystore.root, "/app/server", 7);
  const fs::path dir = keystore.enclave_dir("/app/server");
  for (const char* file : rclite::dds::kEnclaveFiles) EXPECT_TRUE(fs::is_regular_file(dir / file)) << file;
  EXPECT_TRUE(fs::is_regular_file(dir / "permissions.xml"));
  EXPECT_NO_THROW(rclite::dds::check_credentials(dir));
  // The default permissions allow everything, as sros2's default policy does.
  const std::string permissions = read_file(dir / "permissions.xml");
  EXPECT_NE(permissions.find("<subject_name>CN=/app/server</subject_name>"), std::string::npos);
  EXPECT_NE(permissions.find("<topic>rq/*Request</topic>"), std::string::npos);
  EXPECT_NE(permissions.find("<topic>rt/*</topic>"), std::string::npos);
  EXPECT_NE(permissions.find("<topic>ros_discovery_info</topic>"), std::string::npos);
  EXPECT_EQ(rclite::security::list_enclaves(keystore.root), std::vector<std::string>{"/app/server"});
}

// sros2's build_key_and_cert: a certificate is valid from a day before its creation (so that a peer
// whose clock is a little behind accepts it) until 3650 days after it; an enclave's permissions are
// valid exactly as long as its certificate.
TEST(Keystore, CertificatesAreValidFromADayBeforeTheirCreation) {
  using namespace std::chrono;
  const auto before = floor<seconds>(system_clock::now());  // certificates count whole seconds
  TempKeystore keystore(7);
  rclite::security::create_enclave(keystore.root, "/app/server", 7);
  const auto after = system_clock::now();
  const fs::path enclave_certificate = keystore.enclave_dir("/app/server") / "cert.pem";
  for (const fs::path& file : {keystore.root / "public/ca.cert.pem", enclave_certificate}) {
    const auto validity = rclite::security::validity_of(rclite::security::read_certificate(file).get());
    EXPECT_GE(validity.not_before, before - days(1)) << file;
    EXPECT_LE(validity.not_before, after - days(1)) << file;
    EXPECT_EQ(validity.not_after - validity.not_before, days(3651)) << file;
  }
  const auto validity = rclite::security::validity_of(rclite::security::read_certificate(enclave_certificate).get());
  const auto utc_text = [](system_clock::time_point when) {
    const std::time_t seconds = system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    return std::string(text);
  };
  const std::string permissions = read_file(keystore.enclave_dir("/app/server") / "permissions.xml");
  EXPECT_NE(permissions.find("<not_before>" + utc_text(validity.not_before) + "</not_before>"), std::string::npos)
      << permissions;
  EXPECT_NE(permissions.find("<not_after>" + utc_text(validity.not_after) + "</not_after>"), std::string::npos)
      << permissions;
}

TEST(Keystore, TheRootEnclaveLivesInTheEnclavesDirectory) {
  TempKeystore keystore(0);
  rclite::security::create_enclave(keystore.root, "/", 0);
  EXPECT_NO_THROW(rclite::dds::check_credentials(keystore.root / "enclaves"));
  EXPECT_TRUE(fs::is_regular_file(keystore.root / "enclaves/governance.p7s"));
  EXPECT_FALSE(fs::is_symlink(keystore.root / "enclaves/governance.p7s"));
}

TEST(Keystore, APolicyGrantsItsEnclaveTheDdsTopicsOfItsServices) {
  const auto policies = rclite::security::parse_policy(kPolicy, "test.xml");
  ASSERT_EQ(policies.size(), 2u);
  const auto now = std::chrono::system_clock::now();
  const std::string server = rclite::security::permissions_xml(policies[0], 3, {now, now + std::chrono::hours(1)});
  // reply: publish rr/<service>Reply, subscribe rq/<service>Request; relative names under ns,
  // "~" names under the node.
  const auto allow = server.find("<allow_rule>");
  const auto deny = server.find("<deny_rule>");
  ASSERT_NE(allow, std::string::npos);
  ASSERT_NE(deny, std::string::npos);
  EXPECT_LT(deny, allow);  // DENY rules come first
  EXPECT_NE(server.find("<topic>rr/demo/add_two_intsReply</topic>", allow), std::string::npos) << server;
  EXPECT_NE(server.find("<topic>rq/demo/add_two_intsRequest</topic>", allow), std::string::npos) << server;
  EXPECT_NE(server.find("<topic>rt/demo/adder/status</topic>", allow), std::string::npos) << server;
  EXPECT_LT(server.find("<topic>rq/forbiddenRequest</topic>"), allow) << server;
  EXPECT_EQ(server.find("rq/*"), std::string::npos);
  EXPECT_NE(server.find("<id>3</id>"), std::string::npos);
}

TEST(Keystore, CreatePermissionSignsThePolicysPermissions) {
  TempKeystore keystore(5);
  TempDirectory scratch;
  const fs::path policy = scratch.path() / "policy.xml";
  rclite::test::write_file(policy, kPolicy);
  rclite::security::create_enclave(keystore.root, "/demo/client", 5);
  rclite::security::create_permission(keystore.root, "/demo/client", policy, 5);
  const fs::path dir = keystore.enclave_dir("/demo/client");
  const std::string permissions = read_file(dir / "permissions.xml");
  EXPECT_NE(permissions.find("<topic>rq/demo/add_two_intsRequest</topic>"), std::string::npos);
  EXPECT_EQ(permissions.find("rt/*"), std::string::npos);
  EXPECT_NO_THROW(rclite::dds::check_credentials(dir));

  rclite::security::generate_artifacts(keystore.root, {"/extra"}, {policy}, 5);
  EXPECT_EQ(rclite::security::list_enclaves(keystore.root),
            (std::vector<std::string>{"/demo/client", "/demo/server", "/extra"}));
}

TEST(Keystore, BadInputGivesClearErrors) {
  TempKeystore keystore(0);
  TempDirectory scratch;
  expect_error_containing([&] { rclite::security::create_keystore(keystore.root, 0); }, "already is a keystore");
  expect_error_containing([&] { rclite::security::create_enclave(scratch.path(), "/a", 0); }, "is not a keystore");
  expect_error_containing([&] { rclite::security::create_enclave(keystore.root, "no_slash", 0); },
                          "enclave name 'no_slash'");
  expect_error_containing([&] { rclite::security::create_permission(keystore.root, "/missing", "p.xml", 0); },
                          "enclave '/missing' does not exist");
  rclite::security::create_enclave(keystore.root, "/a", 0);
  expect_error_containing([&] { rclite::security::create_permission(keystore.root, "/a", scratch.path() / "none.xml", 0); },
                          "cannot be read");
  expect_error_containing([&] { rclite::security::parse_policy("<policy><enclaves>", "bad.xml"); },
                          "policy bad.xml: not well-formed XML");
  expect_error_containing(
      [&] {
        rclite::security::parse_policy(
            "<policy><enclaves><enclave path=\"/a\"><profiles><profile><services call=\"ALLOW\"/>"
            "</profile></profiles></enclave></enclaves></policy>",
            "attr.xml");
      },
      "unknown attribute 'call'");
  const fs::path policy = scratch.path() / "policy.xml";
  rclite::test::write_file(policy, kPolicy);
  expect_error_containing([&] { rclite::security::create_permission(keystore.root, "/a", policy, 0); },
                          "has no <enclave path=\"/a\">");
}

TEST(Keystore, TamperedOrForeignCredentialsFailTheChecks) {
  TempKeystore keystore(0);
  rclite::security::create_enclave(keystore.root, "/a", 0);
  const fs::path dir = keystore.enclave_dir("/a");
  const std::string original = read_file(dir / "cert.pem");
  rclite::test::tamper_with_certificate(dir / "cert.pem");
  expect_error_containing([&] { rclite::dds::check_credentials(dir); }, "cert.pem");

  // A certificate of another keystore's CA, with its own key: well-formed, but not trusted here.
  TempKeystore other(0);
  rclite::security::create_enclave(other.root, "/a", 0);
  rclite::test::write_file(dir / "cert.pem", read_file(other.enclave_dir("/a") / "cert.pem"));
  rclite::test::write_file(dir / "key.pem", read_file(other.enclave_dir("/a") / "key.pem"));
  expect_error_containing([&] { rclite::dds::check_credentials(dir); }, "not trusted by 'identity_ca.cert.pem'");

  // The right certificate with another key.
  rclite::test::write_file(dir / "cert.pem", original);
  expect_error_containing([&] { rclite::dds::check_credentials(dir); }, "not the private key of 'cert.pem'");

  // Permissions signed by another CA.
  rclite::security::create_enclave(keystore.root, "/b", 0);
  rclite::test::write_file(keystore.enclave_dir("/b") / "permissions.p7s",
                           read_file(other.enclave_dir("/a") / "permissions.p7s"));
  expect_error_containing([&] { rclite::dds::check_credentials(keystore.enclave_dir("/b")); }, "permissions.p7s");
}
