#include "api/paging.h"

#include <sodium.h>

#include <charconv>

#include "common/secrets.h"

namespace gongshu {

Result<PageRequest> PageRequestFrom(const Request& request) {
  PageRequest page;
  page.limit = kDefaultPageLimit;
  std::vector<FieldError> errors;
  if (const std::string* limit = request.Query("limit")) {
    int value = 0;
    auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (error != std::errc() || end != limit->data() + limit->size() || value < 1 ||
        value > kMaxPageLimit) {
      errors.push_back({"limit", "must be an integer from 1 to " + std::to_string(kMaxPageLimit)});
    } else {
      page.limit = value;
    }
  }
  if (const std::string* cursor = request.Query("cursor")) {
    std::string key(cursor->size(), '\0');
    size_t length = 0;
    if (cursor->empty() || cursor->size() > 1024 ||
        sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), cursor->data(),
                          cursor->size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
      errors.push_back({"cursor", "is not a cursor returned by this list"});
    } else {
      key.resize(length);
      page.after_key = key;
    }
  }
  if (!errors.empty())
    return Status::InvalidArgument("the paging parameters are not valid", errors);
  return page;
}

std::string EncodeCursor(const std::string& next_key) {
  return next_key.empty() ? std::string() : Base64UrlEncode(next_key);
}

}  // namespace gongshu
