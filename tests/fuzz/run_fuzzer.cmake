# cmake -DFUZZER=<exe> -DSEED_CORPUS=<dir> -DWORK_DIR=<dir> -DSECONDS=<n> -P run_fuzzer.cmake
#
# Copies the seed corpus into WORK_DIR/corpus and fuzzes that copy for SECONDS seconds.
foreach(var FUZZER SEED_CORPUS WORK_DIR SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzer.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}/corpus")
file(MAKE_DIRECTORY "${WORK_DIR}/corpus" "${WORK_DIR}/artifacts")
file(GLOB seeds "${SEED_CORPUS}/*")
if(NOT seeds)
  message(FATAL_ERROR "run_fuzzer.cmake: no seed files in ${SEED_CORPUS}")
endif()
file(COPY ${seeds} DESTINATION "${WORK_DIR}/corpus")

# -timeout: an input running longer than 60 s (wall-clock) is reported as a hang; no input takes
# near that, even on a machine at load average 20 under ASan.
execute_process(
  COMMAND "${FUZZER}" "${WORK_DIR}/corpus"
          -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=60
          -print_final_stats=1 "-artifact_prefix=${WORK_DIR}/artifacts/"
  WORKING_DIRECTORY "${WORK_DIR}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${result}); reproducers are in ${WORK_DIR}/artifacts")
endif()
