// RIHS01 hashes: the generated code must carry the exact hashes real ROS 2 Jazzy advertises.
#include <gtest/gtest.h>

#include <builtin_interfaces/msg/time.hpp>
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rcl_interfaces/msg/log.hpp>
#include <rcl_interfaces/msg/parameter_event.hpp>
#include <rcl_interfaces/srv/describe_parameters.hpp>
#include <rcl_interfaces/srv/get_parameter_types.hpp>
#include <rcl_interfaces/srv/get_parameters.hpp>
#include <rcl_interfaces/srv/list_parameters.hpp>
#include <rcl_interfaces/srv/set_parameters.hpp>
#include <rcl_interfaces/srv/set_parameters_atomically.hpp>
#include <rmw_dds_common/msg/participant_entities_info.hpp>
#include <std_msgs/msg/string.hpp>
#include <type_description_interfaces/srv/get_type_description.hpp>

#include <sstream>

#include "rclite/idl/interface_library.hpp"
#include "support/hex.hpp"

using rclite::wire::MessageTraits;
using rclite::wire::ServiceTraits;

// Every `typehash=` in the USER_DATA of the real Jazzy capture (golden jazzy-add_two_ints).
TEST(TypeHash, EqualsEveryHashInTheJazzyCapture) {
  using namespace example_interfaces::srv;
  using namespace rcl_interfaces::srv;
  EXPECT_EQ(MessageTraits<AddTwoInts::Request>::type_hash, "RIHS01_000c5fd92d6b2e1a05949348f584d6d652adea1e92d691792011ac2273508302");
  EXPECT_EQ(MessageTraits<AddTwoInts::Response>::type_hash, "RIHS01_de5c030d4af33cba2749310b249737b631594703f9300495f48bffb2b44dcc2f");
  EXPECT_EQ(MessageTraits<rcl_interfaces::msg::Log>::type_hash, "RIHS01_e28ce254ca8abc06abf92773b74602cdbf116ed34fbaf294fb9f81da9f318eac");
  EXPECT_EQ(MessageTraits<rcl_interfaces::msg::ParameterEvent>::type_hash, "RIHS01_043e627780fcad87a22d225bc2a037361dba713fca6a6b9f4b869a5aa0393204");
  EXPECT_EQ(MessageTraits<DescribeParameters::Request>::type_hash, "RIHS01_05dd1c2bc87dec2627105c8070d6f9725c781a4f2ab852975bf105462b82b644");
  EXPECT_EQ(MessageTraits<DescribeParameters::Response>::type_hash, "RIHS01_ad6747319613c6131589e062e095b469a46cc764f7d0f12a001a49e6cd893995");
  EXPECT_EQ(MessageTraits<GetParameterTypes::Request>::type_hash, "RIHS01_87d7ec5ef545d4daa289d500025d31fb2437bc8b8365ca367161c4dac4be33fd");
  EXPECT_EQ(MessageTraits<GetParameterTypes::Response>::type_hash, "RIHS01_ac1335dce67c478e669434f6ac2fbff34fcd529580f272d3006785ba8b54e47f");
  EXPECT_EQ(MessageTraits<GetParameters::Request>::type_hash, "RIHS01_135a9e1c3d7cebef792f6687d7ddf99949b21a0bd9a320d863a9110a3f5cf4d6");
  EXPECT_EQ(MessageTraits<GetParameters::Response>::type_hash, "RIHS01_9fa773b46e39cc5d02db6224d8fd520bb9caeeffc2b27c96c1e59431baba9f2a");
  EXPECT_EQ(MessageTraits<ListParameters::Request>::type_hash, "RIHS01_a1b0b5d6b967a5b8ac5bc8563c3ea678f349e312a6a4967227c5a96bc5ce38df");
  EXPECT_EQ(MessageTraits<ListParameters::Response>::type_hash, "RIHS01_31b937b82de3612426be79f231e386259f97e8dc843e3f2845288b4bfa296bdd");
  EXPECT_EQ(MessageTraits<SetParametersAtomically::Request>::type_hash, "RIHS01_db0bd950ed5ed867a0e90b225e44dea382d762c0762ff3e0ee842190042a59e5");
  EXPECT_EQ(MessageTraits<SetParametersAtomically::Response>::type_hash, "RIHS01_31b1a38c5b0b9d893ee24da45f69638f4561c78461d82d52750f429b534502b8");
  EXPECT_EQ(MessageTraits<SetParameters::Request>::type_hash, "RIHS01_130d46386b7e84ea9ecf60608a4d83cbe5e5cb7c6cc5b712b7a4e3a6c254e932");
  EXPECT_EQ(MessageTraits<SetParameters::Response>::type_hash, "RIHS01_7a0e8140a0b8d98308fa81a5403a766e610af29a239caf54b7553227906fc266");
  EXPECT_EQ(MessageTraits<rmw_dds_common::msg::ParticipantEntitiesInfo>::type_hash, "RIHS01_91a0593bacdcc50ea9bdcf849a938b128412cc1ea821245c663bcd26f83c295e");
  EXPECT_EQ(MessageTraits<type_description_interfaces::srv::GetTypeDescription::Request>::type_hash, "RIHS01_470f56ccbcf13d55c78c8b735fb12da03e639e5acded994426c89d94778d9e28");
  EXPECT_EQ(MessageTraits<type_description_interfaces::srv::GetTypeDescription::Response>::type_hash, "RIHS01_648c49d976240861a482f961c5621ddd0d2135d8cce6f297a76d4f6376d93b75");
}

// Hashes published elsewhere (spec §9.2: rmw_zenoh's design document, the rosidl docs).
TEST(TypeHash, EqualsPublishedServiceAndMessageHashes) {
  EXPECT_EQ(ServiceTraits<example_interfaces::srv::AddTwoInts>::type_hash, "RIHS01_e118de6bf5eeb66a2491b5bda11202e7b68f198d6f67922cf30364858239c81a");
  EXPECT_EQ(MessageTraits<std_msgs::msg::String>::type_hash, "RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18");
  EXPECT_EQ(MessageTraits<builtin_interfaces::msg::Time>::type_hash, "RIHS01_b106235e25a4c5ed35098aa0a61a3ee9c9b18d197f398b0e4206cea9acf9c197");
}

TEST(TypeHash, HashesTheCanonicalJsonOfTheSpec) {
  rclite::idl::InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  const auto& request = library.message({"example_interfaces", "srv", "AddTwoInts_Request"});
  EXPECT_EQ(rclite::idl::type_description_json(request, library.resolver()),
            R"({"type_description": {"type_name": "example_interfaces/srv/AddTwoInts_Request", "fields": [{"name": "a", "type": {"type_id": 8, "capacity": 0, "string_capacity": 0, "nested_type_name": ""}}, {"name": "b", "type": {"type_id": 8, "capacity": 0, "string_capacity": 0, "nested_type_name": ""}}]}, "referenced_type_descriptions": []})");
}

// Cross-check of every bundled type against an independent (Python) implementation of the
// algorithm, computed during development and checked in as data.
TEST(TypeHash, RuntimeLibraryAgreesWithTheReferenceListForEveryBundledType) {
  rclite::idl::InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  std::size_t checked = 0;
  for (const auto& line : rclite::test::data_lines("rihs01_reference.txt")) {
    std::istringstream in(line);
    std::string name, expected;
    in >> name >> expected;
    const auto type = rclite::idl::parse_type_name(name);
    ASSERT_TRUE(type) << name;
    const bool is_service = type->subfolder == "srv" && !name.ends_with("_Request") &&
                            !name.ends_with("_Response") && !name.ends_with("_Event");
    const std::string actual = is_service ? library.hash_of(library.service(*type))
                                          : library.hash_of(library.message(*type));
    EXPECT_EQ(actual, expected) << name;
    ++checked;
  }
  EXPECT_EQ(checked, 144u);
}
