# Writes the OpenAPI document into a C++ source file so the binary serves it without files.
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "// Generated from src/api/openapi.json at build time.\n#include <string>\nnamespace gongshu {\nconst std::string& OpenApiDocument() {\n  static const std::string kDocument = R\"openapi(${content})openapi\";\n  return kDocument;\n}\n}  // namespace gongshu\n")
