# Precompiled headers: Qt, nlohmann/json and simdjson are most of what every
# file of a library parses, and parsing is most of the build (docs/building.md).
# On by default with clang only: GCC 12 loses the system-header status of
# libstdc++ inside a precompiled header and then reports that library's own
# false positives (-Wstringop-overread, -Warray-bounds, ...) as our errors.
# -DPERFCASE_PCH=OFF also checks that each file includes what it uses.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(pch_default ON)
else()
  set(pch_default OFF)
endif()
option(PERFCASE_PCH "Precompile the headers every file of a library parses" ${pch_default})

function(perfcase_precompile target)
  if(PERFCASE_PCH)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()
