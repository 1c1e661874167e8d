# Checks which layers include which third-party headers (see HACKING.md):
#   cmake -DSOURCE_DIR=<project> -P cmake/CheckLayers.cmake
# The compiler already stops a layer from including a higher layer's headers
# (cmake/NewsidxLayers.cmake); system libraries live in /usr/include, which
# every target sees, so this script keeps them where they belong: SQLite in
# the store and fts5 layers only, ICU in the text layers, the command-line
# and formatting libraries in the CLI and output. Public headers use none.
# Fails, listing each include out of place, when one is.

cmake_minimum_required(VERSION 3.22)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<project> -P CheckLayers.cmake")
endif()

# library header prefix -> the folders (under src/) that may include it
set(allowed_sqlite3 store fts5)
set(allowed_unicode parser analysis query)
set(allowed_libstemmer analysis)
set(allowed_CLI cli)
set(allowed_fmt output cli)
set(allowed_nlohmann parser store output)
set(allowed_xxhash model analysis fts5 indexer)
set(libraries sqlite3 unicode libstemmer CLI fmt nlohmann xxhash)

file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.hpp ${SOURCE_DIR}/include/*.hpp)
set(problems "")
foreach(file IN LISTS files)
  if(file MATCHES "^src/([^/]+)/")
    set(layer ${CMAKE_MATCH_1})
  else()
    set(layer "public headers")
  endif()
  file(STRINGS ${SOURCE_DIR}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*<")
  foreach(line IN LISTS includes)
    if(NOT line MATCHES "<([A-Za-z0-9_]+)")
      continue()
    endif()
    set(library ${CMAKE_MATCH_1})
    if(library STREQUAL "sqlite3ext")
      set(library sqlite3)
    endif()
    if(NOT library IN_LIST libraries)
      continue()
    endif()
    if(NOT layer IN_LIST allowed_${library})
      string(STRIP "${line}" line)
      list(APPEND problems "${file}: ${line} (${library} belongs to: ${allowed_${library}})")
    endif()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "third-party headers out of their layers:\n  ${text}")
endif()
list(LENGTH files count)
message(STATUS "${count} files: every third-party header is included where it belongs")
