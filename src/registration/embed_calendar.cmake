# Writes the built-in working calendar (data/holidays-cn.tsv) into a C++ source file, so the
# binary carries China's official schedules without reading files.
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "// Generated from src/registration/data/holidays-cn.tsv at build time.\n#include <string_view>\n#include \"registration/working_calendar.h\"\nnamespace gongshu {\nstd::string_view DefaultCalendarFile() {\n  static constexpr std::string_view kFile = R\"calendar(${content})calendar\";\n  return kFile;\n}\n}  // namespace gongshu\n")
