#include "plan.hpp"

#include <algorithm>

namespace service_bench {

Plan make_plan(bool quick) {
  using namespace std::chrono_literals;
  constexpr std::size_t KiB = 1024, MiB = 1024 * KiB;
  if (quick) {
    return Plan{50, 10, 500, 2, 500, 4000, 2, {8, 64, 1000}, 500ms,
                {{64, "64B", 200}, {64 * KiB, "64KiB", 100}, {MiB, "1MiB", 20}, {4 * MiB, "4MiB", 10}}, 2};
  }
  return Plan{200, 20, 5000, 5, 5000, 60000, 3, {8, 64, 1000}, 2000ms,
              {{64, "64B", 2000}, {64 * KiB, "64KiB", 1000}, {MiB, "1MiB", 300}, {4 * MiB, "4MiB", 100}}, 5};
}

bool selected(const Options& options, const std::string& scenario) {
  if (options.only.empty()) return true;
  return std::any_of(options.only.begin(), options.only.end(),
                     [&](const std::string& word) { return scenario.find(word) != std::string::npos; });
}

}  // namespace service_bench
