# CPack: `cpack -G DEB` on Debian/Ubuntu, `cpack -G DragNDrop` on macOS, from
# the build directory. tests/packaging/deb_package_test.sh builds and checks the .deb.

set(CPACK_PACKAGE_NAME meridian-inspector)
set(CPACK_PACKAGE_VENDOR "Meridian")
set(CPACK_PACKAGE_CONTACT "The Meridian developers <inspector@meridian.dev>" CACHE STRING
    "Maintainer of the packages (the .deb's Maintainer field)")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Meridian Inspector")
set(CPACK_STRIP_FILES ON)  # debug information stays in the build tree
set(CPACK_SOURCE_GENERATOR "")

if(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_PACKAGE_FILE_NAME "MeridianInspector-${PROJECT_VERSION}-macos-${CMAKE_SYSTEM_PROCESSOR}")
    set(CPACK_DMG_VOLUME_NAME "Meridian Inspector ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT UDZO)
    # The .dmg shows the app beside a link to /Applications (CPack's default).
else()
    set(CPACK_GENERATOR DEB)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # meridian-inspector_<version>_<arch>.deb
    set(CPACK_DEBIAN_PACKAGE_SECTION utils)
    # Depends: computed from the binaries by dpkg-shlibdeps (libqt6widgets6,
    # librocksdbX.Y, libc6, ...). The xcb platform plugin ships in libqt6gui6.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "rocksdb-tools")
    # The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the body.
    set(CPACK_PACKAGE_DESCRIPTION "Meridian Inspector opens a RocksDB database folder, shows which backend is live
and in which mode, browses keys by prefix with cursor paging, reads and edits
values byte for byte, and diagnoses LOCK problems without corrupting anything.
meridian-db, its command-line twin, does the same work from a shell.")
endif()

include(CPack)
