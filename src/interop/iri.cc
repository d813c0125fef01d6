#include "interop/iri.h"

namespace gongshu {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

bool IsUnreserved(unsigned char byte) {
  return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
         (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
}

bool IsHexDigit(char symbol) {
  return (symbol >= '0' && symbol <= '9') || (symbol >= 'a' && symbol <= 'f') ||
         (symbol >= 'A' && symbol <= 'F');
}

void AppendPercentEncoded(unsigned char byte, std::string* out) {
  out->push_back('%');
  out->push_back(kHexDigits[byte >> 4]);
  out->push_back(kHexDigits[byte & 0x0F]);
}

// Characters Turtle's IRIREF production excludes (besides controls and space).
bool IsForbiddenInIriRef(unsigned char byte) {
  switch (byte) {
    case '<':
    case '>':
    case '"':
    case '{':
    case '}':
    case '|':
    case '^':
    case '`':
    case '\\':
      return true;
    default:
      return byte <= 0x20 || byte >= 0x7F;
  }
}

}  // namespace

std::string EncodeIriSegment(std::string_view segment) {
  std::string encoded;
  encoded.reserve(segment.size());
  for (char symbol : segment) {
    auto byte = static_cast<unsigned char>(symbol);
    if (IsUnreserved(byte)) {
      encoded.push_back(symbol);
    } else {
      AppendPercentEncoded(byte, &encoded);
    }
  }
  return encoded;
}

std::string SanitizeIri(std::string_view iri) {
  std::string sanitized;
  sanitized.reserve(iri.size());
  for (size_t index = 0; index < iri.size(); ++index) {
    auto byte = static_cast<unsigned char>(iri[index]);
    bool stray_percent = byte == '%' && !(index + 2 < iri.size() && IsHexDigit(iri[index + 1]) &&
                                          IsHexDigit(iri[index + 2]));
    if (IsForbiddenInIriRef(byte) || stray_percent) {
      AppendPercentEncoded(byte, &sanitized);
    } else {
      sanitized.push_back(iri[index]);
    }
  }
  return sanitized;
}

bool IsAbsoluteIri(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= text.size()) return false;
  char first = text[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
  for (size_t index = 1; index < colon; ++index) {
    char symbol = text[index];
    bool ok = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
              (symbol >= '0' && symbol <= '9') || symbol == '+' || symbol == '-' || symbol == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace gongshu
