#include "common/html.h"

namespace gongshu {

std::string EscapeHtml(std::string_view text) {
  std::string html;
  html.reserve(text.size() + 16);
  for (char symbol : text) {
    switch (symbol) {
      case '&':
        html += "&amp;";
        break;
      case '<':
        html += "&lt;";
        break;
      case '>':
        html += "&gt;";
        break;
      case '"':
        html += "&quot;";
        break;
      case '\'':
        html += "&#39;";
        break;
      default:
        html += symbol;
    }
  }
  return html;
}

}  // namespace gongshu
