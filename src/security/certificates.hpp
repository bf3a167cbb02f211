// EC keys, X.509 certificates and S/MIME signatures as sros2 makes them (OpenSSL's C library):
// prime256v1 keys (DDS Security §9.3.1), SHA-256 signed certificates valid from a day before
// their creation (so that a peer whose clock is a little behind accepts them) until ten years after
// it, as sros2's build_key_and_cert, and clear-signed S/MIME documents (sros2: PKCS7_TEXT |
// PKCS7_DETACHED).
#pragma once

#include <filesystem>
#include <string>

#include "../crypto/openssl_handles.hpp"
#include "policy.hpp"

namespace rclite::security {

crypto::EvpPkey generate_ec_key();

// A self-signed CA certificate for `common_name` (CA:TRUE, path length 1, critical).
crypto::X509Ptr make_ca_certificate(EVP_PKEY* key, const std::string& common_name);

// A certificate for `common_name` with `key`'s public key, issued and signed by the CA.
crypto::X509Ptr make_identity_certificate(EVP_PKEY* key, const std::string& common_name, X509* ca_certificate,
                                          EVP_PKEY* ca_key);

// The signed S/MIME document of `content` (text/plain, detached signature), as
// `openssl smime -sign -text` writes it.
std::string smime_sign(const std::string& content, X509* signer, EVP_PKEY* signer_key);

// PEM files: keys are written PKCS#8 without password, readable by the owner only.
void write_private_key(const std::filesystem::path& file, EVP_PKEY* key);
void write_certificate(const std::filesystem::path& file, X509* certificate);
crypto::EvpPkey read_private_key(const std::filesystem::path& file);
crypto::X509Ptr read_certificate(const std::filesystem::path& file);

// The certificate's notBefore and notAfter.
Validity validity_of(const X509* certificate);

}  // namespace rclite::security
