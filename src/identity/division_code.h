// Administrative division codes (行政区划代码), GB/T 2260: six digits, two each for province,
// prefecture and county. Only the form is checked here (a known province, a county part only
// under a prefecture part); the full code table arrives with the dataset validators.
#pragma once

#include <string_view>

#include "common/status.h"

namespace gongshu {

// Ok when `code` has the GB/T 2260 form; otherwise InvalidArgument saying why.
Status CheckDivisionCode(std::string_view code);

}  // namespace gongshu
