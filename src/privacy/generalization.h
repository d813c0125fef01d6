// Generalization: replacing a value by a coarser one — a date by its month or year, a number by
// its band, a Chinese address by its county-level unit (docs/deidentification.md, "generalize").
//
// Each function writes the generalized value into `out` (replacing its contents; its capacity is
// reused) and returns true, or returns false when the value is not of the expected form; the
// caller then suppresses the value (writes null), so nothing that could not be generalized is
// ever released as it was. Leading and trailing ASCII spaces and tabs are ignored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongshu::privacy {

// Widths accepted for bands.
inline constexpr int64_t kMinBandWidth = 2;
inline constexpr int64_t kMaxBandWidth = 1000000000;

// A date or date-time to "YYYY-MM". Accepted: YYYYMMDD (eight digits); YYYY-M-D with '-', '/' or
// '.' as separator (the same one twice), month and day of one or two digits; YYYY年M月D日; each of
// these optionally followed by a time (a 'T' or a space, then a digit, then anything); and
// year-month alone (YYYY-M, YYYY/M, YYYY.M, YYYY年M月). The year has four digits and is not 0000,
// the month is 1-12 and the day exists in that month (29 February only in leap years).
bool GeneralizeToMonth(std::string_view text, std::string& out);

// The same dates to "YYYY"; in addition a bare four-digit year is accepted as it is.
bool GeneralizeToYear(std::string_view text, std::string& out);

// A non-negative number to the band of `width` holding it: "lower-upper" with
// lower = floor(value / width) * width and upper = lower + width - 1, so 34 with width 10 is
// "30-39" and 39.5 is "30-39" too (the band is [lower, lower + width)). Accepted: decimal digits
// with an optional fraction (".5") and exponent ("1e3"); at most 10^15. Negative numbers,
// anything else and values above the limit return false.
// REQUIRES: kMinBandWidth <= width <= kMaxBandWidth.
bool GeneralizeToBand(std::string_view text, int64_t width, std::string& out);

// A Chinese address to its beginning up to and including the first county-level unit
// (区, 县, 旗, or a 市 that follows a prefecture-level unit): "福建省福州市鼓楼区五四路123号" →
// "福建省福州市鼓楼区". The exact rule, with the words that are not units and the stops, is in
// docs/deidentification.md ("district"). Returns false when no county-level unit is found before
// a stop (a digit or Latin letter, or 16 characters without a unit), e.g. "福州市五四路123号".
bool GeneralizeToDistrict(std::string_view text, std::string& out);

}  // namespace gongshu::privacy
