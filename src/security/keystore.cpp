// The sros2 keystore layout (include/rclite/security/keystore.hpp) on the filesystem.
#include "rclite/security/keystore.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "certificates.hpp"
#include "policy.hpp"
#include "rclite/names.hpp"

namespace rclite::security {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCommonName = "sros2CA";  // sros2's CA subject

struct KeystorePaths {
  fs::path root;
  fs::path public_dir() const { return root / "public"; }
  fs::path private_dir() const { return root / "private"; }
  fs::path enclaves_dir() const { return root / "enclaves"; }
  fs::path identity_ca_cert() const { return public_dir() / "identity_ca.cert.pem"; }
  fs::path identity_ca_key() const { return private_dir() / "identity_ca.key.pem"; }
  fs::path permissions_ca_cert() const { return public_dir() / "permissions_ca.cert.pem"; }
  fs::path permissions_ca_key() const { return private_dir() / "permissions_ca.key.pem"; }
  fs::path governance_xml() const { return enclaves_dir() / "governance.xml"; }
  fs::path governance_p7s() const { return enclaves_dir() / "governance.p7s"; }
  // rcl's lookup: "/" is the enclaves directory itself.
  fs::path enclave_dir(const std::string& enclave) const {
    return enclave == "/" ? enclaves_dir() : enclaves_dir() / enclave.substr(1);
  }
};

bool is_file(const fs::path& path) {
  std::error_code ignored;
  return fs::is_regular_file(path, ignored);
}

void make_directories(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw KeystoreError("cannot create directory '" + dir.string() + "': " + error.message());
}

void write_text(const fs::path& file, const std::string& content) {
  std::error_code ignored;
  fs::remove(file, ignored);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out || !(out << content).flush()) throw KeystoreError("cannot write '" + file.string() + "'");
}

// A relative symlink `link` -> `target` (sros2 links the CA files rather than copying them).
void symlink_to(const fs::path& target, const fs::path& link) {
  std::error_code error;
  if (fs::exists(link, error) && fs::equivalent(link, target, error)) return;  // also: enclave "/" holds governance.p7s
  fs::remove(link, error);
  fs::create_symlink(target.lexically_relative(link.parent_path()), link, error);
  if (error) throw KeystoreError("cannot link '" + link.string() + "' to '" + target.string() + "': " + error.message());
}

void require_keystore(const KeystorePaths& paths) {
  if (!is_keystore(paths.root)) {
    throw KeystoreError("'" + paths.root.string() +
                        "' is not a keystore (create it with `rclite security create_keystore " + paths.root.string() +
                        "`)");
  }
}

void require_enclave_name(const std::string& enclave) {
  if (auto error = namespace_error(enclave)) throw KeystoreError("enclave name '" + enclave + "': " + *error);
}

void sign_permissions(const KeystorePaths& paths, const fs::path& dir, const EnclavePolicy& policy,
                      std::uint32_t domain_id) {
  // sros2 makes the permissions valid exactly as long as the enclave's certificate.
  const std::string xml = permissions_xml(policy, domain_id, validity_of(read_certificate(dir / "cert.pem").get()));
  const auto ca_certificate = read_certificate(paths.permissions_ca_cert());
  const auto ca_key = read_private_key(paths.permissions_ca_key());
  write_text(dir / "permissions.xml", xml);
  write_text(dir / "permissions.p7s", smime_sign(xml, ca_certificate.get(), ca_key.get()));
}

}  // namespace

bool is_keystore(const fs::path& keystore) {
  const KeystorePaths paths{keystore};
  return is_file(paths.identity_ca_cert()) && is_file(paths.identity_ca_key()) && is_file(paths.permissions_ca_cert()) &&
         is_file(paths.permissions_ca_key()) && is_file(paths.governance_p7s());
}

void create_keystore(const fs::path& keystore, std::uint32_t domain_id) {
  const KeystorePaths paths{keystore};
  if (is_keystore(keystore)) throw KeystoreError("'" + keystore.string() + "' already is a keystore");
  for (const auto& dir : {paths.public_dir(), paths.private_dir(), paths.enclaves_dir()}) make_directories(dir);

  // One CA serves as identity CA and permissions CA, as sros2 sets it up.
  if (!is_file(paths.identity_ca_cert()) || !is_file(paths.identity_ca_key()) ||
      !is_file(paths.permissions_ca_cert()) || !is_file(paths.permissions_ca_key())) {
    const auto key = generate_ec_key();
    const auto certificate = make_ca_certificate(key.get(), kCommonName);
    write_private_key(paths.private_dir() / "ca.key.pem", key.get());
    write_certificate(paths.public_dir() / "ca.cert.pem", certificate.get());
    symlink_to(paths.public_dir() / "ca.cert.pem", paths.identity_ca_cert());
    symlink_to(paths.public_dir() / "ca.cert.pem", paths.permissions_ca_cert());
    symlink_to(paths.private_dir() / "ca.key.pem", paths.identity_ca_key());
    symlink_to(paths.private_dir() / "ca.key.pem", paths.permissions_ca_key());
  }
  if (!is_file(paths.governance_xml())) write_text(paths.governance_xml(), governance_xml(domain_id));
  if (!is_file(paths.governance_p7s())) {
    std::ifstream in(paths.governance_xml(), std::ios::binary);
    std::ostringstream governance;
    governance << in.rdbuf();
    const auto ca_certificate = read_certificate(paths.permissions_ca_cert());
    const auto ca_key = read_private_key(paths.permissions_ca_key());
    write_text(paths.governance_p7s(), smime_sign(governance.str(), ca_certificate.get(), ca_key.get()));
  }
}

void create_enclave(const fs::path& keystore, const std::string& enclave, std::uint32_t domain_id) {
  const KeystorePaths paths{keystore};
  require_keystore(paths);
  require_enclave_name(enclave);
  const fs::path dir = paths.enclave_dir(enclave);
  make_directories(dir);
  symlink_to(paths.identity_ca_cert(), dir / "identity_ca.cert.pem");
  symlink_to(paths.permissions_ca_cert(), dir / "permissions_ca.cert.pem");
  symlink_to(paths.governance_p7s(), dir / "governance.p7s");
  if (!is_file(dir / "cert.pem") || !is_file(dir / "key.pem")) {
    const auto ca_certificate = read_certificate(paths.identity_ca_cert());
    const auto ca_key = read_private_key(paths.identity_ca_key());
    const auto key = generate_ec_key();
    const auto certificate = make_identity_certificate(key.get(), enclave, ca_certificate.get(), ca_key.get());
    write_private_key(dir / "key.pem", key.get());
    write_certificate(dir / "cert.pem", certificate.get());
  }
  sign_permissions(paths, dir, allow_all_policy(enclave), domain_id);
}

void create_permission(const fs::path& keystore, const std::string& enclave, const fs::path& policy_file,
                       std::uint32_t domain_id) {
  const KeystorePaths paths{keystore};
  require_keystore(paths);
  require_enclave_name(enclave);
  const fs::path dir = paths.enclave_dir(enclave);
  if (!is_file(dir / "cert.pem")) {
    throw KeystoreError("enclave '" + enclave + "' does not exist in '" + keystore.string() +
                        "' (create it with `rclite security create_enclave`)");
  }
  const auto policies = read_policy_file(policy_file);
  const auto found = std::find_if(policies.begin(), policies.end(),
                                  [&](const EnclavePolicy& policy) { return policy.path == enclave; });
  if (found == policies.end()) {
    throw KeystoreError("policy " + policy_file.string() + " has no <enclave path=\"" + enclave + "\">");
  }
  sign_permissions(paths, dir, *found, domain_id);
}

void generate_artifacts(const fs::path& keystore, const std::vector<std::string>& enclaves,
                        const std::vector<fs::path>& policy_files, std::uint32_t domain_id) {
  if (!is_keystore(keystore)) create_keystore(keystore, domain_id);
  for (const auto& enclave : enclaves) create_enclave(keystore, enclave, domain_id);
  for (const auto& file : policy_files) {
    for (const auto& policy : read_policy_file(file)) {
      create_enclave(keystore, policy.path, domain_id);
      create_permission(keystore, policy.path, file, domain_id);
    }
  }
}

std::vector<std::string> list_enclaves(const fs::path& keystore) {
  const KeystorePaths paths{keystore};
  require_keystore(paths);
  std::vector<std::string> enclaves;
  std::error_code error;
  for (fs::recursive_directory_iterator it(paths.enclaves_dir(), error), end; !error && it != end; it.increment(error)) {
    if (it->path().filename() == "key.pem" && it->is_regular_file()) {
      const auto relative = it->path().parent_path().lexically_relative(paths.enclaves_dir()).generic_string();
      enclaves.push_back(relative == "." ? "/" : "/" + relative);
    }
  }
  std::sort(enclaves.begin(), enclaves.end());
  return enclaves;
}

}  // namespace rclite::security
