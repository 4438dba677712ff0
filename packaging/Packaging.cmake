# Installation and the .deb (CPack): the binary, a .desktop entry, the
# application/x-perfcase MIME type for *.perfcase, and the icon (SVG plus
# PNGs rendered from it at build time). Playbooks, formats and the demo
# inputs are compiled into the binary; the bundled playbooks are installed
# too, as the reference to start one's own from (docs/writing-playbooks.md),
# and so is the documentation. packaging/test-deb.sh installs the package.
include(GNUInstallDirs)

set(PERFCASE_ICON ${PROJECT_SOURCE_DIR}/resources/icons/perfcase.svg)
set(PERFCASE_ICON_SIZES 16 22 24 32 48 64 128 256)
add_executable(perfcase_icon_renderer ${PROJECT_SOURCE_DIR}/packaging/icons/IconRenderer.cpp)
target_link_libraries(perfcase_icon_renderer PRIVATE Qt6::Gui Qt6::Svg)
set(icon_pngs)
foreach(size ${PERFCASE_ICON_SIZES})
  list(APPEND icon_pngs ${PROJECT_BINARY_DIR}/icons/${size}/perfcase.png)
endforeach()
add_custom_command(OUTPUT ${icon_pngs}
  COMMAND perfcase_icon_renderer ${PERFCASE_ICON} ${PROJECT_BINARY_DIR}/icons ${PERFCASE_ICON_SIZES}
  DEPENDS perfcase_icon_renderer ${PERFCASE_ICON}
  COMMENT "Rendering the icon at ${PERFCASE_ICON_SIZES} px")
add_custom_target(perfcase_icons ALL DEPENDS ${icon_pngs})

install(FILES ${PROJECT_SOURCE_DIR}/packaging/perfcase.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/perfcase-mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME perfcase.xml)
install(FILES ${PERFCASE_ICON} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size ${PERFCASE_ICON_SIZES})
  install(FILES ${PROJECT_BINARY_DIR}/icons/${size}/perfcase.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/playbooks/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/perfcase/playbooks FILES_MATCHING PATTERN "*.json")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PATTERN "screenshots" EXCLUDE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME perfcase)
set(CPACK_PACKAGE_VENDOR "Perfcase")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Investigation workbench for SREs: logs, metrics, Kubernetes, traces on one timeline")
set(CPACK_PACKAGE_CONTACT "Perfcase maintainers <maintainers@perfcase.invalid>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Depends from the binary's own shared libraries (dpkg-shlibdeps): Qt 6,
# QCustomPlot, libssh2, SQLite... exactly the versions it was linked with.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, so dpkg-shlibdeps cannot see them: the platform
# plugins (xcb for the window, offscreen for `report` and `demo --report`)
# and the SVG icon engine.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_STRIP_FILES ON)
# The MIME type and the .desktop entry take effect through the triggers of
# shared-mime-info and desktop-file-utils; suggest them, a server may lack both.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "shared-mime-info, desktop-file-utils, kubectl")
include(CPack)
