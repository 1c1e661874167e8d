# The libraries newsidx uses (Debian packages only; see README), each behind
# an interface target of ours: newsidx_icu, newsidx_sqlite, newsidx_stemmer,
# newsidx_xxhash and newsidx_fmt.
#
# With NEWSIDX_STATIC_DEPS, a target whose property NEWSIDX_STATIC_DEPS is
# true (the newsidx command) links the static archives of ICU, SQLite,
# Snowball and xxHash instead of their shared libraries, and the C++ runtime
# statically; every other target (tests, the loadable extension, fuzzers,
# benchmarks) links the shared libraries. fmt is then used header-only
# everywhere, since Debian ships no static archive of it.
#
# Why: a search is one short process. Loading and relocating ICU, libstdc++
# and five more shared libraries took about 1.5 ms of the 5.3 ms a rare word's
# search took at 100,000 articles (bench/README.md). The cost: the command is
# about 40 MB (ICU's data), and a security fix in one of these libraries
# reaches it only when it is built again. Distributions that prefer shared
# libraries configure with -DNEWSIDX_STATIC_DEPS=OFF.

option(NEWSIDX_STATIC_DEPS
       "Link the newsidx command to static ICU, SQLite, Snowball, xxHash and C++ runtime" ON)
if(NEWSIDX_STATIC_DEPS AND NEWSIDX_SANITIZE)
  # The sanitizers replace operator new and friends from their shared
  # runtime, which a static C++ runtime would hide.
  message(STATUS "NEWSIDX_STATIC_DEPS is off in a sanitizer build")
  set(NEWSIDX_STATIC_DEPS OFF)
endif()

find_package(SQLite3 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(fmt REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(newsidx_stemmer_shared INTERFACE)
target_include_directories(newsidx_stemmer_shared INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(newsidx_stemmer_shared INTERFACE ${STEMMER_LIBRARY})

# newsidx_static_archive(VAR NAME): the path of libNAME.a, in VAR.
function(newsidx_static_archive var name)
  find_library(${var} NAMES lib${name}.a)
  if(NOT ${var})
    message(FATAL_ERROR "lib${name}.a not found: install its -dev package, or configure with "
                        "-DNEWSIDX_STATIC_DEPS=OFF")
  endif()
endfunction()

# newsidx_dependency(NAME SHARED items... STATIC items...): the interface
# target NAME, which links SHARED, or STATIC for a target that asks for
# static dependencies. Compiling is the same either way: the headers and
# definitions come from SHARED.
function(newsidx_dependency name)
  cmake_parse_arguments(DEP "" "" "SHARED;STATIC" ${ARGN})
  add_library(${name} INTERFACE)
  if(NOT NEWSIDX_STATIC_DEPS)
    target_link_libraries(${name} INTERFACE ${DEP_SHARED})
    return()
  endif()
  set(static "$<BOOL:$<TARGET_PROPERTY:NEWSIDX_STATIC_DEPS>>")
  foreach(item IN LISTS DEP_SHARED)
    if(TARGET ${item})
      target_include_directories(${name} SYSTEM INTERFACE
                                 $<TARGET_PROPERTY:${item},INTERFACE_INCLUDE_DIRECTORIES>)
      target_compile_definitions(${name} INTERFACE
                                 $<TARGET_PROPERTY:${item},INTERFACE_COMPILE_DEFINITIONS>)
    endif()
  endforeach()
  target_link_libraries(${name} INTERFACE "$<IF:${static},${DEP_STATIC},${DEP_SHARED}>")
endfunction()

if(NEWSIDX_STATIC_DEPS)
  newsidx_static_archive(NEWSIDX_ICUI18N_ARCHIVE icui18n)
  newsidx_static_archive(NEWSIDX_ICUUC_ARCHIVE icuuc)
  newsidx_static_archive(NEWSIDX_ICUDATA_ARCHIVE icudata)
  newsidx_static_archive(NEWSIDX_SQLITE_ARCHIVE sqlite3)
  newsidx_static_archive(NEWSIDX_STEMMER_ARCHIVE stemmer)
  newsidx_static_archive(NEWSIDX_XXHASH_ARCHIVE xxhash)
endif()

# In the order a static link needs: each archive before those it uses.
newsidx_dependency(newsidx_icu
  SHARED ICU::i18n ICU::uc
  STATIC ${NEWSIDX_ICUI18N_ARCHIVE} ${NEWSIDX_ICUUC_ARCHIVE} ${NEWSIDX_ICUDATA_ARCHIVE}
         ${CMAKE_DL_LIBS} Threads::Threads m)
newsidx_dependency(newsidx_sqlite
  SHARED SQLite::SQLite3
  STATIC ${NEWSIDX_SQLITE_ARCHIVE} ${CMAKE_DL_LIBS} Threads::Threads m)
newsidx_dependency(newsidx_stemmer
  SHARED newsidx_stemmer_shared
  STATIC ${NEWSIDX_STEMMER_ARCHIVE})
newsidx_dependency(newsidx_xxhash
  SHARED PkgConfig::XXHASH
  STATIC ${NEWSIDX_XXHASH_ARCHIVE})

add_library(newsidx_fmt INTERFACE)
if(NEWSIDX_STATIC_DEPS)
  target_link_libraries(newsidx_fmt INTERFACE fmt::fmt-header-only)
else()
  target_link_libraries(newsidx_fmt INTERFACE fmt::fmt)
endif()

# newsidx_link_statically(TARGET): TARGET, an executable, links the static
# archives above and the static C++ runtime (when NEWSIDX_STATIC_DEPS).
function(newsidx_link_statically target)
  if(NEWSIDX_STATIC_DEPS)
    set_target_properties(${target} PROPERTIES NEWSIDX_STATIC_DEPS ON)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
