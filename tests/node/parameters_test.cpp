// Node parameters: declaration with descriptors, overrides (--params-file, -p, NodeOptions), ranges,
// read-only, callbacks that reject, atomic sets, undeclared parameters, listing, /parameter_events
// and the six parameter services, with rclcpp's semantics and wording.
#include <gtest/gtest.h>

#include <rcl_interfaces/msg/parameter_event.hpp>
#include <rcl_interfaces/srv/describe_parameters.hpp>
#include <rcl_interfaces/srv/get_parameters.hpp>
#include <rcl_interfaces/srv/list_parameters.hpp>
#include <rcl_interfaces/srv/set_parameters.hpp>
#include <rcl_interfaces/srv/set_parameters_atomically.hpp>

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "../../src/node/parameter_overrides.hpp"
#include "rclite/rclite.hpp"
#include "support/inbox.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using rclite::ArgumentError;
using rclite::Parameter;
using rclite::ParameterDescriptor;
using rclite::ParameterType;
using rclite::ParameterValue;
using rclite::test::ContextTest;

namespace {

// A parameters file in a temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("rclite_params_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".yaml")) {
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

ParameterValue yaml_value(const std::string& text) { return rclite::detail::parameter_value_from_yaml(text, "test"); }

TEST(ParameterValueFromYaml, ReadsScalarsAndListsAsRclDoes) {
  EXPECT_EQ(yaml_value("5"), ParameterValue(5));
  EXPECT_EQ(yaml_value("-0x10"), ParameterValue(-16));
  EXPECT_EQ(yaml_value("2.5"), ParameterValue(2.5));
  EXPECT_EQ(yaml_value("1e3"), ParameterValue(1000.0));
  EXPECT_TRUE(std::isinf(yaml_value(".inf").get<double>()));
  EXPECT_EQ(yaml_value("true"), ParameterValue(true));
  EXPECT_EQ(yaml_value("Off"), ParameterValue(false));
  EXPECT_EQ(yaml_value("hello"), ParameterValue("hello"));
  EXPECT_EQ(yaml_value("'5'"), ParameterValue("5"));  // quoted: always a string
  EXPECT_EQ(yaml_value("[1, 2]"), ParameterValue(std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(yaml_value("[a, 'b']"), ParameterValue(std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(yaml_value("[true, no]"), ParameterValue(std::vector<bool>{true, false}));
  EXPECT_THROW(yaml_value("[1, 2.5]"), ArgumentError);
  EXPECT_THROW(yaml_value("[]"), ArgumentError);
  EXPECT_THROW(yaml_value("{a: 1}"), ArgumentError);
  EXPECT_THROW(yaml_value("[1, [2]]"), ArgumentError);
  EXPECT_THROW(yaml_value("{a: [}"), ArgumentError);
  EXPECT_THROW(yaml_value("99999999999999999999"), ArgumentError);
}

TEST(ParameterValue, ConvertsToAndFromMessages) {
  const ParameterValue value(std::vector<double>{1.5, 2.5});
  const auto message = value.to_value_msg();
  EXPECT_EQ(message.type, 8);
  EXPECT_EQ(ParameterValue(message), value);
  EXPECT_THROW((void)value.get<std::int64_t>(), rclite::InvalidParameterTypeError);
  rcl_interfaces::msg::ParameterValue bad;
  bad.type = 42;
  EXPECT_THROW(ParameterValue{bad}, rclite::InvalidParameterTypeError);
  EXPECT_EQ(rclite::to_string(ParameterValue(std::vector<std::int64_t>{1, 2})), "[1, 2]");
}

using Parameters = ContextTest;

TEST_F(Parameters, EveryNodeHasUseSimTimeAndTheTypeDescriptionSwitch) {
  rclite::Node node("plain", options());
  EXPECT_FALSE(node.get_parameter("use_sim_time").as_bool());
  EXPECT_TRUE(node.get_parameter("start_type_description_service").as_bool());
  EXPECT_TRUE(node.describe_parameter("start_type_description_service").read_only);
}

TEST_F(Parameters, TheTypeDescriptionSwitchIsAParameterAsInRcl) {
  auto switched_off = options();
  switched_off.arguments = {"-p", "start_type_description_service:=false"};
  rclite::Node node("undescribed", switched_off);
  EXPECT_FALSE(node.get_parameter("start_type_description_service").as_bool());
  rclite::Node other("described", options());
  ASSERT_TRUE(other.wait_for_graph_settled(kPatience));
  EXPECT_EQ(other.count_services("/undescribed/get_type_description"), 0u);
  if (std::getenv("ROS_DISTRO") == nullptr) {  // Jazzy
    EXPECT_EQ(other.count_services("/described/get_type_description"), 1u);
  }
}

TEST_F(Parameters, DeclaredParametersKeepTheirType) {
  rclite::Node node("typed", options());
  EXPECT_EQ(node.declare_parameter("count", 3), 3);
  EXPECT_EQ(node.declare_parameter("name", std::string("robot")), "robot");
  EXPECT_THROW(node.declare_parameter("count", 4), rclite::ParameterAlreadyDeclaredError);
  EXPECT_THROW(node.declare_parameter("", 4), rclite::InvalidParametersError);

  auto result = node.set_parameter(Parameter("count", ParameterValue("many")));
  EXPECT_FALSE(result.successful);
  EXPECT_EQ(result.reason,
            "Wrong parameter type, parameter {count} is of type {integer}, setting it to {string} is not allowed.");
  EXPECT_EQ(node.get_parameter("count").as_int(), 3);
  EXPECT_TRUE(node.set_parameter(Parameter("count", 8)).successful);
  EXPECT_EQ(node.get_parameter("count").as_int(), 8);
  std::int64_t count = 0;
  EXPECT_TRUE(node.get_parameter("count", count));
  EXPECT_EQ(count, 8);
  EXPECT_FALSE(node.get_parameter("nope", count));
  EXPECT_THROW(node.get_parameter("nope"), rclite::ParameterNotDeclaredError);
  EXPECT_THROW(node.set_parameter(Parameter("nope", 1)), rclite::ParameterNotDeclaredError);

  // Statically typed parameters cannot be undeclared; dynamically typed ones can.
  EXPECT_THROW(node.undeclare_parameter("count"), rclite::InvalidParameterTypeError);
  ParameterDescriptor dynamic;
  dynamic.dynamic_typing = true;
  node.declare_parameter("anything", 1, dynamic);
  EXPECT_TRUE(node.set_parameter(Parameter("anything", "now text")).successful);
  EXPECT_TRUE(node.set_parameter(Parameter("anything")).successful);  // "not set" undeclares it
  EXPECT_FALSE(node.has_parameter("anything"));

  // Declared with a type only: no value until set.
  node.declare_parameter("later", ParameterType::Double);
  EXPECT_THROW(node.get_parameter("later"), rclite::ParameterUninitializedError);
  EXPECT_TRUE(node.set_parameter(Parameter("later", 0.5)).successful);
  EXPECT_EQ(node.get_parameter("later").as_double(), 0.5);
}

TEST_F(Parameters, RangesAndReadOnlyAreEnforced) {
  rclite::Node node("ranged", options());
  ParameterDescriptor even;
  even.integer_range.push_back({0, 10, 2});
  node.declare_parameter("even", 4, even);
  EXPECT_TRUE(node.set_parameter(Parameter("even", 10)).successful);
  const auto odd = node.set_parameter(Parameter("even", 5));
  EXPECT_FALSE(odd.successful);
  EXPECT_EQ(odd.reason, "Parameter {even} doesn't comply with integer range.");
  EXPECT_FALSE(node.set_parameter(Parameter("even", 12)).successful);
  EXPECT_EQ(node.get_parameter("even").as_int(), 10);
  EXPECT_THROW(node.declare_parameter("even_too", 3, even), rclite::InvalidParameterValueError);

  ParameterDescriptor unit;
  unit.floating_point_range.push_back({0.0, 1.0, 0.1});
  node.declare_parameter("unit", 0.3, unit);  // 0.3 is 3 steps of 0.1 within rclcpp's tolerance
  EXPECT_FALSE(node.set_parameter(Parameter("unit", 0.35)).successful);
  EXPECT_TRUE(node.set_parameter(Parameter("unit", 1.0)).successful);

  ParameterDescriptor read_only;
  read_only.read_only = true;
  node.declare_parameter("fixed", 1, read_only);
  const auto refused = node.set_parameter(Parameter("fixed", 2));
  EXPECT_FALSE(refused.successful);
  EXPECT_EQ(refused.reason, "parameter 'fixed' cannot be set because it is read-only");
  EXPECT_THROW(node.undeclare_parameter("fixed"), rclite::ParameterImmutableError);
}

TEST_F(Parameters, CallbacksCanRejectChanges) {
  rclite::Node node("guarded", options());
  node.declare_parameter("speed", 1.0);
  std::vector<std::string> accepted;
  auto guard = node.add_on_set_parameters_callback([&](const std::vector<Parameter>& parameters) {
    rclite::SetParametersResult result;
    result.successful = true;
    for (const auto& parameter : parameters) {
      if (parameter.get_name() == "speed" && parameter.as_double() > 5.0) {
        result.successful = false;
        result.reason = "too fast";
      }
      if (parameter.get_name() == "forbidden") {
        result.successful = false;
        result.reason = "not here";
      }
    }
    return result;
  });
  auto watcher = node.add_post_set_parameters_callback([&](const std::vector<Parameter>& parameters) {
    for (const auto& parameter : parameters) accepted.push_back(parameter.get_name() + "=" + parameter.value_to_string());
  });
  const auto rejected = node.set_parameter(Parameter("speed", 9.0));
  EXPECT_FALSE(rejected.successful);
  EXPECT_EQ(rejected.reason, "too fast");
  EXPECT_EQ(node.get_parameter("speed").as_double(), 1.0);
  EXPECT_TRUE(node.set_parameter(Parameter("speed", 2.0)).successful);
  EXPECT_EQ(accepted, std::vector<std::string>{"speed=2"});
  // Declarations pass through the callbacks too.
  try {
    node.declare_parameter("forbidden", 1);
    ADD_FAILURE() << "declared";
  } catch (const rclite::InvalidParameterValueError& error) {
    EXPECT_STREQ(error.what(), "parameter 'forbidden' could not be set: not here");
  }
  EXPECT_FALSE(node.has_parameter("forbidden"));
  node.declare_parameter("unrelated", 7);
  EXPECT_EQ(accepted.back(), "unrelated=7");

  // A callback may not change parameters itself.
  bool refused_inside = false;
  auto meddler = node.add_on_set_parameters_callback([&](const std::vector<Parameter>&) {
    try {
      node.set_parameter(Parameter("unrelated", 8));
    } catch (const rclite::ParameterModifiedInCallbackError&) {
      refused_inside = true;
    }
    rclite::SetParametersResult result;
    result.successful = true;
    return result;
  });
  EXPECT_TRUE(node.set_parameter(Parameter("speed", 3.0)).successful);
  EXPECT_TRUE(refused_inside);

  // Dropping a handle removes its callback.
  guard.reset();
  EXPECT_TRUE(node.set_parameter(Parameter("speed", 9.0)).successful);
  node.remove_on_set_parameters_callback(meddler.get());
  EXPECT_THROW(node.remove_on_set_parameters_callback(meddler.get()), std::invalid_argument);
}

TEST_F(Parameters, AtomicSetsAreAllOrNothing) {
  rclite::Node node("atomic", options());
  node.declare_parameter("a", 1);
  node.declare_parameter("b", 2);
  const auto result = node.set_parameters_atomically({Parameter("a", 10), Parameter("b", "wrong")});
  EXPECT_FALSE(result.successful);
  EXPECT_EQ(node.get_parameter("a").as_int(), 1);
  EXPECT_TRUE(node.set_parameters_atomically({Parameter("a", 10), Parameter("b", 20)}).successful);
  EXPECT_EQ(node.get_parameter("b").as_int(), 20);
  // set_parameters: each on its own.
  const auto results = node.set_parameters({Parameter("a", 11), Parameter("b", "wrong")});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].successful);
  EXPECT_FALSE(results[1].successful);
  EXPECT_EQ(node.get_parameter("a").as_int(), 11);
}

TEST_F(Parameters, UndeclaredParametersWhenAllowed) {
  auto allowing = options();
  allowing.allow_undeclared_parameters = true;
  rclite::Node node("loose", allowing);
  EXPECT_EQ(node.get_parameter("free").get_type(), ParameterType::NotSet);
  EXPECT_TRUE(node.set_parameter(Parameter("free", 3)).successful);
  EXPECT_TRUE(node.set_parameter(Parameter("free", "text")).successful);  // dynamically typed
  EXPECT_EQ(node.get_parameter("free").as_string(), "text");
}

TEST_F(Parameters, ListsByPrefixAndDepth) {
  rclite::Node node("listed", options());
  node.declare_parameter("a.b.c", 1);
  node.declare_parameter("a.b", 2);
  node.declare_parameter("a.x", 3);
  node.declare_parameter("top", 4);
  const auto all = node.list_parameters({}, 0);
  EXPECT_EQ(all.names, (std::vector<std::string>{"a.b", "a.b.c", "a.x", "start_type_description_service", "top",
                                                 "use_sim_time"}));
  EXPECT_EQ(all.prefixes, (std::vector<std::string>{"a", "a.b"}));
  EXPECT_EQ(node.list_parameters({"a"}, 1).names, (std::vector<std::string>{"a.b", "a.x"}));
  EXPECT_EQ(node.list_parameters({"a"}, 0).names, (std::vector<std::string>{"a.b", "a.b.c", "a.x"}));
  EXPECT_EQ(node.list_parameters({}, 1).names,
            (std::vector<std::string>{"start_type_description_service", "top", "use_sim_time"}));
}

TEST_F(Parameters, OverridesComeFromParamsFilesThenDashPThenNodeOptions) {
  const TempFile file(R"(
/**:
  ros__parameters:
    shared: 1
    from_wildcard: yes
/ns/talker:
  ros__parameters:
    rate: 2.5
    nested:
      level: 3
    list: [1, 2, 3]
    quoted: "42"
ns:
  talker:
    ros__parameters:
      deep: deeper
/ns/listener:
  ros__parameters:
    rate: 9.0
)");
  auto talker_options = options();
  talker_options.arguments = {"--params-file", file.path(), "-p", "shared:=7", "-p", "listener:rate:=8.0"};
  talker_options.parameter_overrides = {Parameter("winner", "options")};
  talker_options.arguments.insert(talker_options.arguments.end(), {"-p", "winner:=args"});
  rclite::Node talker("talker", "/ns", talker_options);
  EXPECT_EQ(talker.declare_parameter("rate", 1.0), 2.5);
  EXPECT_EQ(talker.declare_parameter("nested.level", 0), 3);
  EXPECT_EQ(talker.declare_parameter("list", std::vector<std::int64_t>{}),
            (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(talker.declare_parameter("quoted", std::string()), "42");
  EXPECT_EQ(talker.declare_parameter("deep", std::string()), "deeper");
  EXPECT_EQ(talker.declare_parameter("shared", 0), 7);
  EXPECT_TRUE(talker.declare_parameter("from_wildcard", false));
  EXPECT_EQ(talker.declare_parameter("winner", std::string()), "options");
  EXPECT_EQ(talker.declare_parameter("untouched", 5), 5);
  EXPECT_EQ(talker.declare_parameter("ignored", 6, {}, /*ignore_override=*/true), 6);
  // An override of another type than the declaration is an error, as in rclcpp.
  auto mismatch = options();
  mismatch.arguments = {"-p", "rate:=fast"};
  rclite::Node strict("strict", mismatch);
  EXPECT_THROW(strict.declare_parameter("rate", 1.0), rclite::InvalidParameterTypeError);

  auto automatic = options();
  automatic.arguments = {"--params-file", file.path()};
  automatic.automatically_declare_parameters_from_overrides = true;
  rclite::Node listener("listener", "/ns", automatic);
  EXPECT_EQ(listener.get_parameter("rate").as_double(), 9.0);
  EXPECT_EQ(listener.get_parameter("shared").as_int(), 1);
}

TEST_F(Parameters, BadParameterFilesAreClearErrors) {
  const auto expect_error = [&](const std::string& text, const std::string& fragment) {
    const TempFile file(text);
    auto bad = options();
    bad.arguments = {"--params-file", file.path()};
    try {
      rclite::Node node("victim", bad);
      ADD_FAILURE() << "no error for: " << text;
    } catch (const ArgumentError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(file.path()), std::string::npos) << message;
      EXPECT_NE(message.find(fragment), std::string::npos) << message;
    }
  };
  expect_error("victim:\n  ros__parameters:\n    a: [1\n", "line");
  expect_error("victim:\n  ros__parameters: 5\n", "'ros__parameters' of '/victim' must be a map");
  expect_error("victim: 5\n", "must hold 'ros__parameters'");
  expect_error("victim:\n  ros__parameters:\n    a: [1, x]\n", "parameter 'a'");
  expect_error("[1, 2]\n", "expected a map of node names");
  auto missing = options();
  missing.arguments = {"--params-file", "/nonexistent/params.yaml"};
  EXPECT_THROW(rclite::Node("victim", missing), ArgumentError);
  auto bad_rule = options();
  bad_rule.arguments = {"-p", "a:=[1, x]"};
  EXPECT_THROW(rclite::Node("victim", bad_rule), ArgumentError);
}

TEST_F(Parameters, EveryChangeIsAParameterEvent) {
  rclite::Node watcher("watcher", options());
  rclite::test::Inbox<rcl_interfaces::msg::ParameterEvent> inbox;
  auto subscription = watcher.create_subscription<rcl_interfaces::msg::ParameterEvent>(
      "/parameter_events", rclite::ParameterEventsQoS(), [&](const auto& event) {
        // The node's own declarations at construction (use_sim_time, ...) may come first.
        const auto about_gain = [](const auto& list) {
          return std::any_of(list.begin(), list.end(), [](const auto& p) { return p.name == "gain"; });
        };
        if (event.node == "/ns/eventful" && (about_gain(event.new_parameters) ||
                                             about_gain(event.changed_parameters) ||
                                             about_gain(event.deleted_parameters))) {
          inbox(event);
        }
      });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(watcher);
  rclite::test::BackgroundSpin spin(executor);

  rclite::Node node("eventful", "/ns", options());
  // The watcher's own /parameter_events publisher and the node's.
  ASSERT_TRUE(rclite::test::eventually([&] { return subscription.get_publisher_count() >= 2; }));
  ParameterDescriptor dynamic;
  dynamic.dynamic_typing = true;
  node.declare_parameter("gain", 1.5, dynamic);
  node.set_parameter(Parameter("gain", 2.5));
  node.set_parameter(Parameter("gain", "refused?"));  // dynamic: accepted
  node.undeclare_parameter("gain");
  ASSERT_TRUE(rclite::test::eventually([&] { return inbox.copy().size() >= 4; })) << inbox.copy().size();
  const auto events = inbox.copy();
  ASSERT_EQ(events[0].new_parameters.size(), 1u);
  EXPECT_EQ(events[0].new_parameters[0].name, "gain");
  EXPECT_EQ(events[0].new_parameters[0].value.double_value, 1.5);
  ASSERT_EQ(events[1].changed_parameters.size(), 1u);
  EXPECT_EQ(events[1].changed_parameters[0].value.double_value, 2.5);
  EXPECT_EQ(events[2].changed_parameters[0].value.string_value, "refused?");
  ASSERT_EQ(events[3].deleted_parameters.size(), 1u);
  EXPECT_EQ(events[3].deleted_parameters[0].name, "gain");
  EXPECT_GT(events[1].stamp.sec, 0);
}

TEST_F(Parameters, ServicesAnswerAsRclcppDoes) {
  rclite::Node node("served", options());
  node.declare_parameter("gain", 1.5);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  rclite::test::BackgroundSpin spin(executor);
  rclite::Node asker("asker", options());
  namespace srv = rcl_interfaces::srv;

  auto get = asker.create_client<srv::GetParameters>("/served/get_parameters");
  ASSERT_TRUE(get.wait_for_service(kPatience));
  srv::GetParameters::Request get_request;
  get_request.names = {"gain", "use_sim_time"};
  const auto values = get.call(get_request, kPatience).values;
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].double_value, 1.5);
  EXPECT_EQ(values[1].type, 1);
  get_request.names = {"gain", "nope"};
  EXPECT_TRUE(get.call(get_request, kPatience).values.empty());

  auto set = asker.create_client<srv::SetParameters>("/served/set_parameters");
  ASSERT_TRUE(set.wait_for_service(kPatience));
  srv::SetParameters::Request set_request;
  set_request.parameters = {Parameter("gain", 3.0).to_parameter_msg(), Parameter("nope", 1).to_parameter_msg()};
  const auto results = set.call(set_request, kPatience).results;
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].successful);
  EXPECT_FALSE(results[1].successful);
  EXPECT_EQ(results[1].reason, "parameter 'nope' cannot be set because it was not declared");
  EXPECT_EQ(node.get_parameter("gain").as_double(), 3.0);

  auto atomic = asker.create_client<srv::SetParametersAtomically>("/served/set_parameters_atomically");
  ASSERT_TRUE(atomic.wait_for_service(kPatience));
  srv::SetParametersAtomically::Request atomic_request;
  atomic_request.parameters = set_request.parameters;
  const auto atomic_result = atomic.call(atomic_request, kPatience).result;
  EXPECT_FALSE(atomic_result.successful);
  EXPECT_EQ(atomic_result.reason, "One or more parameters were not declared before setting");

  auto list = asker.create_client<srv::ListParameters>("/served/list_parameters");
  ASSERT_TRUE(list.wait_for_service(kPatience));
  EXPECT_EQ(list.call(srv::ListParameters::Request{}, kPatience).result.names,
            (std::vector<std::string>{"gain", "start_type_description_service", "use_sim_time"}));

  auto describe = asker.create_client<srv::DescribeParameters>("/served/describe_parameters");
  ASSERT_TRUE(describe.wait_for_service(kPatience));
  srv::DescribeParameters::Request describe_request;
  describe_request.names = {"gain"};
  const auto descriptors = describe.call(describe_request, kPatience).descriptors;
  ASSERT_EQ(descriptors.size(), 1u);
  EXPECT_EQ(descriptors[0].name, "gain");
  EXPECT_EQ(descriptors[0].type, 3);
}

TEST_F(Parameters, ANodeCanDoWithoutParameterServices) {
  auto quiet = options();
  quiet.start_parameter_services = false;
  quiet.start_parameter_event_publisher = false;
  rclite::Node node("quiet", quiet);
  node.declare_parameter("gain", 1.5);
  EXPECT_EQ(node.get_parameter("gain").as_double(), 1.5);
  rclite::Node other("other", options());
  ASSERT_TRUE(other.wait_for_graph_settled(kPatience));
  EXPECT_EQ(other.count_services("/quiet/get_parameters"), 0u);
  EXPECT_EQ(other.count_services("/other/get_parameters"), 1u);
  EXPECT_FALSE(other.get_publisher_names_and_types_by_node("quiet", "/").contains("/parameter_events"));
}

}  // namespace
