# sentinel_add_plugin(NAME SOURCES ...): builds a detector plugin `libsentinel_<NAME>.so` against the ABI
# header, with hidden visibility (only the descriptor and the entry point are exported) and no undefined
# symbols left for the host to resolve.
function(sentinel_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    set(ARG_SOURCES ${ARG_UNPARSED_ARGUMENTS})
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  if(TARGET sentinel_plugin_sdk)
    target_link_libraries(${name} PRIVATE sentinel_plugin_sdk)
  elseif(TARGET Sentinel::PluginSDK)
    target_link_libraries(${name} PRIVATE Sentinel::PluginSDK)
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    if(SENTINEL_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIRECTORY ${SENTINEL_PLUGIN_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
    endif()
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "sentinel_${name}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  # Export exactly the descriptor and the entry point: no weak std:: instantiation of one plugin can then
  # replace another's, whatever the plugin's own visibility settings.
  set(exports ${CMAKE_CURRENT_BINARY_DIR}/${name}.exports)
  file(WRITE ${exports} "{\n  global: sentinel_plugin_entry; sentinel_abi_descriptor_v1;\n  local: *;\n};\n")
  target_link_options(${name} PRIVATE "LINKER:--version-script=${exports}")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${exports})
  if(NOT SENTINEL_SANITIZE)
    # Sanitizer runtimes live in the executable, so plugins legitimately leave their symbols undefined.
    target_link_options(${name} PRIVATE "LINKER:-z,defs")
  endif()
endfunction()
