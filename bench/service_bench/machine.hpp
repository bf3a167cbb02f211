// CPU time and memory of processes, and the machine the bench runs on.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace service_bench {

// CPU time of a process (all its live threads), in seconds, from the scheduler's nanosecond
// accounting (/proc/<pid>/task/*/schedstat; /proc/<pid>/stat only has 10 ms ticks).
double process_cpu_s(pid_t pid);
double self_cpu_s();

// A "Key:   123 kB" line of /proc/<pid>/status, in kB (or the plain number, e.g. Threads).
std::optional<std::size_t> proc_status_value(pid_t pid, const std::string& key);

// Busy CPU time of the whole machine, in seconds (all CPUs; /proc/stat, clock ticks).
double machine_busy_s();

// CPU time of this process (exited threads included) and of its reaped children.
double own_cpu_s();

// One stderr line: mode, domain id, CPUs, kernel, Cyclone DDS version.
void print_machine(std::uint32_t domain_id, bool quick);

}  // namespace service_bench
