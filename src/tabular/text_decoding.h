// The text of an uploaded CSV, JSON or NDJSON file as UTF-8, read in chunks with bounded memory.
//
// Encodings (docs/dataset-formats.md, "Encodings"): UTF-8, UTF-8 with a byte order mark (the
// mark is dropped), and GB18030, which includes GBK and GB2312. Unless the caller names the
// encoding, the first ReadLimits::sample_bytes of the file decide: a UTF-8 byte order mark means
// UTF-8 with BOM; a sample that is valid UTF-8 (a character cut by the end of the sample counts
// as valid) means UTF-8; anything else means GB18030. A file that starts with a UTF-16 byte order
// mark is refused. Bytes that are not valid in the detected encoding are never replaced: reading
// stops with an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "tabular/read_limits.h"

namespace gongshu::tabular {

enum class TextEncoding { kUtf8, kUtf8WithBom, kGb18030 };

// "utf-8", "utf-8-bom" or "gb18030", as SourceDescription::encoding spells them.
std::string_view TextEncodingName(TextEncoding encoding);

// How far `bytes` is valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF).
struct Utf8Scan {
  enum class End {
    kComplete,   // all of `bytes` is valid
    kTruncated,  // valid up to `valid_bytes`, then the start of a character that is cut short
    kInvalid,    // valid up to `valid_bytes`, then a byte sequence that can never be valid
  };
  std::size_t valid_bytes = 0;
  End end = End::kComplete;
};
Utf8Scan ScanUtf8(std::string_view bytes);

// The encoding of a file whose first bytes are `sample` (the whole file when
// `sample_is_whole_file`). Pure; see the top of this file for the rule. A UTF-16 byte order mark
// is not looked at here (TextDecoder::Open refuses it).
TextEncoding DetectTextEncoding(std::string_view sample, bool sample_is_whole_file);

// Reads one file as UTF-8 text. REQUIRES: used by one thread at a time.
class TextDecoder {
 public:
  // Opens `path` and settles its encoding: `encoding_name` "" detects it, "utf-8" or "gb18030"
  // imposes it (a UTF-8 byte order mark is dropped under "utf-8" as under detection).
  // Errors: NotFound when the file does not exist; Internal when it cannot be read;
  // InvalidArgument for an unknown encoding name or a UTF-16 byte order mark.
  static Result<std::unique_ptr<TextDecoder>> Open(const std::string& path,
                                                   std::string_view encoding_name,
                                                   const ReadLimits& limits);
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  TextEncoding encoding() const { return encoding_; }

  // Writes the next UTF-8 text of the file to out[0, capacity) and returns how many bytes it
  // wrote: about one ReadLimits::chunk_bytes of the file at most; 0 means the end of the file.
  // Never splits a character: one cut by a chunk boundary is completed by the next read.
  // When the file holds bytes that are not valid in the encoding, first every byte of text
  // before them is returned, then the next call returns InvalidArgument "bytes are not valid
  // UTF-8" (or "... GB18030"), without a line number: the caller knows the line and prefixes it.
  // A character cut short by the end of the file is such an error too. After an error the
  // decoder must not be read again. REQUIRES: capacity >= 4.
  Result<std::size_t> Read(char* out, std::size_t capacity);

  // Bytes of the file read so far (at most one chunk ahead of the text returned).
  std::uint64_t BytesRead() const { return bytes_read_; }

 private:
  class Gb18030Converter;
  TextDecoder(int file, TextEncoding encoding, const ReadLimits& limits);

  // Raw bytes of the file: first what is left of the detection sample, then the file itself.
  Result<std::size_t> ReadRaw(char* out, std::size_t capacity);
  Result<std::size_t> ReadUtf8(char* out, std::size_t capacity);
  Result<std::size_t> ReadGb18030(char* out, std::size_t capacity);
  Status InvalidBytes() const;

  int file_;
  TextEncoding encoding_;
  ReadLimits limits_;
  std::string sample_;             // bytes read for detection, not yet returned
  std::size_t sample_offset_ = 0;  // how much of sample_ has been returned
  bool file_at_end_ = false;
  std::uint64_t bytes_read_ = 0;
  // UTF-8: the text before invalid bytes was returned; the error comes next.
  bool error_pending_ = false;
  // UTF-8: the start of a character cut by the end of the previous raw chunk (at most 3 bytes).
  char carry_[4] = {};
  std::size_t carry_size_ = 0;
  // GB18030: ICU converter state and raw bytes not yet converted.
  std::unique_ptr<Gb18030Converter> gb18030_;
};

}  // namespace gongshu::tabular
