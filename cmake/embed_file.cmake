# Writes a text file into a C++ source file as `const std::string& FUNCTION()` in namespace
# gongshu, so the binary carries its built-in data without reading files at run time.
# Run as a script: cmake -DINPUT=... -DOUTPUT=... -DFUNCTION=... -P embed_file.cmake
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "// Generated from ${INPUT} at build time.\n#include <string>\nnamespace gongshu {\nconst std::string& ${FUNCTION}() {\n  static const std::string kText = R\"embedded(${content})embedded\";\n  return kText;\n}\n}  // namespace gongshu\n")
