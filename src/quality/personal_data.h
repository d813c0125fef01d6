// Personal data detection: which kind of personal information one column holds, if any, judged
// from the column's name and its profile (validator match counts over every value, and the
// sample of first values for names, addresses and passport numbers). Used when a version is
// ingested, so that the provider can confirm the finding and de-identification can mask the
// column before anything leaves the platform.
//
// Method (docs/quality.md has the full rules and the measured precision and recall):
//   - the column name is read for context in Chinese and English (身份证, 手机, 姓名, 地址,
//     id_card, mobile, name, address, ...), for words that say the values identify things
//     (订单, 编号, 流水, 设备, order, serial, device, ...) and for words that say they belong to
//     an organization (企业, 单位, 服务, 热线, company, office, ...);
//   - values count by their checks: citizen ID numbers (check character, birth date, division),
//     bank cards (Luhn), mobile and landline numbers, emails, dates; names by the surname table
//     (person_name.h); addresses by their markers (省/市/区/路/村 and a number with 号/室/单元);
//   - strong value evidence (a checksum most values pass) is enough alone; weak evidence (a
//     form that codes share) needs the column name's support, and a name that says the values
//     identify things or organizations vetoes it.
// Pure: no I/O. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quality/column_profile.h"

namespace gongshu::quality {

enum class PersonalDataKind {
  kNone,       // "none"
  kCitizenId,  // "citizen_id"
  kMobile,     // "mobile"
  kPhone,      // "phone" (landline)
  kBankCard,   // "bank_card"
  kEmail,      // "email"
  kName,       // "name": a person's name
  kAddress,    // "address": a person's address
  kPassport,   // "passport"
  kBirthDate,  // "birth_date"
};

std::string_view PersonalDataKindName(PersonalDataKind kind);

struct PersonalDataFinding {
  PersonalDataKind kind = PersonalDataKind::kNone;
  // How sure the detector is that the column holds `kind` (for kNone: that it holds none of the
  // kinds), from 0 to 1.
  double confidence = 0;
  // Sentences saying what the finding rests on, e.g. "8 of 8 values are valid citizen ID
  // numbers" or "the column name mentions 手机".
  std::vector<std::string> reasons;
  // Suggestions for the catalog (catalog/resource.h Item, catalog/grade.h), by kind:
  //   citizen_id, passport, bank_card          general-4  direct_identifier
  //   mobile, phone, email, name, address      general-3  direct_identifier
  //   birth_date                               general-2  quasi_identifier
  //   none                                     general-1  none
  // The first two rows are personal information, the first row sensitive personal information
  // (specific identity, financial accounts); docs/quality.md gives the basis.
  std::string item_sensitivity = "general-1";  // a grade name for Item::sensitivity
  std::string item_personal = "none";          // a PersonalData name for Item::personal
  // The lowest grade a resource holding this column should have (就高从严: a resource is
  // graded at least as high as its most sensitive item).
  std::string resource_grade = "general-1";
};

// The finding for one column. `column_name` is the name as in the file (any language, any
// case). The profile's sample should hold at least a few values (the profiler keeps 50) for
// names, addresses and passports to be recognized.
PersonalDataFinding DetectPersonalData(std::string_view column_name, const ColumnProfile& profile);

}  // namespace gongshu::quality
