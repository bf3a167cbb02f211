// Name validation and expansion (rmw/rcl rules, spec §1.2-1.3) and remapping (§1.4).
#include <gtest/gtest.h>

#include "rclite/arguments.hpp"
#include "rclite/names.hpp"

using namespace rclite;

TEST(Names, ValidatesNodeNames) {
  EXPECT_FALSE(node_name_error("add_two_ints_server"));
  EXPECT_FALSE(node_name_error("_hidden"));
  EXPECT_EQ(*node_name_error(""), "node name must not be empty");
  EXPECT_EQ(*node_name_error("1node"), "node name '1node' must not start with a digit");
  EXPECT_EQ(*node_name_error("my-node"), "node name 'my-node' contains '-' at index 2 (allowed: letters, digits, '_')");
  EXPECT_TRUE(node_name_error(std::string(256, 'a')));
  EXPECT_FALSE(node_name_error(std::string(255, 'a')));
}

TEST(Names, ValidatesNamespaces) {
  EXPECT_FALSE(namespace_error("/"));
  EXPECT_FALSE(namespace_error("/robot1/arm"));
  EXPECT_TRUE(namespace_error("robot"));
  EXPECT_TRUE(namespace_error("/robot/"));
  EXPECT_TRUE(namespace_error("/a//b"));
  EXPECT_TRUE(namespace_error("/1robot"));
  EXPECT_EQ(normalize_namespace(""), "/");
  EXPECT_EQ(normalize_namespace("ns"), "/ns");
  EXPECT_THROW(normalize_namespace("/bad name"), InvalidNameError);
}

TEST(Names, ValidatesFullNames) {
  EXPECT_FALSE(full_name_error("/add_two_ints"));
  EXPECT_TRUE(full_name_error("/"));
  EXPECT_TRUE(full_name_error("/a/"));
  EXPECT_TRUE(full_name_error("/a/2b"));
  EXPECT_TRUE(full_name_error("/a b"));
  EXPECT_TRUE(full_name_error("/" + std::string(247, 'a')));
  EXPECT_FALSE(full_name_error("/" + std::string(246, 'a')));
}

TEST(Names, ExpandsRelativePrivateAndSubstitutedNames) {
  EXPECT_EQ(expand_name("add_two_ints", "server", "/"), "/add_two_ints");
  EXPECT_EQ(expand_name("add_two_ints", "server", "/robot"), "/robot/add_two_ints");
  EXPECT_EQ(expand_name("/abs", "server", "/robot"), "/abs");
  EXPECT_EQ(expand_name("~/get_parameters", "server", "/"), "/server/get_parameters");
  EXPECT_EQ(expand_name("~/get_parameters", "server", "/robot"), "/robot/server/get_parameters");
  EXPECT_EQ(expand_name("~", "n", "/a"), "/a/n");
  EXPECT_EQ(expand_name("{node}/status", "n", "/a"), "/a/n/status");
  EXPECT_EQ(expand_name("{ns}/x", "n", "/a"), "/a/x");
  EXPECT_THROW(expand_name("/{ns}/x", "n", "/a"), InvalidNameError);  // "//a/x", as in rcl
  EXPECT_THROW(expand_name("{nope}/x", "n", "/"), InvalidNameError);
  EXPECT_THROW(expand_name("~foo", "n", "/"), InvalidNameError);
  EXPECT_THROW(expand_name("a/", "n", "/"), InvalidNameError);
  EXPECT_THROW(expand_name("bad-name", "n", "/"), InvalidNameError);
  EXPECT_THROW(expand_name("{unclosed", "n", "/"), InvalidNameError);
}

TEST(Arguments, SplitsRosArgumentsFromTheRest) {
  const std::vector<std::string> argv{"prog", "41", "--ros-args", "-r", "__node:=other", "--", "1"};
  const auto arguments = parse_arguments(argv);
  EXPECT_EQ(arguments.non_ros_arguments, (std::vector<std::string>{"prog", "41", "1"}));
  ASSERT_EQ(arguments.remap_rules.size(), 1u);
  EXPECT_EQ(arguments.remap_rules[0].kind, RemapRule::Kind::NodeName);
  EXPECT_EQ(*remapped_node_name(arguments.remap_rules, "anything"), "other");
}

TEST(Arguments, ReadsEveryRosFlag) {
  const std::vector<std::string> argv{"prog", "--ros-args", "--remap", "server:add_two_ints:=sum", "-p", "x:=1",
                                      "--params-file", "p.yaml", "-e", "/enc", "--log-level", "debug",
                                      "--log-level", "server:=warn", "-r", "__ns:=/robot"};
  const auto arguments = parse_arguments(argv);
  ASSERT_EQ(arguments.remap_rules.size(), 2u);
  EXPECT_EQ(arguments.remap_rules[0].node, "server");
  EXPECT_EQ(arguments.remap_rules[0].match, "add_two_ints");
  EXPECT_EQ(arguments.parameter_overrides, std::vector<std::string>{"x:=1"});
  EXPECT_EQ(arguments.parameter_files, std::vector<std::string>{"p.yaml"});
  EXPECT_EQ(*arguments.enclave, "/enc");
  EXPECT_EQ(*arguments.log_level, Severity::Debug);
  EXPECT_EQ(arguments.logger_levels.at("server"), Severity::Warn);
  EXPECT_EQ(*remapped_namespace(arguments.remap_rules, "server"), "/robot");
}

TEST(Arguments, RejectsBadArgumentsClearly) {
  const auto error_of = [](std::vector<std::string> argv) -> std::string {
    try {
      parse_arguments(argv);
    } catch (const ArgumentError& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of({"p", "--ros-args", "-r"}), "'-r' needs a value");
  EXPECT_EQ(error_of({"p", "--ros-args", "-r", "nothing"}), "remap rule 'nothing' has no ':=' (expected [node:]from:=to)");
  EXPECT_EQ(error_of({"p", "--ros-args", "--bogus"}), "unknown ROS argument '--bogus'");
  EXPECT_EQ(error_of({"p", "--ros-args", "--log-level", "loud"}),
            "--log-level 'loud': unknown severity (expected debug, info, warn, error, fatal)");
  EXPECT_EQ(error_of({"p", "--ros-args", "-r", "__node:=1bad"}),
            "remap rule '__node:=1bad': node name '1bad' must not start with a digit");
  EXPECT_EQ(error_of({"p", "--ros-args", "-p", "novalue"}), "parameter override 'novalue' is not of the form name:=value");
}

// Found by tests/fuzz/ros_args_fuzz (corpus/ros_args/remap_rule_with_double_slash): such rules were
// accepted, and then every remapping threw InvalidNameError from inside node creation.
TEST(Arguments, RejectsRemapRulesThatCannotExpand) {
  const auto error_of = [](std::vector<std::string> argv) -> std::string {
    try {
      parse_arguments(argv);
    } catch (const ArgumentError& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of({"p", "--ros-args", "-r", "__//ns:=/x/sum"}),
            "remap rule '__//ns:=/x/sum': name '__//ns' contains '//' at index 2");
  EXPECT_EQ(error_of({"p", "--ros-args", "-r", "a:=b/9c"}),
            "remap rule 'a:=b/9c': name 'b/9c' has a token starting with a digit at index 2");
  EXPECT_EQ(error_of({"p", "--ros-args", "-r", "a:={bogus}"}),
            "remap rule 'a:={bogus}': name '{bogus}' uses unknown substitution '{bogus}'");
  EXPECT_EQ(error_of({"p", "--ros-args", "-r", "a:=" + std::string(300, 'x')}).substr(0, 14), "remap rule 'a:");
  EXPECT_THROW(rclite::expand_name("a//b", "node", "/"), rclite::InvalidNameError);
}

TEST(Remapping, AppliesTheFirstMatchingRuleForTheNode) {
  const std::vector<std::string> argv{"p", "--ros-args", "-r", "other:add_two_ints:=/nope", "-r",
                                      "add_two_ints:=/sum", "-r", "rostopic://add_two_ints:=/topic_only"};
  const auto rules = parse_arguments(argv).remap_rules;
  EXPECT_EQ(*remap_name(rules, "/add_two_ints", true, "server", "/"), "/sum");
  EXPECT_EQ(*remap_name(rules, "/add_two_ints", true, "other", "/"), "/nope");
  EXPECT_FALSE(remap_name(rules, "/unrelated", true, "server", "/"));
  // A relative match is expanded in the node's namespace.
  EXPECT_FALSE(remap_name(rules, "/add_two_ints", true, "server", "/robot"));
  EXPECT_EQ(*remap_name(rules, "/robot/add_two_ints", true, "server", "/robot"), "/sum");
  // rostopic:// rules do not touch services.
  const std::vector<std::string> topic_argv{"p", "--ros-args", "-r", "rostopic://x:=y"};
  EXPECT_FALSE(remap_name(parse_arguments(topic_argv).remap_rules, "/x", true, "n", "/"));
  EXPECT_EQ(*remap_name(parse_arguments(topic_argv).remap_rules, "/x", false, "n", "/"), "/y");
}
