// Finding definitions on disk: packages, services and their parts, unknown types.
#include <gtest/gtest.h>

#include "rclite/idl/interface_library.hpp"
#include "rclite/idl/parser.hpp"

using namespace rclite::idl;

TEST(InterfaceLibrary, ListsBundledPackagesAndTypes) {
  InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  const auto packages = library.packages();
  EXPECT_NE(std::find(packages.begin(), packages.end(), "example_interfaces"), packages.end());
  EXPECT_NE(std::find(packages.begin(), packages.end(), "rcl_interfaces"), packages.end());
  const auto services = library.list("std_srvs", "srv");
  ASSERT_EQ(services.size(), 3u);
  EXPECT_EQ(services[0].full(), "std_srvs/srv/Empty");
}

TEST(InterfaceLibrary, FindsServicePartsThroughTheServiceFile) {
  InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  const auto& response = library.message({"example_interfaces", "srv", "AddTwoInts_Response"});
  EXPECT_EQ(response.fields.at(0).name, "sum");
  const auto& event = library.message({"example_interfaces", "srv", "AddTwoInts_Event"});
  ASSERT_EQ(event.fields.size(), 3u);
  EXPECT_EQ(event.fields[0].type.nested().full(), "service_msgs/msg/ServiceEventInfo");
  EXPECT_EQ(event.fields[1].type.container, Container::BoundedSequence);
  EXPECT_EQ(event.fields[1].type.size, 1u);
}

TEST(InterfaceLibrary, NamesTheUnknownTypeAndWhereItLooked) {
  InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  try {
    library.message({"no_such_pkg", "msg", "Nothing"});
    FAIL();
  } catch (const UnknownTypeError& error) {
    EXPECT_NE(std::string(error.what()).find("no_such_pkg/msg/Nothing"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find(RCLITE_INTERFACES_DIR), std::string::npos);
  }
}

TEST(InterfaceLibrary, LaterRootsAreSearchedToo) {
  InterfaceLibrary library({"/nonexistent", RCLITE_INTERFACES_DIR});
  EXPECT_EQ(library.message({"std_msgs", "msg", "String"}).fields.at(0).name, "data");
}
