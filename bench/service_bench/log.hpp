// Progress and problems go to stderr (stdout carries only the JSON lines).
#pragma once

#include <cstdio>

namespace service_bench {

void log(const char* format, auto... args) {
  std::fprintf(stderr, "[service_bench] ");
  if constexpr (sizeof...(args) == 0) {
    std::fputs(format, stderr);
  } else {
    std::fprintf(stderr, format, args...);
  }
  std::fputc('\n', stderr);
}

}  // namespace service_bench
