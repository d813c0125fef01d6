# Writes the built-in synonym table into a C++ source file, so the library needs no data files at
# run time. Run as a script: cmake -DINPUT=... -DOUTPUT=... -P embed_synonyms.cmake
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "// Generated from src/search/data/synonyms.tsv at build time.\n#include <string>\nnamespace gongshu {\nconst std::string& DefaultSynonymsText() {\n  static const std::string kText = R\"synonyms(${content})synonyms\";\n  return kText;\n}\n}  // namespace gongshu\n")
