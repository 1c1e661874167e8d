# newsidx_add_layer(): one static library per layer of the code (see
# HACKING.md), whose dependencies the compiler enforces.
#
# A layer sees only its own headers and those of the layers it links to:
#   * its public headers (include/newsidx/NAME.hpp, listed in HEADERS) are
#     linked into build/layers/<layer>/include/newsidx/, and that folder is
#     the layer's PUBLIC include directory: a layer that does not link to it
#     cannot include them, even though they all live in include/newsidx/;
#   * its private headers (src/<layer>/*.hpp) are reached as "<layer>/x.hpp"
#     through build/layers/<layer>/private/<layer> -> src/<layer>, a PRIVATE
#     include directory: no other layer can include them.
# So an upward #include (the store including the printer, say) fails to
# compile. Tests, fuzzers and benchmarks may reach into src/ on purpose.
#
#   newsidx_add_layer(NAME
#     HEADERS   public header names under include/newsidx/
#     SOURCES   sources under src/
#     DEPENDS   layers (and libraries) whose headers this layer's headers use
#     USES      layers and libraries used by its sources only)

# newsidx_stage_layer(NAME HEADER...): the links described above, in
# build/layers/NAME/include and build/layers/NAME/private.
function(newsidx_stage_layer name)
  set(staged ${CMAKE_BINARY_DIR}/layers/${name})
  file(MAKE_DIRECTORY ${staged}/include/newsidx ${staged}/private)
  foreach(header IN LISTS ARGN)
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/newsidx/${header}
         ${staged}/include/newsidx/${header} SYMBOLIC)
  endforeach()
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/src/${name})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${name} ${staged}/private/${name} SYMBOLIC)
  endif()
endfunction()

function(newsidx_add_layer name)
  cmake_parse_arguments(LAYER "" "" "HEADERS;SOURCES;DEPENDS;USES" ${ARGN})
  newsidx_stage_layer(${name} ${LAYER_HEADERS})
  set(staged ${CMAKE_BINARY_DIR}/layers/${name})
  set(target newsidx_${name})
  add_library(${target} STATIC ${LAYER_SOURCES})
  add_library(newsidx::${name} ALIAS ${target})
  # The loadable extension links the analysis and fts5 layers, and what they use.
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${target} PUBLIC ${staged}/include PRIVATE ${staged}/private)
  target_link_libraries(${target} PUBLIC ${LAYER_DEPENDS} PRIVATE ${LAYER_USES} newsidx_warnings)
endfunction()
