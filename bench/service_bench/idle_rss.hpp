// idle_server_rss, idle_server_rss_raw: VmRSS (and RssAnon, RssFile, threads) of a fresh server
// child, idle for plan.rss_idle after READY.
#pragma once

#include <string>
#include <vector>

#include "plan.hpp"

namespace service_bench {

void run_idle_rss(const Plan& plan, const Options& options);

}  // namespace service_bench
