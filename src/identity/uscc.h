// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
//
// Layout of the 18 characters (docs/identifiers.md has the full table):
//   1      registration management department code: 1-9, A, N or Y
//   2      organization type code within that department
//   3-8    administrative division code of the registering body (GB/T 2260)
//   9-17   organization code (GB 11714)
//   18     check character
// Characters come from the 31-symbol alphabet 0-9 and A-Y without I, O, S, V, Z.
#pragma once

#include <string_view>

#include "common/status.h"

namespace gongshu {

// The check character for the first 17 characters of a code.
// REQUIRES: `first17` has 17 characters from the code alphabet.
char UsccCheckCharacter(std::string_view first17);

// Ok when `code` is a well-formed USCC whose check character matches; otherwise
// InvalidArgument with a message naming what is wrong (length, a character and its position,
// the division code, or the expected check character).
Status CheckUscc(std::string_view code);

}  // namespace gongshu
