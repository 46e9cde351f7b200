# Install rules and the Debian packages (CPack). Included once from the top-level CMakeLists, before the
# subdirectories, so that the install prefix and the default component are set before any install() runs.
#
#   component runtime -> package `sentinel`:            sentineld, sentinelctl, plugins, models, /etc/sentinel,
#                                                        the systemd unit
#   component sdk     -> package `sentinel-plugin-dev`: sentinel/plugin_abi.h, sentinel/plugin_cpp.h and the
#                                                        CMake package SentinelPluginSDK (sentinel_add_plugin)
#
#   cmake --build build && (cd build && cpack -G DEB)                     # both .deb files
#   cmake --install build --component sdk --prefix /opt/sentinel-sdk      # the SDK only, anywhere
#   DESTDIR=/tmp/stage cmake --install build                              # everything, staged
#
# The layout is the Debian one: the default prefix is /usr, configuration goes to /etc/sentinel. Plugins bake
# CMAKE_INSTALL_PREFIX into their search paths (e.g. the toxicity tokenizer shim), so the prefix must be known
# before the plugins are configured. packaging/Dockerfile installs the .deb, so the image has the same layout.
include(CMakePackageConfigHelpers)

option(SENTINEL_DEBIAN_LAYOUT "Install under /usr (with /etc/sentinel) instead of CMake's default /usr/local" ON)
if(SENTINEL_DEBIAN_LAYOUT AND (CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT OR CMAKE_INSTALL_PREFIX STREQUAL "/usr/local"))
  set(CMAKE_INSTALL_PREFIX "/usr" CACHE PATH "Install prefix (Debian layout)" FORCE)
endif()
set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME runtime)

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(SENTINEL_INSTALL_CONFDIR "/etc/sentinel")
  set(SENTINEL_INSTALL_UNITDIR "/lib/systemd/system")
else()
  set(SENTINEL_INSTALL_CONFDIR "${CMAKE_INSTALL_PREFIX}/etc/sentinel")
  set(SENTINEL_INSTALL_UNITDIR "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()
set(SENTINEL_INSTALL_PLUGINDIR "${CMAKE_INSTALL_PREFIX}/lib/sentinel/plugins")
set(SENTINEL_INSTALL_MODELDIR "${CMAKE_INSTALL_PREFIX}/share/sentinel/models")

# --- The plugin SDK -----------------------------------------------------------------------------------
file(STRINGS ${CMAKE_SOURCE_DIR}/host/include/sentinel/plugin_abi.h _abi_lines
     REGEX "^#define SENTINEL_ABI_(MAJOR|MINOR) [0-9]+u")
string(REGEX MATCH "MAJOR ([0-9]+)" _m "${_abi_lines}")
set(SENTINEL_ABI_MAJOR ${CMAKE_MATCH_1})
string(REGEX MATCH "MINOR ([0-9]+)" _m "${_abi_lines}")
set(SENTINEL_ABI_MINOR ${CMAKE_MATCH_1})
if(SENTINEL_ABI_MAJOR STREQUAL "" OR SENTINEL_ABI_MINOR STREQUAL "")
  message(FATAL_ERROR "cannot read SENTINEL_ABI_MAJOR/MINOR from host/include/sentinel/plugin_abi.h")
endif()

set(SENTINEL_SDK_CMAKEDIR lib/cmake/SentinelPluginSDK)
set(SENTINEL_SDK_INCLUDEDIR include)
install(FILES ${CMAKE_SOURCE_DIR}/host/include/sentinel/plugin_abi.h ${CMAKE_SOURCE_DIR}/host/include/sentinel/plugin_cpp.h
        DESTINATION ${SENTINEL_SDK_INCLUDEDIR}/sentinel COMPONENT sdk)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/SentinelPluginSDKConfig.cmake.in
  ${CMAKE_BINARY_DIR}/sdk/SentinelPluginSDKConfig.cmake
  INSTALL_DESTINATION ${SENTINEL_SDK_CMAKEDIR}
  PATH_VARS SENTINEL_SDK_INCLUDEDIR)
# The package version is the ABI version: find_package(SentinelPluginSDK 1.0) accepts any 1.x SDK, as
# the host accepts plugins of its own major.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/sdk/SentinelPluginSDKConfigVersion.cmake
  VERSION ${SENTINEL_ABI_MAJOR}.${SENTINEL_ABI_MINOR}
  COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_BINARY_DIR}/sdk/SentinelPluginSDKConfig.cmake
              ${CMAKE_BINARY_DIR}/sdk/SentinelPluginSDKConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/cmake/SentinelPlugin.cmake
        DESTINATION ${SENTINEL_SDK_CMAKEDIR} COMPONENT sdk)

# --- Configuration, unit, maintainer scripts ------------------------------------------------------------
# The installed sentinel.yaml is config/sentinel.yaml with plugins_dir and models_dir pointing at the
# installed folders; it is regenerated whenever the source file changes.
set(SENTINEL_INSTALLED_CONFIG ${CMAKE_BINARY_DIR}/packaging/etc/sentinel.yaml)
add_custom_command(OUTPUT ${SENTINEL_INSTALLED_CONFIG}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_SOURCE_DIR}/config/sentinel.yaml -DOUTPUT=${SENTINEL_INSTALLED_CONFIG}
          -DPLUGINS_DIR=${SENTINEL_INSTALL_PLUGINDIR} -DMODELS_DIR=${SENTINEL_INSTALL_MODELDIR}
          -P ${CMAKE_SOURCE_DIR}/packaging/deb/installed_config.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/config/sentinel.yaml ${CMAKE_SOURCE_DIR}/packaging/deb/installed_config.cmake
  COMMENT "Generating the installed sentinel.yaml")
add_custom_target(sentinel_installed_config ALL DEPENDS ${SENTINEL_INSTALLED_CONFIG})
install(FILES ${SENTINEL_INSTALLED_CONFIG} DESTINATION ${SENTINEL_INSTALL_CONFDIR} PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/config/modules.d)
configure_file(${CMAKE_SOURCE_DIR}/packaging/systemd/sentineld.service.in ${CMAKE_BINARY_DIR}/packaging/sentineld.service @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/sentineld.service DESTINATION ${SENTINEL_INSTALL_UNITDIR})

file(GLOB SENTINEL_DOC_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${SENTINEL_DOC_FILES} DESTINATION share/doc/sentinel)

foreach(script postinst prerm postrm)
  configure_file(${CMAKE_SOURCE_DIR}/packaging/deb/${script} ${CMAKE_BINARY_DIR}/packaging/deb/${script} COPYONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

# --- Targets (after every subdirectory has defined them) ---------------------------------------------------
function(_sentinel_install_targets)
  install(TARGETS sentineld sentinelctl RUNTIME DESTINATION bin)
  # A shipped module (config/modules.d/NAME.yaml) is installed with its plugin target NAME, so the package
  # never enables a module whose plugin this build did not produce. Every file under /etc/sentinel is a
  # conffile: dpkg keeps the administrator's edits on upgrade.
  set(conffiles "${SENTINEL_INSTALL_CONFDIR}/sentinel.yaml\n")
  file(GLOB module_files ${CMAKE_SOURCE_DIR}/config/modules.d/*.yaml)
  foreach(file ${module_files})
    get_filename_component(plugin ${file} NAME_WE)
    if(TARGET ${plugin})
      install(TARGETS ${plugin} LIBRARY DESTINATION lib/sentinel/plugins)
      install(FILES ${file} DESTINATION ${SENTINEL_INSTALL_CONFDIR}/modules.d)
      string(APPEND conffiles "${SENTINEL_INSTALL_CONFDIR}/modules.d/${plugin}.yaml\n")
    endif()
  endforeach()
  file(WRITE ${CMAKE_BINARY_DIR}/packaging/deb/conffiles "${conffiles}")
  # Models the plugins' builds place in build/share/sentinel/models (baked, verified at activation). The
  # folder exists even without models, since the installed config names it.
  install(DIRECTORY DESTINATION share/sentinel/models)
  install(DIRECTORY ${CMAKE_BINARY_DIR}/share/sentinel/models/ DESTINATION share/sentinel/models OPTIONAL)
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _sentinel_install_targets)

# --- CPack: Debian packages --------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sentinel)
set(CPACK_PACKAGE_VENDOR "Sentinel")
set(CPACK_PACKAGE_CONTACT "Sentinel maintainers <sentinel@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime sdk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME sentinel)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "content-safety detector host with PII and toxicity plugins\n sentineld loads detector plugins after checking their ABI descriptor from the\n file, activates and self-tests them, and serves them over HTTP (Presidio-\n compatible PII analysis, toxicity classification). Models are baked in.")
# Shared-library dependencies are computed by dpkg-shlibdeps; these are used at run time without being linked.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libopenblas0-pthread, publicsuffix")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    "${CMAKE_BINARY_DIR}/packaging/deb/conffiles;${CMAKE_BINARY_DIR}/packaging/deb/postinst;${CMAKE_BINARY_DIR}/packaging/deb/prerm;${CMAKE_BINARY_DIR}/packaging/deb/postrm")

set(CPACK_DEBIAN_SDK_PACKAGE_NAME sentinel-plugin-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION devel)
set(CPACK_COMPONENT_SDK_DESCRIPTION
    "plugin SDK for the Sentinel detector host\n The C plugin ABI header, its C++ glue layer and the CMake package\n SentinelPluginSDK providing sentinel_add_plugin().")
set(CPACK_DEBIAN_SDK_PACKAGE_RECOMMENDS "cmake, g++")
include(CPack)
