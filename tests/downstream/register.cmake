# Included by tests/CMakeLists.txt. Registers `downstream_find_package` (label "integration"):
# install this build tree into a scratch prefix, then configure, build and run the stand-alone
# project in tests/downstream against it (find_package(rclite), rclite_generate_interfaces).
# Everything it writes goes under ${CMAKE_BINARY_DIR}/downstream-test.
add_test(NAME downstream_find_package
  COMMAND "${CMAKE_COMMAND}"
    "-DRCLITE_BUILD_DIR=${CMAKE_BINARY_DIR}"
    "-DRCLITE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "-DDOWNSTREAM_SOURCE_DIR=${CMAKE_CURRENT_LIST_DIR}"
    "-DWORK_DIR=${CMAKE_BINARY_DIR}/downstream-test"
    "-DCONFIG=$<CONFIG>"
    "-DGENERATOR=${CMAKE_GENERATOR}"
    "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
    "-DCXX_FLAGS=${CMAKE_CXX_FLAGS}"  # a sanitizer build's library needs the same runtime
    -P "${CMAKE_CURRENT_LIST_DIR}/run.cmake")
set_tests_properties(downstream_find_package PROPERTIES
  LABELS integration
  TIMEOUT 900  # a configure and a build: long on a busy machine; only a hang reaches it
  RESOURCE_LOCK rclite_downstream_test)
