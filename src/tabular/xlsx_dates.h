// Dates in XLSX files: which number formats show dates or times, and the ISO 8601 text of a
// cell's serial number (docs/dataset-formats.md, "XLSX dates"). Pure functions.
//
// A spreadsheet stores a date as a number of days (the serial) and shows it as a date only
// through the cell's number format. Serials count from 1900-01-01 = 1 with Lotus 1-2-3's
// fictitious 1900-02-29 = 60 kept for compatibility, or, in workbooks with the 1904 date system,
// from 1904-01-01 = 0. The fraction of a serial is the time of day.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu::tabular {

enum class NumberFormatKind {
  kNumber,  // shown as a number (or text)
  kDate,    // shows a date, maybe with a time
  kTime,    // shows a time of day or a duration, without a date
};

// The kind of a built-in number format id (those not written in styles.xml): 14-17 and 22 are
// dates, 18-21 and 45-47 times; the East Asian built-ins 27-31, 36, 50-54 and 57-58 are dates,
// 32-35 and 55-56 times. Every other id is kNumber.
NumberFormatKind BuiltInNumberFormatKind(int id);

// The kind of a custom format code (styles.xml numFmt formatCode), from its date and time
// tokens y, m, d, h, s (either case) outside quoted text, bracketed parts ([Red], [$-804],
// [h]), and characters escaped with '\', '_' or '*': kDate when y or d occurs, or m without h
// or s; kTime when h or s occurs without y or d; kNumber otherwise.
NumberFormatKind ClassifyNumberFormat(std::string_view code);

// The ISO 8601 text of `serial` shown with a format of `kind` (kDate or kTime):
//   kDate: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when the serial has a fraction of a day;
//   kTime: "HH:MM:SS" for a serial below 1, otherwise as kDate with the time;
// seconds carry ".mmm" when the serial, rounded to the millisecond, has milliseconds.
// InvalidArgument when the serial is no real date: negative, beyond 9999-12-31, 0 in the 1900
// system with a date format (Excel shows 1900-01-00), or 60 in the 1900 system (1900-02-29).
Result<std::string> ExcelSerialText(double serial, bool date1904, NumberFormatKind kind);

}  // namespace gongshu::tabular
