#include "credentials_check.hpp"

#include <string>

#include "../crypto/openssl_handles.hpp"
#include "discovery_config.hpp"

namespace rclite::dds {

namespace {

namespace fs = std::filesystem;
using namespace rclite::crypto;

[[noreturn]] void fail(const fs::path& file, const std::string& reason) {
  throw ConfigError("security file '" + file.string() + "' is not usable: " + reason);
}

Bio open_file(const fs::path& file) {
  Bio bio(BIO_new_file(file.c_str(), "rb"));
  if (!bio) fail(file, "cannot be read (" + openssl_errors() + ")");
  return bio;
}

X509Ptr read_certificate(const fs::path& file) {
  auto bio = open_file(file);
  X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!certificate) fail(file, "not a PEM certificate (" + openssl_errors() + ")");
  return certificate;
}

// The CA file is the trust anchor even when it is an intermediate CA (partial chain), as the
// security plugins take it.
X509StorePtr trust_store(const fs::path& ca_file) {
  X509StorePtr store(X509_STORE_new());
  if (!store || X509_STORE_add_cert(store.get(), read_certificate(ca_file).get()) != 1 ||
      X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN) != 1) {
    fail(ca_file, "cannot be used as a trust anchor (" + openssl_errors() + ")");
  }
  return store;
}

void verify_certificate(const fs::path& file, const fs::path& ca_file) {
  const auto certificate = read_certificate(file);
  const auto store = trust_store(ca_file);
  X509StoreCtxPtr context(X509_STORE_CTX_new());
  if (!context || X509_STORE_CTX_init(context.get(), store.get(), certificate.get(), nullptr) != 1) {
    fail(file, "cannot be verified (" + openssl_errors() + ")");
  }
  if (X509_verify_cert(context.get()) != 1) {
    fail(file, std::string("not trusted by '") + ca_file.filename().string() +
                   "': " + X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
  }
}

void verify_private_key(const fs::path& key_file, const fs::path& certificate_file) {
  auto bio = open_file(key_file);
  EvpPkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) fail(key_file, "not a PEM private key without password (" + openssl_errors() + ")");
  if (X509_check_private_key(read_certificate(certificate_file).get(), key.get()) != 1) {
    ERR_clear_error();
    fail(key_file, "not the private key of '" + certificate_file.filename().string() + "'");
  }
}

// As Cyclone's access control plugin: an S/MIME document whose signer chains to the CA.
void verify_signed_document(const fs::path& file, const fs::path& ca_file) {
  auto bio = open_file(file);
  BIO* content_raw = nullptr;
  Pkcs7 document(SMIME_read_PKCS7(bio.get(), &content_raw));
  Bio content(content_raw);
  if (!document) fail(file, "not an S/MIME signed document (" + openssl_errors() + ")");
  const auto store = trust_store(ca_file);
  auto out = memory_bio();
  if (PKCS7_verify(document.get(), nullptr, store.get(), content.get(), out.get(), PKCS7_TEXT) != 1) {
    fail(file, "its signature does not verify with '" + ca_file.filename().string() + "' (" + openssl_errors() + ")");
  }
}

}  // namespace

void check_credentials(const fs::path& enclave_dir) {
  verify_certificate(enclave_dir / "cert.pem", enclave_dir / "identity_ca.cert.pem");
  verify_private_key(enclave_dir / "key.pem", enclave_dir / "cert.pem");
  verify_signed_document(enclave_dir / "governance.p7s", enclave_dir / "permissions_ca.cert.pem");
  verify_signed_document(enclave_dir / "permissions.p7s", enclave_dir / "permissions_ca.cert.pem");
}

}  // namespace rclite::dds
