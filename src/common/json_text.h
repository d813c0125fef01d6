// Writing JSON values as compact text for storage and events.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gongshu {

// `value` as compact JSON; invalid UTF-8 in strings is replaced (U+FFFD) rather than thrown on.
std::string JsonText(const nlohmann::json& value);

}  // namespace gongshu
