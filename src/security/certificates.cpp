#include "certificates.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <fstream>

#include "rclite/security/keystore.hpp"

namespace rclite::security {

namespace {

using namespace rclite::crypto;
namespace fs = std::filesystem;

// sros2: valid from a day before now (a peer's clock may be behind) until 3650 days after now.
constexpr int kDaysValidBeforeCreation = 1;
constexpr int kDaysValidAfterCreation = 3650;

[[noreturn]] void fail(const std::string& what) { throw KeystoreError(what + ": " + openssl_errors()); }

X509NamePtr name_with_common_name(const std::string& common_name) {
  X509NamePtr name(X509_NAME_new());
  if (!name || X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                                          0) != 1) {
    fail("cannot make the subject name CN=" + common_name);
  }
  return name;
}

void add_basic_constraints(X509* certificate, X509* issuer, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, NID_basic_constraints, value);
  if (extension == nullptr) fail("cannot make the basicConstraints extension");
  const int added = X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
  if (added != 1) fail("cannot add the basicConstraints extension");
}

// A random positive 159-bit serial number (RFC 5280: at most 20 octets), as cryptography's
// random_serial_number.
void set_random_serial(X509* certificate) {
  std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> number(BN_new());
  if (!number || BN_rand(number.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate)) == nullptr) {
    fail("cannot make a certificate serial number");
  }
}

X509Ptr make_certificate(EVP_PKEY* key, const std::string& common_name, X509* issuer, EVP_PKEY* signing_key,
                         const char* basic_constraints) {
  X509Ptr certificate(X509_new());
  if (!certificate || X509_set_version(certificate.get(), 2) != 1) fail("cannot make a certificate");
  set_random_serial(certificate.get());
  const auto subject = name_with_common_name(common_name);
  std::time_t now = std::time(nullptr);
  if (X509_set_subject_name(certificate.get(), subject.get()) != 1 ||
      X509_set_issuer_name(certificate.get(), issuer != nullptr ? X509_get_subject_name(issuer) : subject.get()) != 1 ||
      X509_time_adj_ex(X509_getm_notBefore(certificate.get()), -kDaysValidBeforeCreation, 0, &now) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(certificate.get()), kDaysValidAfterCreation, 0, &now) == nullptr ||
      X509_set_pubkey(certificate.get(), key) != 1) {
    fail("cannot fill the certificate for CN=" + common_name);
  }
  add_basic_constraints(certificate.get(), issuer != nullptr ? issuer : certificate.get(), basic_constraints);
  if (X509_sign(certificate.get(), signing_key, EVP_sha256()) == 0) fail("cannot sign the certificate for CN=" + common_name);
  return certificate;
}

void write_file(const fs::path& file, const std::string& content, fs::perms permissions) {
  std::error_code ignored;
  fs::remove(file, ignored);  // a symlink or read-only file from an earlier run
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw KeystoreError("cannot write '" + file.string() + "'");
    out << content;
    if (!out.flush()) throw KeystoreError("cannot write '" + file.string() + "'");
  }
  fs::permissions(file, permissions, fs::perm_options::replace);
}

Bio open_for_reading(const fs::path& file) {
  Bio bio(BIO_new_file(file.c_str(), "rb"));
  if (!bio) throw KeystoreError("cannot read '" + file.string() + "'");
  return bio;
}

}  // namespace

EvpPkey generate_ec_key() {
  EvpPkey key(EVP_EC_gen("prime256v1"));
  if (!key) fail("cannot generate an EC prime256v1 key");
  return key;
}

X509Ptr make_ca_certificate(EVP_PKEY* key, const std::string& common_name) {
  return make_certificate(key, common_name, nullptr, key, "critical,CA:TRUE,pathlen:1");
}

X509Ptr make_identity_certificate(EVP_PKEY* key, const std::string& common_name, X509* ca_certificate,
                                  EVP_PKEY* ca_key) {
  return make_certificate(key, common_name, ca_certificate, ca_key, "CA:FALSE");
}

std::string smime_sign(const std::string& content, X509* signer, EVP_PKEY* signer_key) {
  const int flags = PKCS7_TEXT | PKCS7_DETACHED;
  auto input = memory_bio(content);
  Pkcs7 signature(PKCS7_sign(signer, signer_key, nullptr, input.get(), flags));
  if (!signature) fail("cannot sign the document");
  // PKCS7_sign read the input: the clear text goes out from a fresh one.
  auto clear_text = memory_bio(content);
  auto out = memory_bio();
  if (SMIME_write_PKCS7(out.get(), signature.get(), clear_text.get(), flags) != 1) fail("cannot write the S/MIME document");
  return bio_contents(out.get());
}

void write_private_key(const fs::path& file, EVP_PKEY* key) {
  auto out = memory_bio();
  if (PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) fail("cannot encode a key");
  write_file(file, bio_contents(out.get()), fs::perms::owner_read | fs::perms::owner_write);
}

void write_certificate(const fs::path& file, X509* certificate) {
  auto out = memory_bio();
  if (PEM_write_bio_X509(out.get(), certificate) != 1) fail("cannot encode a certificate");
  write_file(file, bio_contents(out.get()),
             fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

EvpPkey read_private_key(const fs::path& file) {
  auto in = open_for_reading(file);
  EvpPkey key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  if (!key) fail("'" + file.string() + "' is not a PEM private key");
  return key;
}

X509Ptr read_certificate(const fs::path& file) {
  auto in = open_for_reading(file);
  X509Ptr certificate(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
  if (!certificate) fail("'" + file.string() + "' is not a PEM certificate");
  return certificate;
}

Validity validity_of(const X509* certificate) {
  const auto time_point = [](const ASN1_TIME* time) {
    std::tm utc{};
    if (ASN1_TIME_to_tm(time, &utc) != 1) fail("cannot read a certificate's validity");
    return std::chrono::system_clock::from_time_t(timegm(&utc));
  };
  return {time_point(X509_get0_notBefore(certificate)), time_point(X509_get0_notAfter(certificate))};
}

}  // namespace rclite::security
