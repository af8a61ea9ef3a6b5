# ctest driver for tests/kf5: configure, build and run the Qt 5 + KF5 in-process highlighting test.
#   cmake -DSOURCE_DIR=<tests/kf5> -DBINARY_DIR=<build>/kf5 -DGENERATOR=<gen> [-DWERROR=ON] -P run.cmake
# Prints TUNEBENCH_KF5_SKIPPED (ctest's SKIP_REGULAR_EXPRESSION) when Qt 5 or KF5 is not installed.
foreach(_var SOURCE_DIR BINARY_DIR GENERATOR)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "run.cmake needs -D${_var}=...")
  endif()
endforeach()
if(NOT DEFINED WERROR)
  set(WERROR OFF)
endif()

execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
          -DCMAKE_BUILD_TYPE=Debug -DTUNEBENCH_WERROR=${WERROR}
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "configuring ${SOURCE_DIR} failed (${_rc})")
endif()
if(EXISTS "${BINARY_DIR}/SKIPPED")
  file(READ "${BINARY_DIR}/SKIPPED" _why)
  message("TUNEBENCH_KF5_SKIPPED: ${_why}")
  return()
endif()

execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "building ${SOURCE_DIR} against Qt 5 + KF5 failed (${_rc})")
endif()

execute_process(COMMAND "${BINARY_DIR}/tst_inprocesshighlight" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "tst_inprocesshighlight (Qt 5 + KF5) failed (${_rc})")
endif()
