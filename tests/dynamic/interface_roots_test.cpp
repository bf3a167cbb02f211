// Where runtime-typed values find definitions: AMENT_PREFIX_PATH shares, then the bundled ones.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/dynamic/message_type.hpp"

using namespace rclite;
namespace fs = std::filesystem;

namespace {

// Sets an environment variable for one test, restoring it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("rclite_interface_roots_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(InterfaceRoots, FindsTheBundledDefinitionsFromTheBuildTree) {
  ScopedEnv no_override("RCLITE_INTERFACES_DIR", "");
  const fs::path bundled = dynamic::bundled_interfaces_dir();
  ASSERT_FALSE(bundled.empty());
  EXPECT_TRUE(fs::is_regular_file(bundled / "example_interfaces" / "srv" / "AddTwoInts.srv"));
}

TEST(InterfaceRoots, PutsAmentPrefixesFirstAndSkipsThoseWithoutShare) {
  const fs::path with_share = scratch_dir("with");
  const fs::path without_share = scratch_dir("without");
  fs::create_directories(with_share / "share" / "my_msgs" / "msg");
  std::ofstream(with_share / "share" / "my_msgs" / "msg" / "Point.msg") << "float64 x\nfloat64 y\n";
  ScopedEnv ament("AMENT_PREFIX_PATH", with_share.string() + "::" + without_share.string() + ":");

  const std::vector<fs::path> roots = dynamic::interface_roots();
  ASSERT_EQ(roots.size(), 2u);
  EXPECT_EQ(roots[0], with_share / "share");
  EXPECT_EQ(roots[1], dynamic::bundled_interfaces_dir());

  idl::InterfaceLibrary library = dynamic::make_interface_library();
  EXPECT_EQ(dynamic::MessageType::resolve(*idl::parse_type_name("my_msgs/msg/Point"), library)->members().size(), 2u);
  EXPECT_NO_THROW(library.service(*idl::parse_type_name("example_interfaces/srv/AddTwoInts")));
  fs::remove_all(with_share);
  fs::remove_all(without_share);
}

TEST(InterfaceRoots, HonoursAnOverrideOfTheBundledFolder) {
  const fs::path dir = scratch_dir("override");
  ScopedEnv override_dir("RCLITE_INTERFACES_DIR", dir.string());
  EXPECT_EQ(dynamic::bundled_interfaces_dir(), dir);
  fs::remove_all(dir);
}

TEST(InterfaceRoots, ReportsATypeThatContainsItself) {
  const fs::path dir = scratch_dir("recursive");
  fs::create_directories(dir / "loop_msgs" / "msg");
  std::ofstream(dir / "loop_msgs" / "msg" / "A.msg") << "B[] b\n";
  std::ofstream(dir / "loop_msgs" / "msg" / "B.msg") << "A[] a\n";
  idl::InterfaceLibrary library({dir});
  EXPECT_THROW(dynamic::MessageType::resolve(*idl::parse_type_name("loop_msgs/msg/A"), library), std::runtime_error);
  fs::remove_all(dir);
}
