# rclite_generate_interfaces(<target>
#     PACKAGE <package>
#     FILES <file.msg|file.srv|file.action>...
#     [DEPENDENCIES <targets made by this function>...]
#     [INCLUDE_DIRS <folders laid out as <pkg>/msg/<Name>.msg>...]
#     [OUTPUT_DIR <folder>]
#     [PYTHON_OUTPUT_DIR <folder>])
#
# The counterpart of rosidl_generate_interfaces: compiles the package's .msg/.srv/.action files into
# C++ headers (<package>/msg/<name>.hpp) with rclite-idl and makes <target> an INTERFACE library
# that carries them. With PYTHON_OUTPUT_DIR, the same run also writes the package's Python modules
# there (<package>/{msg,srv,action}/_<name>.py, rclpy's classes; on PYTHONPATH), each definition
# copied beside its module; a relative folder is taken from the current binary folder, and the
# target's property RCLITE_PYTHON_DIRS lists the folders. Nested types may come from the bundled interfaces (std_msgs,
# builtin_interfaces, ...), from DEPENDENCIES, or from INCLUDE_DIRS.

function(rclite_generate_interfaces target)
  cmake_parse_arguments(ARG "NO_RCLITE_LINK" "PACKAGE;OUTPUT_DIR;PYTHON_OUTPUT_DIR" "FILES;DEPENDENCIES;INCLUDE_DIRS" ${ARGN})
  if(NOT ARG_PACKAGE)
    message(FATAL_ERROR "rclite_generate_interfaces(${target}): PACKAGE is required")
  endif()
  if(NOT ARG_FILES)
    message(FATAL_ERROR "rclite_generate_interfaces(${target}): FILES is required")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${target}_generated")
  endif()
  set(definitions_dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_definitions")

  set(files)
  foreach(file IN LISTS ARG_FILES)
    get_filename_component(file "${file}" ABSOLUTE)
    list(APPEND files "${file}")
  endforeach()

  set(include_args --include "${RCLITE_INTERFACES_DIR}")
  foreach(dir IN LISTS ARG_INCLUDE_DIRS)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND include_args --include "${dir}")
  endforeach()
  set(dependency_files)  # a changed dependency definition changes our hashes too
  foreach(dependency IN LISTS ARG_DEPENDENCIES)
    if(NOT TARGET ${dependency})
      message(FATAL_ERROR "rclite_generate_interfaces(${target}): DEPENDENCIES entry "
                          "'${dependency}' is not a target")
    endif()
    # Unset on imported targets such as rclite::interfaces, whose definitions are already
    # reachable through RCLITE_INTERFACES_DIR.
    get_target_property(dependency_definitions ${dependency} RCLITE_DEFINITIONS_DIR)
    if(dependency_definitions)
      list(APPEND include_args --include "${dependency_definitions}")
      get_target_property(files_of_dependency ${dependency} RCLITE_DEFINITION_FILES)
      list(APPEND dependency_files ${files_of_dependency})
    endif()
  endforeach()

  set(python_args)
  set(generated "C++")
  if(ARG_PYTHON_OUTPUT_DIR)
    get_filename_component(python_dir "${ARG_PYTHON_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    set(python_args --python-output "${python_dir}")
    set(generated "C++ and Python")
  endif()

  set(stamp "${ARG_OUTPUT_DIR}/.${ARG_PACKAGE}.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND "$<TARGET_FILE:rclite::rclite-idl>" --package "${ARG_PACKAGE}"
            --output "${ARG_OUTPUT_DIR}" --definitions-output "${definitions_dir}"
            ${python_args} --stamp "${stamp}" ${include_args} ${files}
    DEPENDS ${files} ${dependency_files} "$<TARGET_FILE:rclite::rclite-idl>"
    COMMENT "rclite-idl: generating ${generated} for the ${ARG_PACKAGE} interfaces"
    VERBATIM)
  add_custom_target(${target}__${ARG_PACKAGE} DEPENDS "${stamp}")

  if(NOT TARGET ${target})
    add_library(${target} INTERFACE)
  endif()
  set_target_properties(${target} PROPERTIES RCLITE_DEFINITIONS_DIR "${definitions_dir}")
  set_property(TARGET ${target} APPEND PROPERTY RCLITE_DEFINITION_FILES ${files})
  if(ARG_PYTHON_OUTPUT_DIR)
    get_target_property(python_dirs ${target} RCLITE_PYTHON_DIRS)
    if(NOT python_dirs OR NOT "${python_dir}" IN_LIST python_dirs)
      set_property(TARGET ${target} APPEND PROPERTY RCLITE_PYTHON_DIRS "${python_dir}")
    endif()
  endif()
  target_include_directories(${target} INTERFACE "$<BUILD_INTERFACE:${ARG_OUTPUT_DIR}>")
  add_dependencies(${target} ${target}__${ARG_PACKAGE})
  foreach(dependency IN LISTS ARG_DEPENDENCIES)
    target_link_libraries(${target} INTERFACE ${dependency})
    add_dependencies(${target}__${ARG_PACKAGE} ${dependency})
  endforeach()
  if(NOT ARG_NO_RCLITE_LINK)
    target_link_libraries(${target} INTERFACE rclite::rclite)
  endif()
endfunction()
