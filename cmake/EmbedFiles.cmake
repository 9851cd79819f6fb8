# view360_embed_files(TARGET name NAMESPACE ns FILES f1 f2 ... BASE dir)
# Generates a source file that holds each file's bytes, so the binary carries its SQL (and
# later the web assets) and needs nothing beside it at run time. Lookup is by the path
# relative to BASE, e.g. "migrations/0001_view360_v2_schema.sql".
function(view360_embed_files)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE;BASE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${ARG_NAMESPACE} -DBASE=${ARG_BASE}
            "-DFILES=${ARG_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_TARGET} files"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC ${out})
  target_include_directories(${ARG_TARGET} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
