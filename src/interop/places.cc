#include "interop/places.h"

#include <charconv>
#include <cstddef>
#include <utility>
#include <vector>

#include "common/data_lines.h"
#include "common/utf8.h"

namespace gongshu {

// data/places.tsv, embedded at build time.
const std::string& DefaultPlacesText();

namespace {

constexpr size_t kNameOnlyCells = 2;
constexpr size_t kGeometryCells = 8;
constexpr size_t kMaxFractionDigits = 7;

// The cells of an envelope and a centroid, in file order after the code and the name.
constexpr const char* kCoordinateNames[] = {
    "west", "south", "east", "north", "centroid longitude", "centroid latitude"};

struct Envelope {
  double west = 0;
  double south = 0;
  double east = 0;
  double north = 0;
};

// A parsed line, kept until every line is read so envelopes can be checked against each other.
struct ParsedLine {
  int line = 0;
  std::string code;
  bool has_geometry = false;
  Envelope envelope;
};

bool IsDivisionCode(std::string_view code) {
  if (code.size() != 6) return false;
  for (char symbol : code) {
    if (symbol < '0' || symbol > '9') return false;
  }
  return true;
}

// "-"? [0-9]{1,3} ("." [0-9]{1,7})?: decimal degrees as WKT can carry them unchanged.
bool IsDecimalDegrees(std::string_view text) {
  size_t index = 0;
  if (index < text.size() && text[index] == '-') ++index;
  size_t integer_start = index;
  while (index < text.size() && text[index] >= '0' && text[index] <= '9') ++index;
  size_t integer_digits = index - integer_start;
  if (integer_digits == 0 || integer_digits > 3) return false;
  if (index == text.size()) return true;
  if (text[index] != '.') return false;
  ++index;
  size_t fraction_digits = text.size() - index;
  if (fraction_digits == 0 || fraction_digits > kMaxFractionDigits) return false;
  for (; index < text.size(); ++index) {
    if (text[index] < '0' || text[index] > '9') return false;
  }
  return true;
}

// The divisions that enclose `code`, nearest first: the city `xxxx00` of a district or county,
// then the province `xx0000`. REQUIRES: IsDivisionCode(code).
std::vector<std::string> EnclosingCodes(std::string_view code) {
  std::vector<std::string> codes;
  if (code.substr(2) == "0000") return codes;
  if (code.substr(4) != "00") codes.push_back(std::string(code.substr(0, 4)) + "00");
  codes.push_back(std::string(code.substr(0, 2)) + "0000");
  return codes;
}

bool Contains(const Envelope& outer, const Envelope& inner) {
  return inner.west >= outer.west && inner.east <= outer.east && inner.south >= outer.south &&
         inner.north <= outer.north;
}

}  // namespace

Result<PlaceTable> PlaceTable::Parse(std::string_view text) {
  PlaceTable table;
  std::vector<ParsedLine> parsed;
  std::map<std::string, size_t, std::less<>> index_of_code;
  for (const DataLine& line : DataLines(text)) {
    int line_number = line.number;
    std::string where = "line " + std::to_string(line_number);
    const std::vector<std::string_view>& cells = line.cells;
    if (cells.size() != kNameOnlyCells && cells.size() != kGeometryCells) {
      return Status::InvalidField(where,
                                  "needs 2 tab-separated cells (code, name) or 8 (code, name, "
                                  "west, south, east, north, centroid longitude, centroid "
                                  "latitude)");
    }
    std::string code(cells[0]);
    if (!IsDivisionCode(code)) return Status::InvalidField(where, "code must be six digits");
    if (index_of_code.count(code) > 0) {
      return Status::InvalidField(where, "duplicate code " + code);
    }
    if (cells[1].empty()) return Status::InvalidField(where, "name is empty");
    if (!IsValidUtf8(cells[1])) return Status::InvalidField(where, "name is not UTF-8");

    ParsedLine entry_line{line_number, code, false, {}};
    Entry entry{std::string(cells[1]), "", ""};
    if (cells.size() == kGeometryCells) {
      double values[6] = {};
      for (size_t coordinate = 0; coordinate < 6; ++coordinate) {
        std::string_view cell = cells[2 + coordinate];
        std::string name = kCoordinateNames[coordinate];
        if (!IsDecimalDegrees(cell)) {
          return Status::InvalidField(where, name + " is not a number of decimal degrees");
        }
        std::from_chars(cell.data(), cell.data() + cell.size(), values[coordinate]);
        bool latitude = coordinate % 2 == 1;
        double limit = latitude ? 90 : 180;
        if (values[coordinate] < -limit || values[coordinate] > limit) {
          return Status::InvalidField(
              where, name + " is out of range [" + (latitude ? "-90, 90]" : "-180, 180]"));
        }
      }
      Envelope envelope{values[0], values[1], values[2], values[3]};
      if (envelope.west >= envelope.east || envelope.south >= envelope.north) {
        return Status::InvalidField(
            where, "the envelope is empty: west must be less than east, south less than north");
      }
      double centroid_lon = values[4];
      double centroid_lat = values[5];
      if (centroid_lon < envelope.west || centroid_lon > envelope.east ||
          centroid_lat < envelope.south || centroid_lat > envelope.north) {
        return Status::InvalidField(where, "the centroid lies outside the envelope");
      }
      std::string west(cells[2]);
      std::string south(cells[3]);
      std::string east(cells[4]);
      std::string north(cells[5]);
      entry.bbox_wkt = "POLYGON((" + west + " " + south + ", " + east + " " + south + ", " + east +
                       " " + north + ", " + west + " " + north + ", " + west + " " + south + "))";
      entry.centroid_wkt = "POINT(" + std::string(cells[6]) + " " + std::string(cells[7]) + ")";
      entry_line.has_geometry = true;
      entry_line.envelope = envelope;
    }
    index_of_code.emplace(code, parsed.size());
    parsed.push_back(std::move(entry_line));
    table.entries_.emplace(std::move(code), std::move(entry));
  }
  if (parsed.empty()) return Status::InvalidArgument("the place file has no divisions");

  for (const ParsedLine& entry_line : parsed) {
    if (!entry_line.has_geometry) continue;
    for (const std::string& enclosing : EnclosingCodes(entry_line.code)) {
      auto found = index_of_code.find(enclosing);
      if (found == index_of_code.end() || !parsed[found->second].has_geometry) continue;
      if (!Contains(parsed[found->second].envelope, entry_line.envelope)) {
        return Status::InvalidField("line " + std::to_string(entry_line.line),
                                    "the envelope does not lie inside that of " + enclosing);
      }
      break;
    }
  }
  return table;
}

const PlaceTable& PlaceTable::Default() {
  static const PlaceTable kDefault = *Parse(DefaultPlacesText());
  return kDefault;
}

const PlaceTable::Entry* PlaceTable::EnclosingWithGeometry(std::string_view code) const {
  for (const std::string& enclosing : EnclosingCodes(code)) {
    auto found = entries_.find(enclosing);
    if (found != entries_.end() && !found->second.bbox_wkt.empty()) return &found->second;
  }
  return nullptr;
}

std::optional<Place> PlaceTable::Find(std::string_view division_code) const {
  if (!IsDivisionCode(division_code)) return std::nullopt;
  auto found = entries_.find(division_code);
  if (found != entries_.end() && !found->second.bbox_wkt.empty()) {
    return Place{found->second.name, found->second.bbox_wkt, found->second.centroid_wkt};
  }
  const Entry* enclosing = EnclosingWithGeometry(division_code);
  if (found == entries_.end() && enclosing == nullptr) return std::nullopt;
  Place place;
  if (found != entries_.end()) place.name = found->second.name;
  if (enclosing != nullptr) {
    place.bbox_wkt = enclosing->bbox_wkt;
    place.centroid_wkt = enclosing->centroid_wkt;
  }
  return place;
}

}  // namespace gongshu
