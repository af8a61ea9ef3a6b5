# Debian package of the two executables, the desktop entry and the AppStream metainfo.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/io.github.tunebench.Tunebench.desktop DESTINATION share/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/io.github.tunebench.Tunebench.metainfo.xml DESTINATION share/metainfo)

set(CPACK_PACKAGE_NAME tunebench)
set(CPACK_PACKAGE_VENDOR "Tunebench")
set(CPACK_PACKAGE_CONTACT "Tunebench developers <tunebench@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
