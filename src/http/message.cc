#include "http/message.h"

#include <strings.h>

namespace gongshu {

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

const std::string* Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), key.size()) == 0) {
      return value;
    }
  }
  return {};
}

Response JsonResponse(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "application/json");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

static int HexValue(char symbol) {
  if (symbol >= '0' && symbol <= '9') return symbol - '0';
  if (symbol >= 'a' && symbol <= 'f') return symbol - 'a' + 10;
  if (symbol >= 'A' && symbol <= 'F') return symbol - 'A' + 10;
  return -1;
}

bool PercentDecode(std::string_view text, bool plus_as_space, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t index = 0; index < text.size(); ++index) {
    char symbol = text[index];
    if (symbol == '%') {
      if (index + 2 >= text.size()) return false;
      int high = HexValue(text[index + 1]);
      int low = HexValue(text[index + 2]);
      if (high < 0 || low < 0) return false;
      out->push_back(static_cast<char>(high * 16 + low));
      index += 2;
    } else if (symbol == '+' && plus_as_space) {
      out->push_back(' ');
    } else {
      out->push_back(symbol);
    }
  }
  return true;
}

bool ParseQueryString(std::string_view text,
                      std::vector<std::pair<std::string, std::string>>* out) {
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view part = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (part.empty()) continue;
    size_t equals = part.find('=');
    std::string key, value;
    if (!PercentDecode(part.substr(0, equals), true, &key)) return false;
    if (equals != std::string_view::npos && !PercentDecode(part.substr(equals + 1), true, &value)) {
      return false;
    }
    out->emplace_back(std::move(key), std::move(value));
  }
  return true;
}

}  // namespace gongshu
