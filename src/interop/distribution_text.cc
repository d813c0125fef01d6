#include "interop/distribution_text.h"

#include <cctype>

namespace gongshu {
namespace {

std::string_view OpeningSentence(AccessAttribute opening) {
  switch (opening) {
    case AccessAttribute::kUnconditional:
      return "无条件开放，可直接获取。";
    case AccessAttribute::kConditional:
      return "有条件开放，经申请获准后获取。";
    case AccessAttribute::kNone:
      break;
  }
  return "不予开放，仅用于共享或授权运营。";
}

}  // namespace

bool IsApiFormat(std::string_view format) {
  return format.size() == 3 && std::tolower(static_cast<unsigned char>(format[0])) == 'a' &&
         std::tolower(static_cast<unsigned char>(format[1])) == 'p' &&
         std::tolower(static_cast<unsigned char>(format[2])) == 'i';
}

std::string UppercaseFormat(std::string_view format) {
  std::string upper(format);
  for (char& symbol : upper) {
    symbol = static_cast<char>(std::toupper(static_cast<unsigned char>(symbol)));
  }
  return upper;
}

std::string DistributionTitle(const Resource& resource, std::string_view format) {
  std::string title = resource.name.empty() ? resource.id : resource.name;
  title += "（";
  title += IsApiFormat(format) ? std::string("数据接口") : UppercaseFormat(format);
  title += "）";
  return title;
}

std::string DistributionDescription(const Resource& resource, std::string_view format) {
  std::string description = IsApiFormat(format) ? std::string("数据接口，返回 JSON。")
                                                : UppercaseFormat(format) + " 格式。";
  description += OpeningSentence(resource.opening);
  return description;
}

}  // namespace gongshu
