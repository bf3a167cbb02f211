# cmake -P script behind the downstream_find_package test (see register.cmake):
#   1. cmake --install <RCLITE_BUILD_DIR> --prefix <WORK_DIR>/prefix
#   2. configure DOWNSTREAM_SOURCE_DIR with CMAKE_PREFIX_PATH=<prefix> into <WORK_DIR>/build
#   3. build it and run the program.
# Fails if rclite is found anywhere but the scratch prefix, or if the downstream build reaches
# into rclite's source or build tree.
cmake_minimum_required(VERSION 3.25)

foreach(var RCLITE_BUILD_DIR RCLITE_SOURCE_DIR DOWNSTREAM_SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run step)
  message(STATUS "[downstream] ${step}: ${ARGN}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "[downstream] ${step} failed (${result})")
  endif()
endfunction()

run(install "${CMAKE_COMMAND}" --install "${RCLITE_BUILD_DIR}" --prefix "${prefix}" --config "${CONFIG}")

# Parts of rclite's trees nothing installed or built here may refer to. (The scratch dirs are
# themselves under the build tree, so the check names folders rather than the whole tree.)
set(forbidden
  "${RCLITE_SOURCE_DIR}/include" "${RCLITE_SOURCE_DIR}/interfaces" "${RCLITE_SOURCE_DIR}/cmake"
  "${RCLITE_BUILD_DIR}/generated" "${RCLITE_BUILD_DIR}/bin" "${RCLITE_BUILD_DIR}/CMakeFiles"
  "${RCLITE_BUILD_DIR}/rcliteConfig")
function(check_no_tree_references)
  foreach(file IN LISTS ARGN)
    file(READ "${file}" text)
    foreach(tree IN LISTS forbidden)
      string(FIND "${text}" "${tree}" at)
      if(NOT at EQUAL -1)
        message(FATAL_ERROR "[downstream] ${file} refers to ${tree}")
      endif()
    endforeach()
  endforeach()
endfunction()

file(GLOB_RECURSE installed_cmake "${prefix}/*.cmake")
if(NOT installed_cmake)
  message(FATAL_ERROR "[downstream] nothing installed under ${prefix}")
endif()
check_no_tree_references(${installed_cmake})

set(configure_args
  -S "${DOWNSTREAM_SOURCE_DIR}" -B "${build}"
  "-DCMAKE_PREFIX_PATH=${prefix}"
  "-DCMAKE_BUILD_TYPE=${CONFIG}"
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(GENERATOR)
  list(APPEND configure_args -G "${GENERATOR}")
endif()
if(CXX_COMPILER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(CXX_FLAGS)
  list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}")
endif()
run(configure "${CMAKE_COMMAND}" ${configure_args})

# rclite must come from the scratch prefix.
file(STRINGS "${build}/CMakeCache.txt" rclite_dir_line REGEX "^rclite_DIR:")
string(REGEX REPLACE "^rclite_DIR:[A-Z]+=" "" rclite_dir "${rclite_dir_line}")
file(REAL_PATH "${prefix}" real_prefix)
file(REAL_PATH "${rclite_dir}" real_rclite_dir)
string(FIND "${real_rclite_dir}/" "${real_prefix}/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "[downstream] rclite found at '${rclite_dir}', not under ${prefix}")
endif()

run(build "${CMAKE_COMMAND}" --build "${build}" --config "${CONFIG}")

# The compile lines and build rules (rclite-idl, headers, libraries) may use only the prefix.
file(GLOB_RECURSE build_rules
  "${build}/compile_commands.json" "${build}/*.ninja" "${build}/Makefile" "${build}/*.make")
check_no_tree_references(${build_rules})

set(program "${build}/downstream")
if(NOT EXISTS "${program}")
  set(program "${build}/${CONFIG}/downstream")  # multi-config generators
endif()
run(run "${program}")
message(STATUS "[downstream] passed")
