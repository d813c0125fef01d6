// IRIs for the RDF the interop part writes: percent-encoding of the pieces a caller pastes into
// an IRI (ids, codes, format names, e-mail addresses), so no value can end an IRI early or smuggle
// a character that Turtle's IRIREF or a JSON-LD processor would refuse.
#pragma once

#include <string>
#include <string_view>

namespace gongshu {

// `segment` with every byte outside RFC 3986's unreserved set (A–Z a–z 0–9 - . _ ~) written as
// %XX (upper-case hexadecimal). Safe as one path segment, query value or fragment. Any bytes in,
// ASCII out; never fails.
std::string EncodeIriSegment(std::string_view segment);

// `iri` made safe to write between < and > in Turtle and as a JSON-LD @id: bytes Turtle's IRIREF
// forbids (controls, space, < > " { } | ^ ` \), every byte of 0x80 and above, and a '%' not
// followed by two hexadecimal digits are percent-encoded; everything else is kept, so an IRI that
// is already valid ASCII comes back unchanged. Never fails.
std::string SanitizeIri(std::string_view iri);

// Whether `text` looks like an absolute IRI: a scheme (a letter, then letters, digits, + - .)
// followed by ':' and at least one more character.
bool IsAbsoluteIri(std::string_view text);

}  // namespace gongshu
