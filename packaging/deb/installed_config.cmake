# Writes the installed sentinel.yaml: config/sentinel.yaml with plugins_dir and models_dir set to the
# installed folders. Run with -DINPUT= -DOUTPUT= -DPLUGINS_DIR= -DMODELS_DIR= (see cmake/Install.cmake).
file(READ ${INPUT} text)
foreach(key plugins_dir models_dir)
  if(NOT text MATCHES "\n${key}:[^\n]*")
    message(FATAL_ERROR "${INPUT}: no top-level '${key}:' line to rewrite for the installed config")
  endif()
endforeach()
string(REGEX REPLACE "\nplugins_dir:[^\n]*" "\nplugins_dir: ${PLUGINS_DIR}" text "${text}")
string(REGEX REPLACE "\nmodels_dir:[^\n]*" "\nmodels_dir: ${MODELS_DIR}" text "${text}")
string(REGEX REPLACE "^(#[^\n]*\n)+" "" text "${text}")
set(header "# sentineld host configuration (installed by the sentinel package; a conffile: local edits survive\n# upgrades). Relative paths are relative to this file. Reload with `systemctl reload sentineld`.\n")
file(WRITE ${OUTPUT}.tmp "${header}${text}")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
