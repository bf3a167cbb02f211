// The AddTwoInts scenarios: raw_proc_*, rclite_proc_*, raw_inproc_*, rclite_inproc_*, where * is
// seq (one call after the other; rclite_proc_seq_call through Client::call with a timeout) or
// depth8/depth64/depth1000 (that many requests kept outstanding).
#pragma once

#include <rclite/rclite.hpp>

#include "plan.hpp"
#include "raw_cyclone.hpp"

namespace service_bench {

// Whether any scenario of this family runs (the participants it needs are made only then).
bool any_call_scenario_selected(const Options& options, const std::string& prefix);
bool any_call_scenario_selected(const Options& options);  // of any family

// `domain` must exist when a raw scenario is selected, `context` when an rclite one is.
void run_call_scenarios(RawDomain* domain, rclite::Context* context, const Plan& plan, const Options& options);

}  // namespace service_bench
