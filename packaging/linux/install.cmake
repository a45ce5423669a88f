# Linux install layout (cmake --install, and so the .deb), under the prefix:
#   bin/meridian-inspector, bin/meridian-db
#   share/applications/<id>.desktop            desktop-file-validate checks it
#   share/metainfo/<id>.metainfo.xml           appstreamcli validate checks it
#   share/icons/hicolor/scalable/apps/<id>.svg and <size>x<size>/apps/<id>.png
# <id> is MERIDIAN_APP_ID (dev.meridian.Inspector), the name the desktop file,
# the icon, the AppStream component and the running app (setDesktopFileName) share.

install(TARGETS meridian-inspector meridian-db RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/linux/${MERIDIAN_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

set(MERIDIAN_RELEASE_DATE 2026-11-25)  # of PROJECT_VERSION, for AppStream's <release>
set(MERIDIAN_SCREENSHOT_BASE
    "https://raw.githubusercontent.com/meridian/meridian-inspector/main/resources/screenshots")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/linux/${MERIDIAN_APP_ID}.metainfo.xml.in
               ${CMAKE_CURRENT_BINARY_DIR}/${MERIDIAN_APP_ID}.metainfo.xml @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${MERIDIAN_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

set(icons ${PROJECT_SOURCE_DIR}/resources/icons)
install(FILES ${icons}/meridian-inspector.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${MERIDIAN_APP_ID}.svg)
foreach(size ${MERIDIAN_HICOLOR_SIZES})
    install(FILES ${icons}/app/meridian-inspector-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME ${MERIDIAN_APP_ID}.png)
endforeach()
