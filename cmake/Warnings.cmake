# sl_warnings: the warning set of our own targets (never applied to
# third-party code). SL_WERROR turns them into errors, as CI does.
add_library(sl_warnings INTERFACE)
target_compile_options(sl_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
  -Wformat=2 -Wvla -Wundef -Wwrite-strings -Wcast-align -Wimplicit-fallthrough)
if(SL_WERROR)
  target_compile_options(sl_warnings INTERFACE -Werror)
endif()
# _POSIX_C_SOURCE for mkstemp, fsync, open_memstream, strndup under -std=c11.
target_compile_definitions(sl_warnings INTERFACE _POSIX_C_SOURCE=200809L)
