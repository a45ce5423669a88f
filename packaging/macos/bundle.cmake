# The macOS app bundle, included from app/gui/CMakeLists.txt (where the
# meridian-inspector target lives) when building for Apple platforms:
#   MeridianInspector.app/Contents/Info.plist         our template (Info.plist.in)
#   MeridianInspector.app/Contents/Resources/*.icns   from the committed PNGs (iconutil)
#   MeridianInspector.app/Contents/MacOS/meridian-db  the CLI twin, beside the GUI
# and, on install (and so in `cpack -G DragNDrop`), Qt, RocksDB and their
# libraries copied into the bundle (qt_generate_deploy_app_script with Qt 6.7+,
# macdeployqt before that), then a signature over the whole bundle.
#
# Options: MERIDIAN_CODESIGN_IDENTITY ("-" = ad-hoc, the default; else a
# "Developer ID Application: ..." identity from the keychain, signed with the
# hardened runtime and a timestamp), MERIDIAN_MACOS_MINIMUM (LSMinimumSystemVersion).

set(MERIDIAN_BUNDLE_EXECUTABLE MeridianInspector)
set(MERIDIAN_BUNDLE_NAME ${MERIDIAN_BUNDLE_EXECUTABLE}.app)
set(MERIDIAN_BUNDLE_ICON meridian-inspector.icns)
set(MERIDIAN_CODESIGN_IDENTITY "-" CACHE STRING "codesign identity for the app bundle; - signs ad hoc")

# Homebrew's bottles (Qt, RocksDB) are built for the macOS they are poured on,
# so without an explicit deployment target the bundle needs this macOS or newer.
if(CMAKE_OSX_DEPLOYMENT_TARGET)
    set(macos_minimum_default ${CMAKE_OSX_DEPLOYMENT_TARGET})
else()
    execute_process(COMMAND sw_vers -productVersion OUTPUT_VARIABLE host_macos OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX MATCH "^[0-9]+" host_macos_major "${host_macos}")
    set(macos_minimum_default ${host_macos_major}.0)
endif()
set(MERIDIAN_MACOS_MINIMUM ${macos_minimum_default} CACHE STRING "LSMinimumSystemVersion of the app bundle")

# Info.plist: our template, with every value filled in now.
configure_file(${PROJECT_SOURCE_DIR}/packaging/macos/Info.plist.in ${CMAKE_CURRENT_BINARY_DIR}/Info.plist @ONLY)

# The .icns, from the PNGs scripts/render-icons.sh renders from our SVG.
find_program(MERIDIAN_ICONUTIL iconutil REQUIRED)
set(iconset ${CMAKE_CURRENT_BINARY_DIR}/meridian-inspector.iconset)
set(icns ${CMAKE_CURRENT_BINARY_DIR}/${MERIDIAN_BUNDLE_ICON})
set(png_dir ${PROJECT_SOURCE_DIR}/resources/icons/app)
set(iconset_commands COMMAND ${CMAKE_COMMAND} -E rm -rf ${iconset} COMMAND ${CMAKE_COMMAND} -E make_directory ${iconset})
set(iconset_pngs)
foreach(entry 16:icon_16x16 32:icon_16x16@2x 32:icon_32x32 64:icon_32x32@2x 128:icon_128x128
        256:icon_128x128@2x 256:icon_256x256 512:icon_256x256@2x 512:icon_512x512 1024:icon_512x512@2x)
    string(REPLACE ":" ";" entry "${entry}")
    list(GET entry 0 size)
    list(GET entry 1 name)
    list(APPEND iconset_commands COMMAND ${CMAKE_COMMAND} -E copy ${png_dir}/meridian-inspector-${size}.png ${iconset}/${name}.png)
    list(APPEND iconset_pngs ${png_dir}/meridian-inspector-${size}.png)
endforeach()
list(REMOVE_DUPLICATES iconset_pngs)
add_custom_command(OUTPUT ${icns}
    ${iconset_commands}
    COMMAND ${MERIDIAN_ICONUTIL} --convert icns --output ${icns} ${iconset}
    DEPENDS ${iconset_pngs}
    COMMENT "Making ${MERIDIAN_BUNDLE_ICON} with iconutil"
    VERBATIM)
target_sources(meridian-inspector PRIVATE ${icns})
set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

set_target_properties(meridian-inspector PROPERTIES
    MACOSX_BUNDLE TRUE
    OUTPUT_NAME ${MERIDIAN_BUNDLE_EXECUTABLE}
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/Info.plist)

# Install: the bundle at the top of the prefix (the root of the .dmg), the CLI
# inside it, then everything both need copied in.
install(TARGETS meridian-inspector BUNDLE DESTINATION .)
install(TARGETS meridian-db RUNTIME DESTINATION ${MERIDIAN_BUNDLE_NAME}/Contents/MacOS)
set(extra_executable "-executable=${MERIDIAN_BUNDLE_NAME}/Contents/MacOS/meridian-db")
if(Qt6_VERSION VERSION_GREATER_EQUAL 6.7)
    # Runs macdeployqt on the bundle in the install prefix; DEPLOY_TOOL_OPTIONS is 6.7+.
    qt_generate_deploy_app_script(TARGET meridian-inspector OUTPUT_SCRIPT deploy_script
        NO_UNSUPPORTED_PLATFORM_ERROR DEPLOY_TOOL_OPTIONS ${extra_executable})
    install(SCRIPT ${deploy_script})
else()
    find_program(MERIDIAN_MACDEPLOYQT NAMES macdeployqt macdeployqt6
                 HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
    install(CODE "
        execute_process(
            COMMAND \"${MERIDIAN_MACDEPLOYQT}\" \"${MERIDIAN_BUNDLE_NAME}\" \"${extra_executable}\"
                    -always-overwrite -appstore-compliant
            WORKING_DIRECTORY \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\"
            COMMAND_ERROR_IS_FATAL ANY)")
endif()

# Deploying rewrote the binaries' load paths, which voids their signatures:
# sign the whole bundle again (Apple silicon runs nothing unsigned).
if(MERIDIAN_CODESIGN_IDENTITY STREQUAL "-")
    set(codesign_options --force --deep --sign -)
else()
    set(codesign_options --force --deep --options runtime --timestamp --sign "${MERIDIAN_CODESIGN_IDENTITY}")
endif()
list(JOIN codesign_options "\" \"" codesign_arguments)
install(CODE "
    set(bundle \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${MERIDIAN_BUNDLE_NAME}\")
    message(STATUS \"Signing \${bundle} (identity: ${MERIDIAN_CODESIGN_IDENTITY})\")
    execute_process(COMMAND codesign \"${codesign_arguments}\" \"\${bundle}\" COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND codesign --verify --deep --strict \"\${bundle}\" COMMAND_ERROR_IS_FATAL ANY)")
