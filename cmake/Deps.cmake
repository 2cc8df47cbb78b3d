# Third-party libraries, found through pkg-config (the Debian 12 names) and
# exposed as imported targets; nothing else in the build names a library path.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.5)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson>=2.13)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
# libxlsxwriter 1.1.4 (export --format xlsx). Debian's xlsxwriter.pc says
# "Version: 4" (the soname), so no version is asked for.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# import --from xlsx: libzip opens the archive, expat parses its parts
# (src/core/xlsx_read.c only).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip>=1.7)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat>=2.4)
if(SL_BUILD_TESTS)
  pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka>=1.1)
endif()
