// Places of GB/T 2260 division codes for dct:spatial: the name of a division and an approximate
// WGS 84 envelope and centroid, given to DCAT-AP as dct:Location's skos:prefLabel, dcat:bbox and
// dcat:centroid (DcatContext::find_place). The built-in table (data/places.tsv) holds Fujian
// province and its nine prefecture-level cities with geometry, and the districts and counties the
// demo catalog uses by name only. Its envelopes are rough, for discovery, not survey data.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "interop/dcat.h"

namespace gongshu {

class PlaceTable {
 public:
  // Parses a place file: UTF-8, one division per line, either
  //   `code<TAB>name<TAB>west<TAB>south<TAB>east<TAB>north<TAB>centroid_lon<TAB>centroid_lat`
  // or `code<TAB>name` for a division without geometry of its own; empty lines and lines
  // starting with '#' are skipped. Coordinates are decimal degrees ("-"? 1 to 3 digits, optionally
  // '.' and 1 to 7 digits), longitudes in [-180, 180], latitudes in [-90, 90]. InvalidArgument
  // naming the line for a wrong number of cells, a code that is not six digits, a duplicate code,
  // an empty or non-UTF-8 name, a malformed or out-of-range coordinate, an empty envelope (west >=
  // east or south >= north), a centroid outside its envelope, or an envelope not inside that of the
  // nearest enclosing division of the table that has one (the city `xxxx00`, then the province
  // `xx0000`). InvalidArgument too for a file with no division.
  static Result<PlaceTable> Parse(std::string_view text);
  // The built-in table (data/places.tsv).
  static const PlaceTable& Default();

  // The place of `division_code`, its geometry as WKT (POLYGON of the envelope, counter-clockwise
  // from the south-west corner; POINT of the centroid) with the coordinates as the file writes
  // them:
  //   - a division of the table: its name, and its own geometry, else that of the nearest
  //     enclosing division with geometry (its city, then its province), else none;
  //   - a six-digit code the table lacks: no name, and the geometry of the nearest enclosing
  //     division with geometry;
  //   - nullopt when neither gives anything (another province, or not a six-digit code).
  std::optional<Place> Find(std::string_view division_code) const;

 private:
  struct Entry {
    std::string name;
    std::string bbox_wkt;      // empty when the division has no geometry of its own
    std::string centroid_wkt;  // empty when the division has no geometry of its own
  };

  // The nearest division enclosing `code` (its city, then its province; never `code` itself)
  // that has geometry; nullptr when none has.
  const Entry* EnclosingWithGeometry(std::string_view code) const;

  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace gongshu
