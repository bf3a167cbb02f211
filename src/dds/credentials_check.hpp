// Checks an enclave's security files before Cyclone gets them: Cyclone's plugins only make
// participant creation fail with "Error" (and a log line), so the reason is found here and
// reported as one clear error.
#pragma once

#include <filesystem>

namespace rclite::dds {

// Throws ConfigError naming the file and the reason when: a certificate or key does not parse,
// cert.pem is not signed by identity_ca.cert.pem (or has expired), key.pem is not cert.pem's key,
// or governance.p7s / permissions.p7s is not a valid S/MIME document signed under
// permissions_ca.cert.pem.
void check_credentials(const std::filesystem::path& enclave_dir);

}  // namespace rclite::dds
