// A keystore made by rclite's tooling in a fresh temporary directory, removed afterwards, and
// ways to damage its files for the rejection tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "rclite/security/keystore.hpp"

namespace rclite::test {

class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rclite-keystore-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct TempKeystore {
  TempDirectory directory;
  std::filesystem::path root = directory.path() / "keystore";
  explicit TempKeystore(std::uint32_t domain_id) { security::create_keystore(root, domain_id); }
  std::filesystem::path enclave_dir(const std::string& enclave) const {
    return root / "enclaves" / enclave.substr(1);
  }
};

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_file(const std::filesystem::path& file, const std::string& content) {
  std::filesystem::remove(file);  // may be a symlink into the keystore's shared files
  std::ofstream(file, std::ios::binary) << content;
}

// Changes one base64 character in the middle of a PEM certificate's body: still PEM, no longer
// the certificate the CA signed.
inline void tamper_with_certificate(const std::filesystem::path& file) {
  std::string pem = read_file(file);
  const std::size_t body = pem.find('\n') + 1;
  const std::size_t at = body + (pem.find("-----END") - body) / 2;
  pem[at] = pem[at] == 'A' ? 'B' : 'A';
  write_file(file, pem);
}

}  // namespace rclite::test
