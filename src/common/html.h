// Escaping text for HTML pages and fragments the server writes itself.
#pragma once

#include <string>
#include <string_view>

namespace gongshu {

// `text` with &, <, >, " and ' replaced by entities, safe in element content and quoted
// attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace gongshu
