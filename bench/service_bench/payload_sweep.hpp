// The payload sweep: sequential Payload calls (uint8[] request and response of 64 B, 64 KiB, 1 MiB,
// 4 MiB) across processes, rclite against the raw Cyclone floor carrying the same bytes, in
// alternating rounds. Scenarios raw_proc_payload_<size> and rclite_proc_payload_<size>, then one
// line per size, payload_ratio_<size>: both p50s and rclite's ratio to the floor.
#pragma once

#include <rclite/rclite.hpp>

#include "plan.hpp"
#include "raw_cyclone.hpp"

namespace service_bench {

bool payload_sweep_selected(const Options& options);

// Needs both `domain` and `context`.
void run_payload_sweep(RawDomain& domain, rclite::Context& context, const Plan& plan, const Options& options);

}  // namespace service_bench
